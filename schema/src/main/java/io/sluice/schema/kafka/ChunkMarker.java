package io.sluice.schema.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The end-of-chunk marker on a row topic: the last record of every sub-chunk's transaction, in the same
 * partition and with the same key (the part, {@link PartKey}) as the sub-chunk's rows. It carries the header
 * {@value #HEADER} = {@value #END} and, as its value, the sub-chunk's {@link ChunkProduced} event encoded
 * exactly as on {@code sluice.events}. For a {@code read_committed} consumer, the rows of one sub-chunk are
 * the rows with the marker's key between the previous marker with that key (or the start) and the marker,
 * even when several parts share the partition and interleave. Thread-safe.
 */
public final class ChunkMarker
{
    public static final String HEADER = "sluice.marker";
    public static final String END = "end";

    private static final byte[] END_BYTES = END.getBytes(StandardCharsets.UTF_8);

    private final MessageCodec<PipelineEvent> codec = Messages.events();

    /**
     * The header that marks a record as the end of a sub-chunk.
     */
    public static Header header()
    {
        return new RecordHeader(HEADER, END_BYTES.clone());
    }

    /**
     * Whether a record with these headers is an end-of-chunk marker rather than a row.
     */
    public static boolean isMarker(Headers headers)
    {
        requireNonNull(headers, "headers is null");
        Header header = headers.lastHeader(HEADER);
        return header != null && Arrays.equals(header.value(), END_BYTES);
    }

    public byte[] encode(ChunkProduced chunk)
    {
        return codec.encode(requireNonNull(chunk, "chunk is null"));
    }

    /**
     * @throws io.sluice.schema.codec.UndecodableMessageException if the value is not an encoded {@link ChunkProduced}
     */
    public ChunkProduced decode(byte[] value)
    {
        PipelineEvent event = codec.decode(requireNonNull(value, "value is null"));
        if (!(event instanceof ChunkProduced chunk)) {
            throw new IllegalArgumentException("end-of-chunk marker holds a %s, expected a ChunkProduced".formatted(event.getClass().getSimpleName()));
        }
        return chunk;
    }
}
