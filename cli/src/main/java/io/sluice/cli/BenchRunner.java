package io.sluice.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cli.bench.BenchReport;
import io.sluice.cli.bench.Machine;
import io.sluice.cli.bench.Measure;
import io.sluice.cli.bench.MemoryProbe;
import io.sluice.cli.bench.Spread;
import io.sluice.cli.bench.StageResult;
import io.sluice.cli.plan.Calibration;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.bench.GeneratorBenchmark;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.clickhouse.ClickHouseLanderBenchmark;
import io.sluice.ingest.clickhouse.ClickHouseSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.parquet.ParquetLanderBenchmark;
import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Runs the stages of {@code sluice bench} for one dataset: warm-up and measured repetitions, each on fresh local
 * stacks of its own (Kafka, S3, ClickHouse under {@code <runDir>/bench/stack}), because a dataset's topics and
 * events can be produced only once per broker. In each repetition, on a first stack: the generator benchmark
 * (library, encoding, into Kafka), then the Parquet lander benchmark over every table, then the ClickHouse one;
 * on a second stack: the whole pipeline, timed from the generator's start to both {@code DatasetReady} events.
 * Every stage runs in this process and is measured by this process's CPU time; the servers are other processes.
 */
final class BenchRunner
        implements AutoCloseable
{
    static final String GENERATE = "generate";
    static final String ENCODE = "generate+encode";
    static final String TO_KAFKA = "generator->kafka";
    static final String TO_PARQUET = "kafka->parquet";
    static final String TO_CLICKHOUSE = "kafka->clickhouse";
    static final String END_TO_END = "end-to-end";
    private static final List<String> SERVERS = List.of("kafka", "s3", "clickhouse");

    private final Path runDir;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Consumer<String> log;
    private final MemoryProbe memory = new MemoryProbe();

    /**
     * @param environment {@code SLUICE_*} settings naming the dataset and tuning the services; the stacks' endpoints override it
     */
    BenchRunner(Path runDir, Map<String, String> environment, Duration timeout, Consumer<String> log)
    {
        this.runDir = requireNonNull(runDir, "runDir is null");
        this.environment = Map.copyOf(environment);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.log = requireNonNull(log, "log is null");
    }

    record Outcome(BenchReport report, Calibration calibration) {}

    @Override
    public void close()
    {
        memory.close();
    }

    Outcome run(int warmup, int repetitions)
            throws InterruptedException, IOException
    {
        Instant started = Instant.now();
        Machine machine = Machine.current();
        for (int i = 1; i <= warmup; i++) {
            log.accept("warm-up %d of %d".formatted(i, warmup));
            repetition();
        }
        List<Repetition> measured = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            log.accept("repetition %d of %d".formatted(i, repetitions));
            measured.add(repetition());
        }
        Repetition last = measured.getLast();
        BenchReport report = new BenchReport(last.dataset().toString(), repetitions, warmup, started, machine.ended(), stages(measured),
                measured.stream().map(Repetition::endToEnd).toList(), memory.rssResettable());
        return new Outcome(report, calibration(report, measured));
    }

    private List<StageResult> stages(List<Repetition> repetitions)
    {
        List<StageResult> stages = new ArrayList<>();
        for (String name : repetitions.getFirst().samples().keySet()) {
            List<Sample> samples = repetitions.stream().map(repetition -> repetition.samples().get(name)).toList();
            Sample first = samples.getFirst();
            stages.add(new StageResult(name, samples.stream().map(Sample::measured).toList(), first.ceilingName(),
                    samples.stream().flatMap(sample -> sample.ceiling().stream()).toList(),
                    samples.stream().mapToLong(sample -> sample.peak().rssBytes()).max().orElseThrow(),
                    samples.stream().mapToLong(sample -> sample.peak().jvmBytes()).max().orElseThrow(),
                    samples.stream().mapToLong(sample -> sample.peak().liveHeapBytes()).max().orElseThrow()));
        }
        return stages;
    }

    private static Calibration calibration(BenchReport report, List<Repetition> repetitions)
    {
        Repetition last = repetitions.getLast();
        return new Calibration("bench %s %s".formatted(report.dataset(), report.startedAt()),
                report.stage(TO_KAFKA).orElseThrow().rowsPerCoreSecond().median(),
                report.stage(TO_PARQUET).orElseThrow().rowsPerCoreSecond().median(),
                Spread.of(repetitions, repetition -> perSecond(repetition.clickhouse().lander().rows(), repetition.clickhouse().lander().clientCpu())).median(),
                Spread.of(repetitions, repetition -> perSecond(repetition.clickhouse().lander().rows(), repetition.clickhouse().lander().serverCpu())).median(),
                (double) last.kafkaLogBytes() / last.rows(),
                (double) last.parquetBytes() / last.rows(),
                (double) last.clickhouse().landedBytes() / last.rows());
    }

    /** The stages of one repetition, in report order, with what calibrates the plan. */
    private record Repetition(DatasetId dataset, long rows, Map<String, Sample> samples, Duration endToEnd,
            long kafkaLogBytes, long parquetBytes, ClickHouseLanderBenchmark.Result clickhouse) {}

    private record Sample(Measure measured, Optional<String> ceilingName, Optional<Measure> ceiling, MemoryProbe.Peak peak) {}

    private Repetition repetition()
            throws InterruptedException, IOException
    {
        Map<String, Sample> samples = new LinkedHashMap<>();
        GeneratorSettings generator;
        long kafkaLogBytes;
        long parquetBytes;
        ClickHouseLanderBenchmark.Result clickhouse;
        try (LocalStack stack = freshStack()) {
            Map<String, String> env = servicesOn(stack);
            generator = GeneratorSettings.fromEnvironment(env);
            DatasetId dataset = generator.dataset();

            log.accept("  generator: library, encoding, into Kafka");
            memory.reset();
            GeneratorBenchmark.Report report = GeneratorBenchmark.run(generator, true);
            MemoryProbe.Peak generatorPeak = memory.peak();
            GenerationSummary summary = report.kafka().orElseThrow();
            long rows = summary.rows();
            long bytes = summary.bytes();
            Measure generate = new Measure(report.rows(), bytes, wall(report.tables().stream().map(GeneratorBenchmark.TableRates::generate)), report.generateCpu());
            Measure encode = new Measure(report.rows(), bytes, wall(report.tables().stream().map(GeneratorBenchmark.TableRates::encode)), report.encodeCpu());
            samples.put(GENERATE, new Sample(generate, Optional.empty(), Optional.empty(), generatorPeak));
            samples.put(ENCODE, new Sample(encode, Optional.of(GENERATE), Optional.of(generate), generatorPeak));
            samples.put(TO_KAFKA, new Sample(new Measure(rows, bytes, summary.elapsed(), report.kafkaCpu().orElseThrow()),
                    Optional.of(GENERATE), Optional.of(generate), generatorPeak));
            kafkaLogBytes = kafkaLogBytes(generator.kafka(), dataset, summary);

            log.accept("  Parquet lander vs generate -> Parquet, table by table");
            memory.reset();
            ParquetTotals parquet = new ParquetTotals();
            for (GenerationSummary.TableSummary table : summary.tables()) {
                parquet.add(ParquetLanderBenchmark.run(generator, ParquetSettings.fromEnvironment(env), table.table(), timeout));
            }
            samples.put(TO_PARQUET, new Sample(parquet.lander(), Optional.of("generate -> Parquet in S3"), Optional.of(parquet.ceiling()), memory.peak()));
            parquetBytes = parquet.objectBytes;

            log.accept("  ClickHouse lander vs Native insert");
            memory.reset();
            Map<String, String> landerEnv = new HashMap<>(env);
            landerEnv.put(LanderSettings.SOURCES_ENV, dataset.toString());
            Map<String, Long> rowsPerTable = new LinkedHashMap<>();
            summary.tables().forEach(table -> rowsPerTable.put(table.table(), table.rows()));
            clickhouse = ClickHouseLanderBenchmark.run(LanderSettings.fromEnvironment(landerEnv), ClickHouseSettings.fromEnvironment(env), dataset, rowsPerTable,
                    "r" + System.currentTimeMillis(), timeout);
            samples.put(TO_CLICKHOUSE, new Sample(clickhouseMeasure(clickhouse.lander(), bytes), Optional.of("Native insert from one process"),
                    Optional.of(clickhouseMeasure(clickhouse.ceiling(), bytes)), memory.peak()));
        }
        Duration endToEnd;
        try (LocalStack stack = freshStack()) {
            log.accept("  end to end: trigger -> both DatasetReady");
            Map<String, String> env = servicesOn(stack);
            Sample pipeline = endToEnd(env, stack.status().runDir());
            samples.put(END_TO_END, pipeline);
            endToEnd = pipeline.measured().wall();
        }
        return new Repetition(generator.dataset(), samples.get(TO_KAFKA).measured().rows(), samples, endToEnd, kafkaLogBytes, parquetBytes, clickhouse);
    }

    /**
     * Tracker and both landers running, then the generator; timed from its start to both sinks' {@code DatasetReady}.
     * The tracker's state dir is new: state left by an earlier repetition belongs to another broker, and the
     * tracker would take the dataset for decided already.
     */
    private Sample endToEnd(Map<String, String> env, Path stackDir)
            throws InterruptedException, IOException
    {
        GeneratorSettings generator = GeneratorSettings.fromEnvironment(env);
        DatasetId dataset = generator.dataset();
        Set<Sink> sinks = SinkServices.available();
        Path stateDir = Files.createTempDirectory(stackDir, "tracker-");
        TrackerSettings tracker = TrackerSettings.fromEnvironment(env).withStateDir(stateDir).withExpectedSinks(sinks);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LandingServices landing = LandingServices.start(tracker, sinks, env, dataset.toString(), registry)) {
            landing.awaitRunning();
            memory.reset();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            GenerationSummary summary = new DatasetGenerator(generator, ProgressListener.NONE, registry).run();
            new DatasetWaiter(generator.kafka(), Topics.EVENTS).await(dataset, sinks, timeout, progress -> landing.checkRunning());
            Measure measure = new Measure(summary.rows(), summary.bytes(), Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(processCpuNanos() - cpu));
            return new Sample(measure, Optional.empty(), Optional.empty(), memory.peak());
        }
        finally {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Where the bench's stacks run, each on emptied server folders. */
    static Path stackDir(Path runDir)
    {
        return runDir.resolve("bench").resolve("stack");
    }

    private LocalStack freshStack()
    {
        StackSettings settings = new StackSettings(stackDir(runDir), SERVERS, Map.of(), StackSettings.DEFAULT_BUCKET,
                StackSettings.DEFAULT_START_TIMEOUT);
        return LocalStack.startAttached(settings);
    }

    /** The environment with this stack's endpoints, which win over any in the environment: the bench measures its own stack. */
    private Map<String, String> servicesOn(LocalStack stack)
    {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(ServiceEnvironment.of(Map.of(), Optional.of(stack.status())));
        return env;
    }

    /** Bytes of the dataset's row topics in the broker's log (compressed batches, one replica). */
    private static long kafkaLogBytes(KafkaClientSettings kafka, DatasetId dataset, GenerationSummary summary)
            throws InterruptedException
    {
        Set<String> topics = new HashSet<>();
        summary.tables().forEach(table -> topics.add(table.topic()));
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    bytes += dir.replicaInfos().entrySet().stream()
                            .filter(entry -> topics.contains(entry.getKey().topic()))
                            .mapToLong(entry -> entry.getValue().size())
                            .sum();
                }
            }
            return bytes;
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the size of %s's topics from the broker: %s".formatted(dataset, e.getCause().getMessage()), e);
        }
    }

    /** ClickHouse's work is in its server as much as in the lander, so its CPU counts: client plus server. */
    private static Measure clickhouseMeasure(ClickHouseLanderBenchmark.Measurement measurement, long bytes)
    {
        return new Measure(measurement.rows(), bytes, measurement.elapsed(), measurement.clientCpu().plus(measurement.serverCpu()));
    }

    /** The Parquet benchmark's tables added up. */
    private static final class ParquetTotals
    {
        private final List<ParquetLanderBenchmark.Report> reports = new ArrayList<>();
        private long objectBytes;

        void add(ParquetLanderBenchmark.Report report)
        {
            reports.add(report);
            objectBytes += report.lander().objectBytes();
        }

        Measure lander()
        {
            return sum(reports.stream().map(ParquetLanderBenchmark.Report::lander).toList());
        }

        Measure ceiling()
        {
            return sum(reports.stream().map(ParquetLanderBenchmark.Report::ceiling).toList());
        }

        private static Measure sum(List<ParquetLanderBenchmark.Measurement> measurements)
        {
            return new Measure(
                    measurements.stream().mapToLong(ParquetLanderBenchmark.Measurement::rows).sum(),
                    measurements.stream().mapToLong(ParquetLanderBenchmark.Measurement::payloadBytes).sum(),
                    measurements.stream().map(ParquetLanderBenchmark.Measurement::wall).reduce(Duration.ZERO, Duration::plus),
                    measurements.stream().map(ParquetLanderBenchmark.Measurement::cpu).reduce(Duration.ZERO, Duration::plus));
        }
    }

    private static Duration wall(Stream<Duration> durations)
    {
        return durations.reduce(Duration.ZERO, Duration::plus);
    }

    private static double perSecond(long rows, Duration cpu)
    {
        return rows / (Math.max(cpu.toNanos(), 1) / 1e9);
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
