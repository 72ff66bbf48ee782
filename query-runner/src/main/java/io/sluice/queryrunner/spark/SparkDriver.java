package io.sluice.queryrunner.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.EngineExecution;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.engine.EngineUnavailableException;
import io.sluice.queryrunner.spark.app.SparkQueryApp;
import io.sluice.queryrunner.validate.ResultRows;
import io.sluice.schema.DurationText;
import io.sluice.schema.Folders;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Spark through spark-launcher. A session is one Spark application ({@link SparkQueryApp}) submitted with
 * {@link SparkLauncher} to the settings' master; it reads the dataset's Parquet objects over {@code s3a://}
 * and takes queries through a session directory (see {@link SparkQueryApp}). The wall time is the one the
 * application measures around {@code sql(…).collect()}; the engine query id is {@code <application id>/<job
 * group>}. A timeout cancels the query's job group in the application.
 *
 * <p>The application jar is built at run time from this module's class files, so it holds exactly the
 * application class and runs on any {@code SPARK_HOME} of the same Spark version.
 */
public final class SparkDriver
        implements EngineDriver
{
    private static final Logger LOG = LoggerFactory.getLogger(SparkDriver.class);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);
    private static final Duration DRIVER_EXIT = Duration.ofSeconds(30);
    private static final String LOCAL_DIRS_ENV = "SPARK_LOCAL_DIRS";

    private final SparkSettings settings;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    public SparkDriver(SparkSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Engine engine()
    {
        return Engine.SPARK;
    }

    @Override
    public EngineSession open(DatasetId dataset)
    {
        return new Session(dataset, launch(dataset));
    }

    private Application launch(DatasetId dataset)
    {
        Path directory = settings.workDir().resolve("session-" + UUID.randomUUID());
        try {
            Files.createDirectories(directory);
            Path jar = applicationJar(directory.resolve("sluice-spark-app.jar"));
            Map<String, String> environment = new HashMap<>();
            environment.put("AWS_ACCESS_KEY_ID", settings.accessKey());
            environment.put("AWS_SECRET_ACCESS_KEY", settings.secretKey());
            environment.put("AWS_REGION", settings.region());
            environment.put("SPARK_DRIVER_MEMORY", settings.driverMemory());
            // the driver's scratch files (block manager and shuffle files; with our spark-submit also its artifacts and
            // the native libraries its jars extract) in the session's folder: a killed driver leaves them there, beside
            // its log, instead of in /tmp
            Path scratch = Files.createDirectories(directory.resolve("tmp")).toAbsolutePath();
            environment.put(SparkHome.DRIVER_TMPDIR_ENV, scratch.toString());
            // local mode only: in client mode on Kubernetes, Spark mounts the driver's SPARK_LOCAL_DIRS in every
            // executor pod; and an operator's own choice (a fast scratch disk) stands
            if (settings.localMaster() && System.getenv(LOCAL_DIRS_ENV) == null) {
                environment.put(LOCAL_DIRS_ENV, scratch.toString());
            }
            SparkLauncher launcher = new SparkLauncher(environment)
                    .setSparkHome(settings.sparkHome().toString())
                    .setMaster(settings.master())
                    .setAppName("sluice-" + dataset)
                    .setAppResource(jar.toString())
                    .setMainClass(SparkQueryApp.class.getName())
                    .addAppArgs(directory.toString(), "s3a://%s/%s/%s/".formatted(settings.bucket(), dataset.benchmark().id(), dataset.scaleFactor().token()),
                            String.join(",", dataset.benchmark().tables()), String.valueOf(ProcessHandle.current().pid()))
                    .setConf("spark.ui.enabled", "false")
                    .setConf("spark.driver.bindAddress", "127.0.0.1")
                    .setConf("spark.driver.host", "127.0.0.1")
                    .setConf("spark.sql.shuffle.partitions", "4")
                    // Spark 4.1's vectorized reader fails (NPE in WritableColumnVector.arrayData) on decimal(15,2)
                    // stored as BINARY, which is how parquet-avro writes the landed TPC-H money columns
                    .setConf("spark.sql.parquet.enableVectorizedReader", "false")
                    .setConf("spark.hadoop.fs.s3a.endpoint", settings.s3Endpoint())
                    .setConf("spark.hadoop.fs.s3a.endpoint.region", settings.region())
                    .setConf("spark.hadoop.fs.s3a.path.style.access", "true")
                    .setConf("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf(settings.s3Endpoint().startsWith("https")))
                    .setConf("spark.hadoop.fs.s3a.aws.credentials.provider", "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider")
                    .redirectOutput(directory.resolve("spark.out").toFile())
                    .redirectError(directory.resolve("spark.log").toFile());
            settings.kubernetesConf().forEach(launcher::setConf);
            SparkAppHandle handle = launcher.startApplication();
            try {
                awaitReady(handle, directory);
                return new Application(handle, directory, Files.readString(directory.resolve("ready")).strip(), driverProcess(directory));
            }
            catch (IOException | RuntimeException e) {
                // interrupted (a run stopped) or unreadable: nobody would hold the handle to stop the application
                handle.kill();
                throw e;
            }
        }
        catch (IOException e) {
            throw new EngineUnavailableException("spark: cannot start the application: " + e.getMessage(), e);
        }
    }

    private void awaitReady(SparkAppHandle handle, Path directory)
    {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (!Files.exists(directory.resolve("ready"))) {
            if (handle.getState().isFinal() || System.nanoTime() > deadline) {
                handle.kill();
                throw new EngineUnavailableException("spark application %s before it was ready (state %s); see %s: %s".formatted(
                        handle.getState().isFinal() ? "ended" : "not ready within " + DurationText.of(settings.startTimeout()), handle.getState(), directory.resolve("spark.log"), lastError(directory)), null);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    @Override
    public Optional<List<String>> missingTables(DatasetId dataset, List<String> tables)
    {
        // the application reads the objects directly; a missing table fails the session's start, loudly
        return Optional.of(List.of());
    }

    @Override
    public void close() {}

    /**
     * The driver's JVM, whose pid the application wrote before {@code ready}; empty if it has already ended.
     */
    private static Optional<ProcessHandle> driverProcess(Path directory)
            throws IOException
    {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(directory.resolve("pid")).strip()));
        }
        catch (NumberFormatException e) {
            throw new IOException("%s does not hold a pid: %s".formatted(directory.resolve("pid"), e.getMessage()), e);
        }
    }

    /**
     * One Spark application, which takes queries through {@code directory}, and its driver's JVM (empty if that had
     * already ended when the application was ready).
     */
    private record Application(SparkAppHandle handle, Path directory, String id, Optional<ProcessHandle> driver)
    {
        boolean ended()
        {
            return handle.getState().isFinal();
        }

        /**
         * Whether the driver's JVM ended within {@code limit}: Spark reports {@code FINISHED} when its context stops,
         * before the JVM's shutdown hooks delete its scratch files in the session folder and the log's last lines
         * are written.
         */
        boolean driverExited(Duration limit)
                throws InterruptedException
        {
            long deadline = System.nanoTime() + limit.toNanos();
            while (driver.isPresent() && driver.get().isAlive()) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(POLL);
            }
            return true;
        }
    }

    /**
     * A session on one application at a time: when its application has ended (its driver ran out of memory, its pod
     * was evicted), the next query starts a new one, so one lost application does not fail the rest of a run's
     * queries. If the new one cannot start, the session's queries fail at once, saying why.
     */
    private final class Session
            implements EngineSession
    {
        private final DatasetId dataset;
        private Application application;
        private Optional<String> unavailable = Optional.empty();

        Session(DatasetId dataset, Application application)
        {
            this.dataset = dataset;
            this.application = application;
        }

        @Override
        public EngineExecution execute(String label, String sql, Duration timeout)
        {
            if (application.ended() && unavailable.isEmpty()) {
                replace();
            }
            if (unavailable.isPresent()) {
                return EngineExecution.failed(EngineExecution.Outcome.FAILED, 0, Optional.empty(), unavailable.get());
            }
            Path directory = application.directory();
            String applicationId = application.id();
            String group = label.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + UUID.randomUUID();
            Optional<String> queryId = Optional.of(applicationId + "/" + group);
            Path result = directory.resolve("results").resolve(group + ".json");
            long started = System.nanoTime();
            try {
                write(directory.resolve("requests").resolve(group + ".sql"), sql);
                long deadline = started + timeout.toNanos();
                while (!Files.exists(result) && System.nanoTime() < deadline && !application.ended()) {
                    sleep(POLL);
                }
                if (!Files.exists(result) && application.ended()) {
                    return EngineExecution.failed(EngineExecution.Outcome.FAILED, elapsedMs(started), queryId,
                            "spark application ended (%s): %s".formatted(application.handle().getState(), lastError(directory)));
                }
                if (!Files.exists(result)) {
                    write(directory.resolve("cancel").resolve(group), "");
                    long grace = System.nanoTime() + CANCEL_GRACE.toNanos();
                    while (!Files.exists(result) && System.nanoTime() < grace) {
                        sleep(POLL);
                    }
                    return EngineExecution.failed(EngineExecution.Outcome.TIMED_OUT, elapsedMs(started), queryId,
                            "timed out after %s; job group cancelled in spark".formatted(DurationText.of(timeout)));
                }
                JsonNode answer = json.readTree(result.toFile());
                long wallMs = answer.get("wallMs").asLong();
                if (!answer.get("error").isNull()) {
                    return EngineExecution.failed(EngineExecution.Outcome.FAILED, wallMs, queryId, answer.get("error").asText());
                }
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode row : answer.get("rows")) {
                    List<Object> cells = new ArrayList<>();
                    row.forEach(cell -> cells.add(cell.isNull() ? null : ResultRows.canonical(cell.isNumber() ? cell.numberValue() : cell.asText())));
                    rows.add(cells);
                }
                return EngineExecution.succeeded(wallMs, queryId, new ResultRows(rows), Map.of("clientMs", elapsedMs(started)));
            }
            catch (IOException e) {
                return EngineExecution.failed(EngineExecution.Outcome.FAILED, elapsedMs(started), queryId, "spark session directory %s: %s".formatted(directory, e.getMessage()));
            }
        }

        private void replace()
        {
            Application ended = application;
            LOG.warn("spark application {} ended ({}; its log: {}); starting a new one for the next queries", ended.id(), ended.handle().getState(), ended.directory().resolve("spark.log"));
            try {
                application = launch(dataset);
            }
            catch (EngineUnavailableException e) {
                unavailable = Optional.of("spark application %s ended, and a new one could not start: %s".formatted(ended.id(), e.getMessage()));
            }
        }

        @Override
        public void close()
        {
            try {
                write(application.directory().resolve("stop"), "");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!application.ended() && System.nanoTime() < deadline) {
                    Thread.sleep(Duration.ofMillis(100));
                }
            }
            catch (IOException ignored) {
                // the kill below ends the application anyway
            }
            catch (InterruptedException e) {
                // a run being stopped does not wait for a clean end: the kill below ends it, and the caller closes
                // its other sessions too
                Thread.currentThread().interrupt();
            }
            finally {
                if (!application.ended()) {
                    application.handle().kill();
                }
                if (application.handle().getState() == SparkAppHandle.State.FINISHED) {
                    deleteFolder(application);
                }
            }
        }
    }

    /**
     * Deletes the folder of an application that ended cleanly (its jar, log, scratch files, and the queries' requests
     * and results) once its driver's JVM has exited: a service opens one for each engine session, and kept them all.
     * One that failed or was killed keeps its folder, whose log an error or warning named.
     */
    private static void deleteFolder(Application application)
    {
        Path directory = application.directory();
        try {
            if (!application.driverExited(DRIVER_EXIT)) {
                // it would hold its heap and cores for good (the handle, done with a finished application, kills nothing)
                application.driver().ifPresent(ProcessHandle::destroyForcibly);
                LOG.warn("spark application {} finished, but its driver's JVM had not exited {} later and was killed; its folder {} stays", application.id(),
                        DurationText.of(DRIVER_EXIT), directory);
                return;
            }
            Folders.delete(directory);
        }
        catch (InterruptedException e) {
            // a run being stopped does not wait for the JVM: the folder stays, as a killed application's does
            Thread.currentThread().interrupt();
            LOG.info("spark application {} finished; its folder {} stays, as the session was closed by a stop", application.id(), directory);
        }
        catch (IOException e) {
            LOG.warn("cannot delete the folder {} of a finished spark application: {}", directory, e.toString());
        }
    }

    private static void write(Path file, String text)
            throws IOException
    {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A jar with the application's class files, read from this class loader.
     */
    static Path applicationJar(Path jar)
            throws IOException
    {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String path = SparkQueryApp.class.getName().replace('.', '/') + ".class";
            try (InputStream in = SparkDriver.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IOException(path + " is not on the class path");
                }
                out.putNextEntry(new JarEntry(path));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String lastError(Path directory)
    {
        try {
            Path log = directory.resolve("spark.log");
            if (!Files.exists(log)) {
                return "no log";
            }
            List<String> lines = Files.readAllLines(log);
            // the first exception line that is not a stack frame or a nested cause is the one that ended it
            return lines.stream().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && line.matches(".*(Exception|Error)[^ ]*: .*")).findFirst()
                    .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast()))
                    .map(String::strip).orElse("empty log");
        }
        catch (IOException | UncheckedIOException e) {
            return "log unreadable: " + e.getMessage();
        }
    }

    private static long elapsedMs(long started)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for spark", e);
        }
    }
}
