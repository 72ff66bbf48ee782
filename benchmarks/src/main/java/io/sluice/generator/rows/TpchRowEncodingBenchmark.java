package io.sluice.generator.rows;

import io.sluice.benchmarks.RowThroughput;
import io.sluice.benchmarks.TpchSample;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;

/**
 * A TPC-H row on its way to Kafka, the generator's per-row cost after the TPC library made the row: the direct
 * encoder ({@link TpchRowEncoder}, what {@code ChunkRows.encode} does for TPC-H) against the library row
 * converted to an Avro record and encoded by the generic {@link RowEncoder} (the TPC-DS path, and TPC-H's before
 * the direct encoder). Both write the same bytes and add each row to a checksum, as the generator does. Lives in
 * the generator's package because the direct encoder is package-private there.
 */
public class TpchRowEncodingBenchmark
        extends RowThroughput
{
    static final int ROWS = 10_000;

    @Param({"lineitem", "orders"})
    public String table;

    private Encoding<?> encoding;

    @Setup
    public void setUp()
    {
        encoding = Encoding.of(TpchTable.getTable(table));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long direct(Blackhole blackhole)
    {
        return encoding.direct(blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long viaAvroRecord(Blackhole blackhole)
    {
        return encoding.viaAvroRecord(blackhole);
    }

    /**
     * One table's rows and both encoders, typed by the table's entity.
     */
    private record Encoding<E extends TpchEntity>(List<E> rows, TpchRowEncoder<E> directEncoder, TpchRowConverter<E> converter, RowEncoder recordEncoder)
    {
        static <E extends TpchEntity> Encoding<E> of(TpchTable<E> table)
        {
            TpchRowConverter<E> converter = TpchRowConverter.of(table);
            return new Encoding<>(TpchSample.rows(table, ROWS), new TpchRowEncoder<>(table), converter, new RowEncoder(converter.schema()));
        }

        long direct(Blackhole blackhole)
        {
            ChunkChecksum checksum = new ChunkChecksum();
            for (E row : rows) {
                blackhole.consume(directEncoder.encode(row, checksum));
            }
            return checksum.value();
        }

        long viaAvroRecord(Blackhole blackhole)
        {
            ChunkChecksum checksum = new ChunkChecksum();
            for (E row : rows) {
                blackhole.consume(recordEncoder.encode(converter.convert(row), checksum));
            }
            return checksum.value();
        }
    }
}
