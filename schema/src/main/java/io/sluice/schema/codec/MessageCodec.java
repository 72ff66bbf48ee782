package io.sluice.schema.codec;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.UNKNOWN_FINGERPRINT;
import static java.util.Objects.requireNonNull;

/**
 * Single-object codec for a family of record types: one record type, or every permitted subtype of a
 * sealed interface. Encoding writes the value's own schema fingerprint; decoding picks the record type
 * by the fingerprint, so one topic can carry every type of the family. Thread-safe.
 */
public final class MessageCodec<T>
{
    private final Class<T> family;
    private final Map<Class<?>, Binding<?>> byType;
    private final Map<Long, Binding<?>> byFingerprint;

    private MessageCodec(Class<T> family, List<Class<? extends Record>> types)
    {
        this.family = family;
        Map<Class<?>, Binding<?>> byType = new LinkedHashMap<>();
        Map<Long, Binding<?>> byFingerprint = new LinkedHashMap<>();
        for (Class<? extends Record> type : types) {
            Binding<?> binding = Binding.of(type);
            byType.put(type, binding);
            Binding<?> clash = byFingerprint.put(binding.codec().fingerprint(), binding);
            if (clash != null) {
                throw new IllegalArgumentException("%s and %s have the same schema fingerprint".formatted(clash.record().type().getName(), type.getName()));
            }
        }
        this.byType = Map.copyOf(byType);
        this.byFingerprint = Map.copyOf(byFingerprint);
    }

    /**
     * A codec for a record type, or for all permitted subtypes of a sealed interface (each must be a record).
     */
    public static <T> MessageCodec<T> of(Class<T> family)
    {
        requireNonNull(family, "family is null");
        if (family.isRecord()) {
            return new MessageCodec<>(family, List.of(family.asSubclass(Record.class)));
        }
        if (!family.isSealed()) {
            throw new IllegalArgumentException("%s is neither a record nor a sealed interface".formatted(family.getName()));
        }
        List<Class<? extends Record>> types = Arrays.stream(family.getPermittedSubclasses())
                .<Class<? extends Record>>map(subtype -> {
                    if (!subtype.isRecord()) {
                        throw new IllegalArgumentException("%s permits %s, which is not a record".formatted(family.getName(), subtype.getName()));
                    }
                    return subtype.asSubclass(Record.class);
                })
                .toList();
        return new MessageCodec<>(family, types);
    }

    /**
     * The record types this codec encodes and decodes.
     */
    public List<Class<?>> types()
    {
        return byType.keySet().stream().toList();
    }

    public Schema schema(Class<? extends T> type)
    {
        return binding(type).record().schema();
    }

    public long fingerprint(Class<? extends T> type)
    {
        return binding(type).codec().fingerprint();
    }

    public byte[] encode(T value)
    {
        requireNonNull(value, "value is null");
        return binding(value.getClass()).encode(value);
    }

    /**
     * @throws UndecodableMessageException if the bytes are not a message of one of this codec's types
     */
    public T decode(byte[] message)
    {
        requireNonNull(message, "message is null");
        long fingerprint = SingleObjectEncoding.readFingerprint(message);
        Binding<?> binding = byFingerprint.get(fingerprint);
        if (binding == null) {
            throw new UndecodableMessageException(UNKNOWN_FINGERPRINT, "schema fingerprint %s is not one of the %s types (%s)".formatted(
                    SingleObjectEncoding.formatFingerprint(fingerprint),
                    family.getSimpleName(),
                    byType.keySet().stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(", "))));
        }
        return family.cast(binding.decode(message));
    }

    /**
     * The message, or empty for a tombstone ({@code null}) or bytes that are no message of this codec's types: how a
     * reader skips what other services or versions put on a shared topic, which is not its to judge.
     */
    public Optional<T> decodeIfKnown(byte[] message)
    {
        if (message == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(message));
        }
        catch (UndecodableMessageException e) {
            return Optional.empty();
        }
    }

    private Binding<?> binding(Class<?> type)
    {
        Binding<?> binding = byType.get(type);
        if (binding == null) {
            throw new IllegalArgumentException("%s is not a %s type".formatted(type.getName(), family.getSimpleName()));
        }
        return binding;
    }

    private record Binding<R extends Record>(RecordBinding<R> record, DatumCodec codec)
    {
        static <R extends Record> Binding<R> of(Class<R> type)
        {
            RecordBinding<R> record = RecordBinding.of(type);
            return new Binding<>(record, new DatumCodec(record.schema(), new GenericData()));
        }

        byte[] encode(Object value)
        {
            return codec.encode(record.toAvro(record.type().cast(value)));
        }

        R decode(byte[] message)
        {
            GenericRecord avro = (GenericRecord) codec.decodePayload(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH);
            return record.fromAvro(avro);
        }
    }
}
