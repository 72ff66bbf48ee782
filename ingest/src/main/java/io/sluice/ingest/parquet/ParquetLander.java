package io.sluice.ingest.parquet;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ingest.lander.Lander;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.parquet.ParquetObjects;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.loaders.s3.ObjectStore;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet lander: row topics → Parquet objects in the S3 store, exactly once. {@code sluice ingest parquet}
 * runs it.
 */
public final class ParquetLander
{
    private ParquetLander() {}

    /**
     * Starts landing on a new thread; close the result to stop. A missing bucket is created or, if
     * {@code SLUICE_S3_CREATE_BUCKET=false}, reported on the first batch (and retried with backoff).
     */
    public static RunningLander run(LanderSettings lander, ParquetSettings parquet, MeterRegistry registry)
    {
        requireNonNull(lander, "lander is null");
        requireNonNull(parquet, "parquet is null");
        ObjectStore store = new ObjectStore(parquet.s3());
        ParquetSinkWriter writer;
        try {
            writer = new ParquetSinkWriter(store, new ParquetObjects(store, parquet.format(), parquet.spillDirectory(), parquet.partBytes()));
        }
        catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            return Lander.start(lander, writer, registry);
        }
        catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }
}
