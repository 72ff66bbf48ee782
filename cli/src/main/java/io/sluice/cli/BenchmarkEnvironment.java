package io.sluice.cli;

import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.spark.SparkHome;
import io.sluice.queryrunner.spark.SparkSettings;
import io.sluice.stack.Artifacts;
import io.sluice.stack.DownloadProgress;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the query runner needs on one machine besides the stack's endpoints: a results directory and a Spark
 * home laid out from Maven (Spark runs as {@code local[*]}). Settings already in the environment win.
 */
final class BenchmarkEnvironment {
    private BenchmarkEnvironment() {}

    /** @param downloads told how fetching Spark's jars goes (first use only) */
    static Map<String, String> of(Map<String, String> environment, Path runDir, DownloadProgress downloads) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent(QueryRunnerSettings.RESULTS_DIR_ENV, resultsDir(environment, runDir).toString());
        env.putIfAbsent(SparkSettings.WORK_DIR_ENV, runDir.resolve("spark").toString());
        if (!env.containsKey(SparkSettings.SPARK_HOME_ENV)) {
            Path home = runDir.resolve("spark-home");
            SparkHome.layOut(home, Artifacts.fromEnvironment(downloads).mavenClasspath(SparkHome.artifactCoordinates()), Path.of(System.getProperty("java.home")));
            env.put(SparkSettings.SPARK_HOME_ENV, home.toString());
        }
        return env;
    }

    /** Where run directories go: the results directory setting, else {@code <runDir>/results}. */
    static Path resultsDir(Map<String, String> environment, Path runDir) {
        String setting = environment.get(QueryRunnerSettings.RESULTS_DIR_ENV);
        return setting == null ? runDir.resolve("results") : Path.of(setting);
    }
}
