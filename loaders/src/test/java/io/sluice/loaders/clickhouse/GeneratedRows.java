package io.sluice.loaders.clickhouse;

import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpcdsRowConverter;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * All rows of one table at a scale factor, straight from the generator libraries, as the Avro payloads a
 * lander receives, with the checksum the generator would announce for them.
 */
record GeneratedRows(List<ByteBuffer> payloads, ChunkChecksum checksum)
{
    static GeneratedRows of(DatasetId dataset, String table)
    {
        RowCodec codec = RowCodec.forTable(dataset.benchmark(), table);
        List<ByteBuffer> payloads = new ArrayList<>();
        ChunkChecksum checksum = new ChunkChecksum();
        double scale = dataset.scaleFactor().toDouble();
        switch (dataset.benchmark()) {
            case TPCH -> tpch(TpchTable.getTable(table), scale, codec, payloads, checksum);
            case TPCDS -> {
                TpcdsRowConverter converter = TpcdsRowConverter.of(table);
                for (List<List<String>> group : Results.constructResults(io.trino.tpcds.Table.getTable(table), Session.getDefaultSession().withScale(scale))) {
                    add(codec.encodePayload(converter.convert(group.getFirst())), payloads, checksum);
                }
            }
        }
        return new GeneratedRows(List.copyOf(payloads), checksum);
    }

    private static <E extends TpchEntity> void tpch(TpchTable<E> table, double scale, RowCodec codec, List<ByteBuffer> payloads, ChunkChecksum checksum)
    {
        TpchRowConverter<E> converter = TpchRowConverter.of(table);
        for (E row : table.createGenerator(scale, 1, 1)) {
            add(codec.encodePayload(converter.convert(row)), payloads, checksum);
        }
    }

    private static void add(byte[] payload, List<ByteBuffer> payloads, ChunkChecksum checksum)
    {
        payloads.add(ByteBuffer.wrap(payload).asReadOnlyBuffer());
        checksum.add(payload);
    }

    List<List<ByteBuffer>> batches(int rows)
    {
        List<List<ByteBuffer>> batches = new ArrayList<>();
        for (int first = 0; first < payloads.size(); first += rows) {
            batches.add(payloads.subList(first, Math.min(payloads.size(), first + rows)));
        }
        return batches;
    }
}
