package io.sluice.loaders.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * How Parquet files are encoded. The defaults suit Trino, Spark and ClickHouse readers: ZSTD, 128 MiB row
 * groups (one split per row group), 1 MiB pages.
 *
 * @param rowGroupBytes the size a row group is closed at; also the writer's in-memory buffer per open file
 */
public record ParquetFormat(CompressionCodecName compression, int zstdLevel, long rowGroupBytes, int pageBytes)
{
    public static final String COMPRESSION_ENV = "SLUICE_PARQUET_COMPRESSION";
    public static final String ZSTD_LEVEL_ENV = "SLUICE_PARQUET_ZSTD_LEVEL";
    public static final String ROW_GROUP_BYTES_ENV = "SLUICE_PARQUET_ROW_GROUP_BYTES";
    public static final String PAGE_BYTES_ENV = "SLUICE_PARQUET_PAGE_BYTES";

    public static final CompressionCodecName DEFAULT_COMPRESSION = CompressionCodecName.ZSTD;
    public static final int DEFAULT_ZSTD_LEVEL = 3;
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_PAGE_BYTES = 1024 * 1024;

    public ParquetFormat
    {
        requireNonNull(compression, "compression is null");
        if (compression != CompressionCodecName.ZSTD && compression != CompressionCodecName.SNAPPY && compression != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("%s %s is not supported; use ZSTD, SNAPPY or UNCOMPRESSED".formatted(COMPRESSION_ENV, compression));
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("%s must be 1-22, got %d".formatted(ZSTD_LEVEL_ENV, zstdLevel));
        }
        if (rowGroupBytes < 1024 * 1024) {
            throw new IllegalArgumentException("%s must be >= 1 MiB, got %d".formatted(ROW_GROUP_BYTES_ENV, rowGroupBytes));
        }
        if (pageBytes < 4096 || pageBytes > rowGroupBytes) {
            throw new IllegalArgumentException("%s must be >= 4096 and <= %s, got %d".formatted(PAGE_BYTES_ENV, ROW_GROUP_BYTES_ENV, pageBytes));
        }
    }

    public static ParquetFormat defaults()
    {
        return new ParquetFormat(DEFAULT_COMPRESSION, DEFAULT_ZSTD_LEVEL, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES);
    }

    public static CompressionCodecName parseCompression(String text)
    {
        try {
            return CompressionCodecName.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException _) {
            throw new IllegalArgumentException("%s '%s' is not a codec; use ZSTD, SNAPPY or UNCOMPRESSED".formatted(COMPRESSION_ENV, text));
        }
    }
}
