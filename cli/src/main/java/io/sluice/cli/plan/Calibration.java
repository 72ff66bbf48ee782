package io.sluice.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The per-core rates and bytes per row the capacity model scales up: written by {@code sluice bench} to
 * {@code <runDir>/bench/last.json}, read by {@code sluice plan}.
 *
 * @param source where the figures come from: "bench <benchmark> sf<N> <date>" or "defaults"
 * @param generatorRowsPerCoreSecond generator -> Kafka, rows per CPU-second of the generator process
 * @param parquetLanderRowsPerCoreSecond Kafka -> Parquet in S3, rows per CPU-second of the lander
 * @param clickhouseLanderRowsPerCoreSecond Kafka -> ClickHouse, rows per CPU-second of the lander alone
 * @param clickhouseServerRowsPerCoreSecond rows per CPU-second ClickHouse itself spends on the lander's inserts
 * @param kafkaBytesPerRow bytes per row in Kafka's log (compressed batches), one replica
 * @param parquetBytesPerRow bytes per row of the Parquet objects
 * @param clickhouseBytesPerRow bytes per row on disk in ClickHouse (active parts), one replica
 */
public record Calibration(
        String source,
        double generatorRowsPerCoreSecond,
        double parquetLanderRowsPerCoreSecond,
        double clickhouseLanderRowsPerCoreSecond,
        double clickhouseServerRowsPerCoreSecond,
        double kafkaBytesPerRow,
        double parquetBytesPerRow,
        double clickhouseBytesPerRow)
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Calibration
    {
        requireNonNull(source, "source is null");
        positive("generatorRowsPerCoreSecond", generatorRowsPerCoreSecond);
        positive("parquetLanderRowsPerCoreSecond", parquetLanderRowsPerCoreSecond);
        positive("clickhouseLanderRowsPerCoreSecond", clickhouseLanderRowsPerCoreSecond);
        positive("clickhouseServerRowsPerCoreSecond", clickhouseServerRowsPerCoreSecond);
        positive("kafkaBytesPerRow", kafkaBytesPerRow);
        positive("parquetBytesPerRow", parquetBytesPerRow);
        positive("clickhouseBytesPerRow", clickhouseBytesPerRow);
    }

    /**
     * The medians of {@code sluice bench --scale-factor 1} on the 2-core development VM, 2026-11-22 (README,
     * "Capacity planning"), rounded; for planning before any bench has run here.
     */
    public static Calibration defaults()
    {
        return new Calibration("defaults (TPC-H SF 1 bench on a 2-core VM, 2026-12-04, see README)", 800_000, 280_000, 1_360_000, 1_020_000, 49, 27, 49);
    }

    public static Path file(Path runDir)
    {
        return runDir.resolve("bench").resolve("last.json");
    }

    public static Optional<Calibration> read(Path file)
    {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Calibration.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the bench calibration %s (%s); rerun 'sluice bench' or delete the file".formatted(file, e.getMessage()), e);
        }
    }

    public void write(Path file)
    {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), this);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench calibration " + file + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String name, double value)
    {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("calibration %s must be a positive number, got %s".formatted(name, value));
        }
    }
}
