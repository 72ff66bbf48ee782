package io.sluice.benchmarks.checksum;

import io.sluice.benchmarks.RowThroughput;
import io.sluice.benchmarks.TpchSample;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.trino.tpch.TpchTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The chunk checksum (a sum of XXH64 hashes) over encoded lineitem rows, both ways it is fed: the generator hashes
 * the payload inside its encoder's array, the landers hash the payload of a Kafka record as a {@link ByteBuffer}.
 */
public class ChunkChecksumBenchmark
        extends RowThroughput
{
    static final int ROWS = 10_000;

    private List<byte[]> messages;
    private List<ByteBuffer> payloads;

    @Setup
    public void setUp()
    {
        messages = TpchSample.messages(TpchTable.LINE_ITEM, ROWS);
        // the landers' form: a slice of the Kafka record's array past the header
        payloads = messages.stream()
                .map(message -> ByteBuffer.wrap(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH).slice())
                .toList();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long arrayRange()
    {
        ChunkChecksum checksum = new ChunkChecksum();
        for (byte[] message : messages) {
            checksum.add(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH);
        }
        return checksum.value();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long byteBuffer()
    {
        ChunkChecksum checksum = new ChunkChecksum();
        for (ByteBuffer payload : payloads) {
            checksum.add(payload);
        }
        return checksum.value();
    }
}
