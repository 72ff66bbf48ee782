package io.sluice.loaders.parquet;

import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.schema.settings.EnvironmentReader;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet sink: the store, the file format, the multipart part size and the local spill directory.
 * {@link #fromEnvironment} reads {@code SLUICE_S3_*} and {@code SLUICE_PARQUET_*}.
 */
public record ParquetSettings(S3Settings s3, ParquetFormat format, long partBytes, Path spillDirectory)
{
    public static final String PART_BYTES_ENV = "SLUICE_PARQUET_PART_BYTES";
    public static final String SPILL_DIR_ENV = "SLUICE_PARQUET_SPILL_DIR";

    public static final long DEFAULT_PART_BYTES = 16L * 1024 * 1024;

    public ParquetSettings
    {
        requireNonNull(s3, "s3 is null");
        requireNonNull(format, "format is null");
        if (partBytes < ObjectStore.MIN_PART_BYTES) {
            throw new IllegalArgumentException("%s must be >= %d (S3's smallest part), got %d".formatted(PART_BYTES_ENV, ObjectStore.MIN_PART_BYTES, partBytes));
        }
        requireNonNull(spillDirectory, "spillDirectory is null");
    }

    public static Path defaultSpillDirectory()
    {
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-parquet-spill");
    }

    public static ParquetSettings defaults(S3Settings s3)
    {
        return new ParquetSettings(s3, ParquetFormat.defaults(), DEFAULT_PART_BYTES, defaultSpillDirectory());
    }

    public ParquetSettings withSpillDirectory(Path directory)
    {
        return new ParquetSettings(s3, format, partBytes, directory);
    }

    public static ParquetSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        ParquetFormat format = new ParquetFormat(
                env.string(ParquetFormat.COMPRESSION_ENV).map(ParquetFormat::parseCompression).orElse(ParquetFormat.DEFAULT_COMPRESSION),
                env.intValue(ParquetFormat.ZSTD_LEVEL_ENV).orElse(ParquetFormat.DEFAULT_ZSTD_LEVEL),
                env.longValue(ParquetFormat.ROW_GROUP_BYTES_ENV).orElse(ParquetFormat.DEFAULT_ROW_GROUP_BYTES),
                env.intValue(ParquetFormat.PAGE_BYTES_ENV).orElse(ParquetFormat.DEFAULT_PAGE_BYTES));
        return new ParquetSettings(
                S3Settings.fromEnvironment(environment),
                format,
                env.longValue(PART_BYTES_ENV).orElse(DEFAULT_PART_BYTES),
                env.string(SPILL_DIR_ENV).map(Path::of).orElse(defaultSpillDirectory()));
    }
}
