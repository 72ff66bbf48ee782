package io.sluice.loaders.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetSettingsTest
{
    @Test
    void defaults()
    {
        ParquetSettings settings = ParquetSettings.fromEnvironment(environment(Map.of()));

        assertThat(settings.format().compression()).isEqualTo(CompressionCodecName.ZSTD);
        assertThat(settings.format().zstdLevel()).isEqualTo(3);
        assertThat(settings.format().rowGroupBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(settings.format().pageBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.partBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(settings.spillDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-parquet-spill"));
        assertThat(settings.s3().bucket()).isEqualTo("sluice");
        assertThat(settings).isEqualTo(ParquetSettings.defaults(settings.s3()));
    }

    @Test
    void readsEveryVariable()
    {
        ParquetSettings settings = ParquetSettings.fromEnvironment(environment(Map.of(
                "SLUICE_PARQUET_COMPRESSION", "snappy",
                "SLUICE_PARQUET_ZSTD_LEVEL", "9",
                "SLUICE_PARQUET_ROW_GROUP_BYTES", "33554432",
                "SLUICE_PARQUET_PAGE_BYTES", "65536",
                "SLUICE_PARQUET_PART_BYTES", "8388608",
                "SLUICE_PARQUET_SPILL_DIR", "/var/spill",
                "SLUICE_S3_BUCKET", "other")));

        assertThat(settings.format()).isEqualTo(new ParquetFormat(CompressionCodecName.SNAPPY, 9, 32L * 1024 * 1024, 64 * 1024));
        assertThat(settings.partBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(settings.spillDirectory()).isEqualTo(Path.of("/var/spill"));
        assertThat(settings.s3().bucket()).isEqualTo("other");
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_COMPRESSION", "gzip"))))
                .hasMessage("SLUICE_PARQUET_COMPRESSION GZIP is not supported; use ZSTD, SNAPPY or UNCOMPRESSED");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_COMPRESSION", "fast"))))
                .hasMessage("SLUICE_PARQUET_COMPRESSION 'fast' is not a codec; use ZSTD, SNAPPY or UNCOMPRESSED");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_ZSTD_LEVEL", "23"))))
                .hasMessage("SLUICE_PARQUET_ZSTD_LEVEL must be 1-22, got 23");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_ROW_GROUP_BYTES", "1000"))))
                .hasMessage("SLUICE_PARQUET_ROW_GROUP_BYTES must be >= 1 MiB, got 1000");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_PAGE_BYTES", "100"))))
                .hasMessage("SLUICE_PARQUET_PAGE_BYTES must be >= 4096 and <= SLUICE_PARQUET_ROW_GROUP_BYTES, got 100");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_PART_BYTES", "1048576"))))
                .hasMessage("SLUICE_PARQUET_PART_BYTES must be >= 5242880 (S3's smallest part), got 1048576");
        assertThatThrownBy(() -> ParquetSettings.fromEnvironment(environment(Map.of("SLUICE_PARQUET_PART_BYTES", "big"))))
                .hasMessage("SLUICE_PARQUET_PART_BYTES 'big' is not a whole number");
    }

    private static Map<String, String> environment(Map<String, String> values)
    {
        Map<String, String> environment = new HashMap<>(Map.of("SLUICE_S3_ACCESS_KEY", "AKIATEST", "SLUICE_S3_SECRET_KEY", "secret"));
        environment.putAll(values);
        return environment;
    }
}
