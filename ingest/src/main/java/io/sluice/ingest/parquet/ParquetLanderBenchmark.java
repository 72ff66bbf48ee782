package io.sluice.ingest.parquet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.DatasetPlan;
import io.sluice.generator.plan.DatasetPlanner;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.rows.ChunkRows;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.lander.BatchKey;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.OpenBatch;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.loaders.parquet.ParquetObjects;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.loaders.s3.StoredObject;
import io.sluice.schema.DurationText;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.table.TableSchemas;
import io.sluice.schema.topic.Topics;
import org.apache.avro.Schema;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet lander's part of {@code sluice bench}, for one table of a dataset on a running stack, all in this
 * process and measured by this process's CPU time (so the figures are per core actually used, whatever the
 * machine runs besides; the Kafka broker and the S3 server are other processes and not counted):
 * <ol>
 * <li><b>generate</b>: the generator's rows encoded as for Kafka, nothing written (what the ceiling spends on
 * producing its input);
 * <li><b>ceiling</b>: the same rows straight into Parquet objects in the store, through the lander's own sink
 * writer, one object per sub-chunk as the lander cuts them, without Kafka; into the bucket
 * {@code <bucket>-ceiling} so the landed table stays as the lander writes it;
 * <li><b>lander</b>: the dataset produced to Kafka, all of it since a dataset keeps one plan (skipped where the
 * generator already committed it), then
 * landed by a {@link ParquetLander} with a new consumer group into the bucket, timed until every row is landed.
 * </ol>
 * Byte rates are of the rows' Avro payloads (the input of both); {@link Measurement#objectBytes} is the Parquet written.
 */
public final class ParquetLanderBenchmark
{
    private static final Duration POLL = Duration.ofMillis(20);

    private ParquetLanderBenchmark() {}

    /**
     * @param wall elapsed time
     * @param cpu this process's CPU time over it, all threads
     */
    public record Measurement(long rows, long payloadBytes, long objectBytes, Duration wall, Duration cpu)
    {
        public Measurement
        {
            requireNonNull(wall, "wall is null");
            requireNonNull(cpu, "cpu is null");
        }

        public double rowsPerSecond()
        {
            return rows / seconds(wall);
        }

        /**
         * Cores busy on average: CPU time over elapsed time.
         */
        public double cores()
        {
            return seconds(cpu) / seconds(wall);
        }

        public double rowsPerCoreSecond()
        {
            return rows / seconds(cpu);
        }

        public double megabytesPerCoreSecond()
        {
            return payloadBytes / 1e6 / seconds(cpu);
        }

        @Override
        public String toString()
        {
            return "%,d rows, %,.1f MB in %.1f s using %.2f cores: %,.0f rows/s, %,.0f rows/s and %.1f MB/s per core%s".formatted(
                    rows, payloadBytes / 1e6, seconds(wall), cores(), rowsPerSecond(), rowsPerCoreSecond(), megabytesPerCoreSecond(),
                    objectBytes == 0 ? "" : ", %,.1f MB of Parquet".formatted(objectBytes / 1e6));
        }

        private static double seconds(Duration duration)
        {
            return Math.max(duration.toNanos(), 1) / 1e9;
        }
    }

    public record Report(DatasetId dataset, String table, Measurement generate, Measurement ceiling, Measurement lander)
    {
        public Report
        {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(table, "table is null");
            requireNonNull(generate, "generate is null");
            requireNonNull(ceiling, "ceiling is null");
            requireNonNull(lander, "lander is null");
        }

        /**
         * The lander's rows per core-second over the ceiling's.
         */
        public double ratio()
        {
            return lander.rowsPerCoreSecond() / ceiling.rowsPerCoreSecond();
        }

        /**
         * The ceiling's rows per core-second without what generating its input cost (the lander gets its
         * input from Kafka instead): the Parquet work alone, decode to upload.
         */
        public double ceilingWithoutGenerationRowsPerCoreSecond()
        {
            return ceiling.rows() / (Math.max(ceiling.cpu().minus(generate.cpu()).toNanos(), 1) / 1e9);
        }

