package io.sluice.cli;

import io.sluice.cli.plan.Calibration;
import io.sluice.cli.plan.PlanText;
import io.sluice.generator.plan.TableShape;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.stack.ServerKinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Whether a new local stack's disk can hold a dataset. On one machine Kafka, the S3 store and ClickHouse all keep it
 * in the run dir, and a full disk takes the broker down halfway through and the rest of the machine with it; so
 * {@code sluice run} refuses such a dataset before it starts a server. The figures are estimates: the rows of the
 * TPC tables and the bytes per row the last {@code sluice bench} measured (or the plan's defaults).
 *
 * @param kafkaBytes the dataset in Kafka's log, one replica as on the local stack
 * @param usableBytes what the run dir's disk has free, plus what a new stack's servers will delete there first
 */
record DiskSpace(DatasetId dataset, long kafkaBytes, long parquetBytes, long clickhouseBytes, long usableBytes) {
    DiskSpace {
        requireNonNull(dataset, "dataset is null");
    }

    /** @param tables the tables to generate; empty means all of the benchmark's */
    static DiskSpace of(Path runDir, DatasetId dataset, List<String> tables, Calibration rates) {
        return of(runDir, dataset, tables, rates, 1);
    }

    /**
     * @param tables the tables to generate; empty means all of the benchmark's
     * @param copiesPerSink how many copies of the dataset each sink keeps: {@code sluice bench}'s first stack holds the
     *        lander's and its ceiling's
     */
    static DiskSpace of(Path runDir, DatasetId dataset, List<String> tables, Calibration rates, int copiesPerSink) {
        if (copiesPerSink < 1) {
            throw new IllegalArgumentException("copiesPerSink must be at least 1, got " + copiesPerSink);
        }
        List<String> generated = tables.isEmpty() ? dataset.benchmark().tables() : tables;
        long rows = TableShape.estimatedRows(dataset.benchmark(), generated, dataset.scaleFactor());
        return new DiskSpace(dataset, bytes(rows, rates.kafkaBytesPerRow()), copiesPerSink * bytes(rows, rates.parquetBytesPerRow()),
                copiesPerSink * bytes(rows, rates.clickhouseBytesPerRow()), usableBytes(runDir));
    }

    /**
     * The bytes per row of the last bench in {@code runDir}, else the plan's defaults: also when that file does not
     * read, since an estimate must not stop a run that the next bench's calibration would replace anyway.
     */
    static Calibration rates(Path runDir) {
        try {
            return Calibration.read(Calibration.file(runDir)).orElseGet(Calibration::defaults);
        }
        catch (UncheckedIOException e) {
            return Calibration.defaults();
        }
    }

    long neededBytes() {
        return kafkaBytes + parquetBytes + clickhouseBytes;
    }

    /** Why the dataset does not fit, naming the figures; empty when it does. */
    Optional<String> shortfall() {
        if (neededBytes() <= usableBytes) {
            return Optional.empty();
        }
        return Optional.of("%s takes about %s on the run dir's disk (Kafka %s, Parquet %s, ClickHouse %s), which has %s for it".formatted(
                dataset, PlanText.gigabytes(neededBytes()), PlanText.gigabytes(kafkaBytes), PlanText.gigabytes(parquetBytes), PlanText.gigabytes(clickhouseBytes), PlanText.gigabytes(usableBytes)));
    }

    private static long bytes(long rows, double bytesPerRow) {
        return (long) Math.ceil(rows * bytesPerRow);
    }

    private static long usableBytes(Path runDir) {
        Path existing = runDir.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            long reclaimed = 0;
            for (String server : ServerKinds.names()) {
                reclaimed += size(runDir.resolve(server));
            }
            return Files.getFileStore(existing).getUsableSpace() + reclaimed;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot tell the free space of %s: %s".formatted(runDir, e.getMessage()), e);
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                }
                catch (IOException e) {
                    // gone while walking: a server of the old stack still writing
                    return 0;
                }
            }).sum();
        }
    }
}
