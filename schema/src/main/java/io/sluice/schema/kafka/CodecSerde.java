package io.sluice.schema.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A Kafka serializer, deserializer and serde in one, over an encode and a decode function. {@code null}
 * stays {@code null} both ways (tombstones). Decoding failures propagate as the codec's
 * {@link io.sluice.schema.codec.UndecodableMessageException}, which Kafka's consumer wraps in a
 * {@code RecordDeserializationException} carrying the record's position. Subclasses with a no-argument
 * constructor ({@link EventSerde}, {@link CommandSerde}, {@link QueryResultSerde}) can be named in
 * configuration, e.g. as {@code value.deserializer} or {@code default.value.serde}.
 */
public class CodecSerde<T>
        implements Serde<T>, Serializer<T>, Deserializer<T>
{
    private final Function<T, byte[]> encoder;
    private final Function<byte[], T> decoder;

    public CodecSerde(Function<T, byte[]> encoder, Function<byte[], T> decoder)
    {
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
    }

    @Override
    public final byte[] serialize(String topic, T data)
    {
        return data == null ? null : encoder.apply(data);
    }

    @Override
    public final T deserialize(String topic, byte[] data)
    {
        return data == null ? null : decoder.apply(data);
    }

    @Override
    public final Serializer<T> serializer()
    {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer()
    {
        return this;
    }

    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public final void close() {}
}
