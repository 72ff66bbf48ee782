package io.sluice.ingest.lander;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;

import static java.util.Objects.requireNonNull;

/**
 * A row topic {@code <benchmark>.<sf token>.<table>} and what its records are: the table's schema and the
 * fingerprint every row's single-object header must name.
 */
record RowTopic(String topic, DatasetId dataset, String table, Schema schema, long fingerprint)
{
    RowTopic
    {
        requireNonNull(topic, "topic is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(table, "table is null");
        requireNonNull(schema, "schema is null");
    }

    static RowTopic parse(String topic)
    {
        int first = topic.indexOf('.');
        int second = first < 0 ? -1 : topic.indexOf('.', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("topic '%s' is not a row topic <benchmark>.sf<N>.<table>".formatted(topic));
        }
        DatasetId dataset = DatasetId.parse(topic.substring(0, second));
        String table = topic.substring(second + 1);
        Schema schema = TableSchemas.schema(dataset.benchmark(), table);
        return new RowTopic(topic, dataset, table, schema, new RowCodec(schema).fingerprint());
    }
}
