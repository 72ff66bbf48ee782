package io.sluice.schema.kafka;

import io.sluice.schema.command.Command;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.row.RowCodec;
import org.apache.avro.generic.GenericRecord;

/**
 * Kafka serdes for the values of every Sluice topic, all Avro single-object encoded.
 */
public final class KafkaSerdes
{
    private KafkaSerdes() {}

    /** Values of {@code sluice.events}: any {@link PipelineEvent}. */
    public static CodecSerde<PipelineEvent> events()
    {
        return new EventSerde();
    }

    /** Values of {@code sluice.control}: any {@link Command}. */
    public static CodecSerde<Command> commands()
    {
        return new CommandSerde();
    }

    /** Values of {@code sluice.results}. */
    public static CodecSerde<QueryResult> results()
    {
        return new QueryResultSerde();
    }

    /** Values of a row topic: rows of one table, as in {@link io.sluice.schema.row.RowModel}. */
    public static CodecSerde<GenericRecord> rows(Benchmark benchmark, String table)
    {
        RowCodec codec = RowCodec.forTable(benchmark, table);
        return new CodecSerde<>(codec::encode, codec::decode);
    }
}
