package io.sluice.loaders.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The bucket of an S3 store through the MinIO Java SDK. Uploads of files larger than the part size go as
 * multipart uploads, which the store makes visible only when complete, so readers never see a partial object.
 * Every failure is an {@link ObjectStoreException} naming the endpoint, bucket and key. Thread-safe.
 */
public final class ObjectStore
        implements AutoCloseable
{
    /** S3's smallest part of a multipart upload (except the last). */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    private final S3Settings settings;
    private final MinioClient client;

    public ObjectStore(S3Settings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
    }

    public String bucket()
    {
        return settings.bucket();
    }

    /**
     * Creates the bucket if it is missing and the settings allow it.
     *
     * @throws ObjectStoreException if it is missing and may not be created, or the store fails
     */
    public void ensureBucket()
    {
        boolean exists = call("check bucket", () -> client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build()));
        if (exists) {
            return;
        }
        if (!settings.createBucket()) {
            throw new ObjectStoreException("bucket '%s' does not exist at %s; create it, or set %s=true to let Sluice create it".formatted(
                    settings.bucket(), settings.endpoint(), S3Settings.CREATE_BUCKET_ENV));
        }
        call("create bucket", () -> {
            client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).region(settings.region()).build());
            return null;
        });
    }

    /**
     * Uploads a local file as {@code key}, replacing any object of that key; multipart above {@code partBytes}.
     */
    public StoredObject upload(String key, Path file, long partBytes)
    {
        requireNonNull(key, "key is null");
        requireNonNull(file, "file is null");
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("partBytes must be >= %d, got %d".formatted(MIN_PART_BYTES, partBytes));
        }
        return call("upload " + key, () -> {
            long size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                // a known size with a part size: the SDK puts small files in one request, larger ones in parts
                client.putObject(PutObjectArgs.builder()
                        .bucket(settings.bucket())
                        .object(key)
                        .stream(in, size, size > partBytes ? partBytes : -1)
                        .contentType("application/vnd.apache.parquet")
                        .build());
            }
            return new StoredObject(key, size);
        });
    }

    public List<StoredObject> list(String prefix)
    {
        requireNonNull(prefix, "prefix is null");
        return call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket()).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                objects.add(new StoredObject(item.objectName(), item.size()));
            }
            return List.copyOf(objects);
        });
    }

    public byte[] read(String key)
    {
        requireNonNull(key, "key is null");
        return call("read " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public void close()
    {
        try {
            client.close();
        }
        catch (Exception e) {
            throw new ObjectStoreException("cannot close the S3 client of " + settings.endpoint(), e);
        }
    }

    private <T> T call(String what, StoreCall<T> call)
    {
        try {
            return call.run();
        }
        catch (ObjectStoreException e) {
            throw e;
        }
        catch (Exception e) {
            throw new ObjectStoreException("S3 store %s, bucket %s: cannot %s: %s".formatted(settings.endpoint(), settings.bucket(), what, e), e);
        }
    }

    @FunctionalInterface
    private interface StoreCall<T>
    {
        T run()
                throws Exception;
    }
}