        /**
         * The lander's rows per core-second over the Parquet work alone: what Kafka (fetch, transactions) adds.
         */
        public double ratioWithoutGeneration()
        {
            return lander.rowsPerCoreSecond() / ceilingWithoutGenerationRowsPerCoreSecond();
        }

        @Override
        public String toString()
        {
            return """
                    %s %s
                      generate+encode: %s
                      ceiling (generate -> Parquet in S3): %s
                      lander (Kafka -> Parquet in S3): %s
                      lander / ceiling per core: %.2f
                      Parquet alone (ceiling minus generate+encode): %,.0f rows/s per core; lander / that: %.2f""".formatted(
                    dataset, table, generate, ceiling, lander, ratio(), ceilingWithoutGenerationRowsPerCoreSecond(), ratioWithoutGeneration());
        }
    }

    /**
     * Runs the three measurements in order.
     *
     * @param generator the dataset as it is (or is to be) generated into Kafka; {@code table} is one of its tables
     * @param timeout how long the lander may take to land the table
     * @throws IllegalStateException if the lander fails or does not finish in time
     */
    public static Report run(GeneratorSettings generator, ParquetSettings parquet, String table, Duration timeout)
    {
        requireNonNull(generator, "generator is null");
        requireNonNull(parquet, "parquet is null");
        requireNonNull(timeout, "timeout is null");
        DatasetId dataset = generator.dataset();
        KafkaClientSettings kafka = generator.kafka();
        if (!generator.effectiveTables().contains(table)) {
            throw new IllegalArgumentException("table '%s' is not one of the dataset's: %s".formatted(table, generator.effectiveTables()));
        }
        DatasetPlan plan = DatasetPlanner.plan(generator.withTables(List.of(table)));

        Measurement generate = measure(() -> generateOnly(plan, table));
        Measurement ceiling = measure(() -> ceiling(plan, table, parquet));

        new DatasetGenerator(generator, ProgressListener.NONE, new SimpleMeterRegistry()).run();
        Measurement landed = measure(() -> land(kafka, parquet, dataset, table, ceiling.rows(), timeout));
        return new Report(dataset, table, generate, ceiling,
                new Measurement(landed.rows(), ceiling.payloadBytes(), landed.objectBytes(), landed.wall(), landed.cpu()));
    }

