package io.sluice.schema.codec;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.MALFORMED_PAYLOAD;
import static java.util.Objects.requireNonNull;

/**
 * Maps a Java record to an Avro record schema and back, component by component, so each message type is
 * written once, as a record, and its schema cannot drift from it. The record is named by the Java class
 * (namespace = package, name = simple name); components become fields in declaration order.
 *
 * <p>Supported component types: {@code String}, {@code int}, {@code long}, {@code double}, {@code boolean}
 * (boxed only as elements of {@code Optional} or {@code List}),
 * enums (Avro enums), {@link ScaleFactor} and {@link DatasetId} (as their text form), nested records,
 * {@code List<X>} (arrays) and {@code Optional<X>} (a union with null, default null).
 */
final class RecordBinding<T extends Record>
{
    private static final Map<Class<?>, Function<String, Object>> TEXT_TYPES = Map.of(
            ScaleFactor.class, ScaleFactor::parse,
            DatasetId.class, DatasetId::parse);

    private final Class<T> type;
    private final Schema schema;
    private final RecordComponent[] components;
    private final List<ValueMapping> mappings;
    private final Constructor<T> constructor;

    private RecordBinding(Class<T> type, Schema schema, List<ValueMapping> mappings)
    {
        this.type = type;
        this.schema = schema;
        this.components = type.getRecordComponents();
        this.mappings = List.copyOf(mappings);
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        }
        catch (NoSuchMethodException e) {
            throw new IllegalStateException("record %s has no canonical constructor".formatted(type.getName()), e);
        }
    }

    static <T extends Record> RecordBinding<T> of(Class<T> type)
    {
        return new Builder().binding(type);
    }

    @SuppressWarnings("unchecked")
    <R extends Record> RecordBinding<R> asType(Class<R> expected)
    {
        if (type != expected) {
            throw new IllegalArgumentException("binding of %s is not for %s".formatted(type.getName(), expected.getName()));
        }
        return (RecordBinding<R>) this;
    }

    Class<T> type()
    {
        return type;
    }

    Schema schema()
    {
        return schema;
    }

    GenericData.Record toAvro(T value)
    {
        requireNonNull(value, "value is null");
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < components.length; i++) {
            record.put(i, mappings.get(i).toAvro(read(components[i], value)));
        }
        return record;
    }

    T fromAvro(GenericRecord record)
    {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] = mappings.get(i).fromAvro(record.get(i));
        }
        try {
            return constructor.newInstance(arguments);
        }
        catch (InvocationTargetException e) {
            throw new UndecodableMessageException(MALFORMED_PAYLOAD, "decoded %s is invalid: %s".formatted(type.getSimpleName(), e.getCause().getMessage()), e.getCause());
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(RecordComponent component, Record value)
    {
        try {
            return component.getAccessor().invoke(value);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read %s of %s".formatted(component.getName(), value.getClass().getName()), e);
        }
    }

    private interface ValueMapping
    {
        Schema schema();

        Object toAvro(Object value);

        Object fromAvro(Object value);
    }

    private record SimpleMapping(Schema schema, Function<Object, Object> writer, Function<Object, Object> reader)
            implements ValueMapping
    {
        @Override
        public Object toAvro(Object value)
        {
            return writer.apply(value);
        }

        @Override
        public Object fromAvro(Object value)
        {
            return reader.apply(value);
        }
    }

    /**
     * Builds the bindings of one record and the records it nests, defining each named Avro type once.
     */
    private static final class Builder
    {
        private final Map<Class<?>, Schema> namedTypes = new HashMap<>();
        private final Map<Class<?>, RecordBinding<?>> records = new HashMap<>();
        private final Set<Class<?>> inProgress = new HashSet<>();

        <R extends Record> RecordBinding<R> binding(Class<R> type)
        {
            RecordBinding<?> known = records.get(type);
            if (known != null) {
                return known.asType(type);
            }
            if (!inProgress.add(type)) {
                throw new IllegalArgumentException("record %s contains itself, which has no Avro mapping here".formatted(type.getName()));
            }
            List<ValueMapping> mappings = new ArrayList<>();
            List<Schema.Field> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                ValueMapping mapping = mapping(component.getGenericType(), type.getName() + "." + component.getName());
                mappings.add(mapping);
                boolean optional = component.getType() == Optional.class;
                fields.add(optional
                        ? new Schema.Field(component.getName(), mapping.schema(), null, JsonProperties.NULL_VALUE)
                        : new Schema.Field(component.getName(), mapping.schema()));
            }
            RecordBinding<R> binding = new RecordBinding<>(type, Schema.createRecord(type.getSimpleName(), null, type.getPackageName(), false, fields), mappings);
            records.put(type, binding);
            inProgress.remove(type);
            return binding;
        }

        private ValueMapping mapping(Type javaType, String where)
        {
            if (javaType instanceof ParameterizedType parameterized) {
                Type raw = parameterized.getRawType();
                Type element = parameterized.getActualTypeArguments()[0];
                if (raw == Optional.class) {
                    return optional(mapping(element, where));
                }
                if (raw == List.class) {
                    return list(mapping(element, where));
                }
            }
            if (javaType == String.class) {
                Schema schema = Schema.create(Schema.Type.STRING);
                GenericData.setStringType(schema, GenericData.StringType.String);
                return new SimpleMapping(schema, Function.identity(), Object::toString);
            }
            if (javaType == int.class || javaType == Integer.class) {
                return new SimpleMapping(Schema.create(Schema.Type.INT), Function.identity(), Function.identity());
            }
            if (javaType == long.class || javaType == Long.class) {
                return new SimpleMapping(Schema.create(Schema.Type.LONG), Function.identity(), Function.identity());
            }
            if (javaType == double.class || javaType == Double.class) {
                return new SimpleMapping(Schema.create(Schema.Type.DOUBLE), Function.identity(), Function.identity());
            }
            if (javaType == boolean.class || javaType == Boolean.class) {
                return new SimpleMapping(Schema.create(Schema.Type.BOOLEAN), Function.identity(), Function.identity());
            }
            if (javaType instanceof Class<?> textType && TEXT_TYPES.containsKey(textType)) {
                Schema schema = Schema.create(Schema.Type.STRING);
                GenericData.setStringType(schema, GenericData.StringType.String);
                Function<String, Object> parser = TEXT_TYPES.get(textType);
                return new SimpleMapping(schema, Object::toString, value -> parser.apply(value.toString()));
            }
            if (javaType instanceof Class<?> enumType && enumType.isEnum()) {
                return enumMapping(enumType);
            }
            if (javaType instanceof Class<?> recordType && recordType.isRecord()) {
                return nested(binding(recordType.asSubclass(Record.class)));
            }
            throw new IllegalArgumentException("%s has type %s, which has no Avro mapping; use a primitive, String, an enum, a record, List or Optional".formatted(where, javaType));
        }

        private ValueMapping enumMapping(Class<?> enumType)
        {
            Map<String, Object> constants = new LinkedHashMap<>();
            for (Object constant : enumType.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
            Schema schema = namedTypes.computeIfAbsent(enumType, _ -> Schema.createEnum(enumType.getSimpleName(), null, enumType.getPackageName(), List.copyOf(constants.keySet())));
            return new SimpleMapping(schema,
                    value -> new GenericData.EnumSymbol(schema, ((Enum<?>) value).name()),
                    value -> constants.get(value.toString()));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static ValueMapping nested(RecordBinding binding)
        {
            return new SimpleMapping(binding.schema(), value -> binding.toAvro((Record) value), value -> binding.fromAvro((GenericRecord) value));
        }

        private static ValueMapping optional(ValueMapping element)
        {
            Schema schema = Schema.createUnion(Schema.create(Schema.Type.NULL), element.schema());
            return new SimpleMapping(schema,
                    value -> ((Optional<?>) value).map(element::toAvro).orElse(null),
                    value -> Optional.ofNullable(value).map(element::fromAvro));
        }

        private static ValueMapping list(ValueMapping element)
        {
            return new SimpleMapping(Schema.createArray(element.schema()),
                    value -> ((List<?>) value).stream().map(element::toAvro).toList(),
                    value -> ((Collection<?>) value).stream().map(element::fromAvro).toList());
        }
    }
}
