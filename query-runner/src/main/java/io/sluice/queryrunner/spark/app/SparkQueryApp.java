package io.sluice.queryrunner.spark.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The Spark application the Spark driver submits: registers the dataset's Parquet tables (read over
 * {@code s3a://}) as views, then serves queries through a session directory until told to stop:
 *
 * <ul>
 * <li>{@code requests/<label>.sql}: a query to run (each on its own thread, in job group {@code label});
 * <li>{@code results/<label>.json}: {@code {"wallMs": n, "rows": [[…]], "error": null}}, written atomically;
 * <li>{@code cancel/<label>}: cancel that query's jobs;
 * <li>{@code ready}: written once the views exist, after {@code pid} (the driver JVM's); {@code stop}: end the application.
 * </ul>
 *
 * It also stops when the JVM that started it ends, however that ended (Ctrl-C, SIGKILL, a crash): nobody would
 * write {@code stop} then, and the application would hold its memory and cores for good.
 *
 * Runs inside Spark: it uses only Spark, its Jackson and the JDK, never other Sluice classes.
 * Arguments: session directory, table location prefix ({@code s3a://bucket/tpch/sf0_01/}), tables (comma-separated),
 * pid of the JVM that started it.
 */
public final class SparkQueryApp
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkQueryApp() {}

    public static void main(String[] args)
            throws Exception
    {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: SparkQueryApp <session dir> <table location prefix> <table,table,…> <owner pid>");
        }
        Path session = Path.of(args[0]);
        stopWithOwner(Long.parseLong(args[3]), session.resolve("stop"));
        SparkSession spark = SparkSession.builder().getOrCreate();
        ExecutorService queries = Executors.newCachedThreadPool();
        try {
            for (String table : args[2].split(",")) {
                spark.read().parquet(args[1] + table + "/").createOrReplaceTempView(table);
            }
            Files.createDirectories(session.resolve("requests"));
            Files.createDirectories(session.resolve("results"));
            Files.createDirectories(session.resolve("cancel"));
            Files.writeString(session.resolve("pid"), String.valueOf(ProcessHandle.current().pid()));
            Files.writeString(session.resolve("ready"), spark.sparkContext().applicationId());
            Set<String> started = new HashSet<>();
            Set<String> cancelled = new HashSet<>();
            while (!Files.exists(session.resolve("stop"))) {
                for (String label : labels(session.resolve("requests"), ".sql")) {
                    if (started.add(label)) {
                        String sql = Files.readString(session.resolve("requests").resolve(label + ".sql"));
                        queries.submit(() -> run(spark, session, label, sql));
                    }
                }
                for (String label : labels(session.resolve("cancel"), "")) {
                    if (cancelled.add(label)) {
                        spark.sparkContext().cancelJobGroup(label);
                    }
                }
                Thread.sleep(10);
            }
        }
        finally {
            queries.shutdownNow();
            spark.stop();
        }
    }

    /**
     * Writes {@code stop} once the owner's process has ended (at once if it is already gone).
     */
    private static void stopWithOwner(long ownerPid, Path stop)
    {
        ProcessHandle.of(ownerPid)
                .map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRun(() -> {
                    try {
                        Files.writeString(stop, "owner " + ownerPid + " ended");
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static void run(SparkSession spark, Path session, String label, String sql)
    {
        Map<String, Object> result = new LinkedHashMap<>();
        long started = System.nanoTime();
        try {
            spark.sparkContext().setJobGroup(label, label, true);
            List<Row> rows = spark.sql(sql).collectAsList();
            result.put("wallMs", (System.nanoTime() - started) / 1_000_000);
            List<List<Object>> cells = new ArrayList<>();
            for (Row row : rows) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    values.add(cell(row.get(i)));
                }
                cells.add(values);
            }
            result.put("rows", cells);
            result.put("error", null);
        }
        catch (Exception e) {
            // Scala code throws checked SparkExceptions undeclared; every failure must come back as a result
            result.put("wallMs", (System.nanoTime() - started) / 1_000_000);
            result.put("rows", null);
            result.put("error", String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.getClass().getName()));
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
        try {
            Path temporary = session.resolve("results").resolve(label + ".json.tmp");
            JSON.writeValue(temporary.toFile(), result);
            Files.move(temporary, session.resolve("results").resolve(label + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Dates as ISO text; numbers, text and nulls as JSON has them (decimals exactly).
     */
    private static Object cell(Object value)
    {
        return switch (value) {
            case java.sql.Date date -> date.toLocalDate().toString();
            case LocalDate date -> date.toString();
            case null -> null;
            default -> value;
        };
    }

    private static List<String> labels(Path directory, String suffix)
            throws IOException
    {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix) && !name.endsWith(".tmp"))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .sorted()
                    .toList();
        }
    }
}
