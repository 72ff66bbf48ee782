package io.sluice.queryrunner;

import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.spark.SparkDriver;
import io.sluice.schema.dataset.DatasetId;

/**
 * Main of a JVM for {@link BenchmarkRunnerIT}: opens a Spark session on the dataset named by the first argument
 * (settings from this JVM's environment), prints {@code ready}, then waits to be killed.
 */
public final class SparkSessionOwner
{
    private SparkSessionOwner() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        SparkDriver spark = new SparkDriver(QueryRunnerSettings.fromEnvironment(System.getenv()).spark().orElseThrow());
        spark.open(DatasetId.parse(args[0]));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
