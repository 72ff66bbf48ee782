package io.sluice.queryrunner;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.clickhouse.ClickHouseLander;
import io.sluice.ingest.clickhouse.ClickHouseSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.parquet.ParquetLander;
import io.sluice.ingest.registration.RegistrationService;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.CompletionTracker;
import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.ingest.tracker.RunningTracker;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.spark.SparkHome;
import io.sluice.queryrunner.spark.SparkSettings;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.Artifacts;
import io.sluice.stack.StackStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test support: lands a dataset through the real pipeline the way {@code sluice run} does — completion
 * tracker, the Parquet and the ClickHouse lander, the generator, the wait for both {@code DatasetReady}
 * events, Trino registration — and returns the services' environment over the stack.
 */
final class LandedDatasets
{
    private LandedDatasets() {}

    static Map<String, String> environment(StackStatus stack)
    {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_KAFKA_BOOTSTRAP_SERVERS", stack.endpoint("kafka", "bootstrapServers"));
        env.put("SLUICE_S3_ENDPOINT", stack.endpoint("s3", "endpoint"));
        env.put("SLUICE_S3_BUCKET", stack.endpoint("s3", "bucket"));
        env.put("SLUICE_S3_REGION", stack.endpoint("s3", "region"));
        env.put("SLUICE_S3_ACCESS_KEY", stack.endpoint("s3", "accessKey"));
        env.put("SLUICE_S3_SECRET_KEY", stack.endpoint("s3", "secretKey"));
        env.put("SLUICE_CLICKHOUSE_URL", stack.endpoint("clickhouse", "jdbcUrl"));
        env.put("SLUICE_TRINO_JDBC_URL", stack.endpoint("trino", "jdbcUrl"));
        return env;
    }

    /**
     * The services' environment over the stack with Spark laid out in {@code sparkHome} from Maven, and the
     * Spark session and run directories under {@code target/} (kept after the tests: the Spark application's
     * log and the reports are there to look at).
     */
    static Map<String, String> environmentWithSpark(StackStatus stack, Path sparkHome)
            throws Exception
    {
        Map<String, String> env = environment(stack);
        SparkHome.layOut(sparkHome, Artifacts.fromEnvironment().mavenClasspath(SparkHome.artifactCoordinates()), Path.of(System.getProperty("java.home")));
        env.put(SparkSettings.SPARK_HOME_ENV, sparkHome.toString());
        env.put(SparkSettings.WORK_DIR_ENV, Path.of("target", "it-spark-sessions").toAbsolutePath().toString());
        env.put(QueryRunnerSettings.RESULTS_DIR_ENV, Path.of("target", "it-runs").toAbsolutePath().toString());
        return env;
    }

    static Map<Sink, DatasetReady> land(Map<String, String> environment, DatasetId dataset, Path stateDir)
            throws Exception
    {
        Map<String, String> env = new HashMap<>(environment);
        env.put(GeneratorSettings.BENCHMARK_ENV, dataset.benchmark().id());
        env.put(GeneratorSettings.SCALE_FACTOR_ENV, dataset.scaleFactor().toString());
        env.put(LanderSettings.SOURCES_ENV, dataset.toString());
        GeneratorSettings generator = GeneratorSettings.fromEnvironment(env);
        Set<Sink> sinks = Set.of(Sink.PARQUET, Sink.CLICKHOUSE);
        TrackerSettings trackerSettings = TrackerSettings.fromEnvironment(env).withStateDir(stateDir).withExpectedSinks(sinks);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<RunningLander> landers = new ArrayList<>();
        try (RunningTracker tracker = CompletionTracker.start(trackerSettings, registry)) {
            LanderSettings lander = LanderSettings.fromEnvironment(env);
            landers.add(ParquetLander.run(lander, ParquetSettings.fromEnvironment(env), registry));
            landers.add(ClickHouseLander.run(lander, ClickHouseSettings.fromEnvironment(env), registry));
            tracker.awaitRunning(Duration.ofMinutes(2));
            new DatasetGenerator(generator, _ -> {}, registry).run();
            Map<Sink, DatasetReady> ready = new DatasetWaiter(generator.kafka(), Topics.EVENTS).await(dataset, sinks, Duration.ofMinutes(5), _ -> {});
            RegistrationService.register(RegistrationSettings.fromEnvironment(env), ready.get(Sink.PARQUET));
            return ready;
        }
        finally {
            landers.forEach(RunningLander::close);
        }
    }
}
