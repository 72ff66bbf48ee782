package io.sluice.loaders.s3;

import static java.util.Objects.requireNonNull;

/**
 * An object in the store's bucket: its key and size in bytes.
 */
public record StoredObject(String key, long bytes)
{
    public StoredObject
    {
        requireNonNull(key, "key is null");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
    }
}