    /**
     * {@code ParquetLanderBenchmark <dataset> <table> [timeout seconds]} on the stack named by {@code SLUICE_KAFKA_*},
     * {@code SLUICE_S3_*} and {@code SLUICE_PARQUET_*}.
     */
    public static void main(String[] args)
    {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ParquetLanderBenchmark <dataset, e.g. tpch.sf1> <table, e.g. lineitem> [timeout seconds, default 3600]");
            System.exit(2);
        }
        Map<String, String> environment = System.getenv();
        DatasetId dataset = DatasetId.parse(args[0]);
        GeneratorSettings generator = GeneratorSettings.defaults(KafkaClientSettings.fromEnvironment(environment), dataset.benchmark(), dataset.scaleFactor());
        Report report = run(generator, ParquetSettings.fromEnvironment(environment), args[1], Duration.ofSeconds(args.length == 3 ? Long.parseLong(args[2]) : 3600));
        System.out.println(report);
    }

    private static Measurement generateOnly(DatasetPlan plan, String table)
    {
        long rows = 0;
        long payloadBytes = 0;
        ChunkChecksum checksum = new ChunkChecksum();
        for (ChunkPlan chunk : plan.chunksOf(table)) {
            ChunkRows cursor = ChunkRows.of(chunk);
            while (cursor.next()) {
                payloadBytes += cursor.encode(checksum).remaining();
                rows++;
            }
        }
        return new Measurement(rows, payloadBytes, 0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The rows into Parquet objects through the lander's sink writer, one object per sub-chunk of each part.
     */
    private static Measurement ceiling(DatasetPlan plan, String table, ParquetSettings parquet)
    {
        S3Settings s3 = parquet.s3();
        S3Settings ceilingStore = new S3Settings(s3.endpoint(), s3.bucket() + "-ceiling", s3.region(), s3.accessKey(), s3.secretKey(), true);
        Schema schema = TableSchemas.schema(plan.dataset().benchmark(), table);
        String topic = Topics.rows(plan.dataset(), table);
        long rows = 0;
        long payloadBytes = 0;
        long objectBytes = 0;
        ObjectStore store = new ObjectStore(ceilingStore);
        try (ParquetSinkWriter writer = new ParquetSinkWriter(store, new ParquetObjects(store, parquet.format(), parquet.spillDirectory(), parquet.partBytes()))) {
            ChunkChecksum checksum = new ChunkChecksum();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                ChunkRows cursor = ChunkRows.of(chunk);
                OpenBatch batch = null;
                int subChunk = 0;
                long row = 0;
                while (cursor.next()) {
                    if (cursor.subChunk() != subChunk) {
                        if (batch != null) {
                            objectBytes += batch.complete(row - 1).bytes();
                        }
                        subChunk = cursor.subChunk();
                        batch = writer.open(new BatchKey(plan.dataset(), table, topic, chunk.part() - 1, row), schema);
                    }
                    ByteBuffer payload = cursor.encode(checksum);
                    batch.append(payload);
                    payloadBytes += payload.remaining();
                    rows++;
                    row++;
                }
                if (batch != null) {
                    objectBytes += batch.complete(row - 1).bytes();
                }
            }
        }
        return new Measurement(rows, payloadBytes, objectBytes, Duration.ZERO, Duration.ZERO);
    }

    private static Measurement land(KafkaClientSettings kafka, ParquetSettings parquet, DatasetId dataset, String table, long rows, Duration timeout)
    {
        String group = "sluice-bench-" + UUID.randomUUID();
        LanderSettings settings = LanderSettings.defaults(kafka, List.of(Topics.rows(dataset, table)))
                .withGroupId(group)
                .withTransactionalId(group + "-0");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RunningLander lander = ParquetLander.run(settings, parquet, registry)) {
            while (landed(registry, table) < rows) {
                if (lander.failure().isPresent()) {
                    throw new IllegalStateException("the lander failed: " + lander.failure().get().getMessage(), lander.failure().get());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the lander landed %,.0f of %,d rows of %s within %s; raise the timeout".formatted(landed(registry, table), rows, table, DurationText.of(timeout)));
                }
                sleep();
            }
        }
        long objectBytes;
        try (ObjectStore store = new ObjectStore(parquet.s3())) {
            objectBytes = store.list(ParquetLayout.tablePrefix(dataset, table)).stream().mapToLong(StoredObject::bytes).sum();
        }
        return new Measurement((long) landed(registry, table), 0, objectBytes, Duration.ZERO, Duration.ZERO);
    }

    private static double landed(SimpleMeterRegistry registry, String table)
    {
        Counter counter = registry.find("sluice.rows.landed").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private interface Work
    {
        Measurement run();
    }

    /**
     * The work's counts with its elapsed and CPU time (of this whole process, every thread).
     */
    private static Measurement measure(Work work)
    {
        Duration cpuBefore = processCpu();
        long start = System.nanoTime();
        Measurement counts = work.run();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Measurement(counts.rows(), counts.payloadBytes(), counts.objectBytes(), wall, processCpu().minus(cpuBefore));
    }

    private static Duration processCpu()
    {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this platform does not report the process's CPU time, which the benchmark measures"));
    }

    private static void sleep()
    {
        try {
            Thread.sleep(POLL);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lander", e);
        }
    }
}
