package io.sluice.ingest.parquet;

import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.StoredObject;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.row.RowModel;
import io.sluice.schema.topic.Topics;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: what the generator says it produced (ChunkProduced on sluice.events), what landers say they
 * landed, and what is really in the store (objects read back with a Parquet reader).
 */
final class LandedDataset
{
    private LandedDataset() {}

    /**
     * All committed events of the dataset on sluice.events.
     */
    static List<PipelineEvent> events(String bootstrap, DatasetId dataset)
    {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<PipelineEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], PipelineEvent> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), KafkaSerdes.events().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], PipelineEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (isOf(record.value(), dataset)) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }

    private static boolean isOf(PipelineEvent event, DatasetId dataset)
    {
        return switch (event) {
            case ChunkProduced produced -> produced.dataset().equals(dataset);
            case ChunkLanded landed -> landed.dataset().equals(dataset);
            default -> false;
        };
    }

    /**
     * The generator's rows and checksum per table: the sum of its ChunkProduced events.
     */
    static Map<String, ChunkChecksum> produced(List<PipelineEvent> events)
    {
        Map<String, ChunkChecksum> tables = new HashMap<>();
        events.stream().filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast)
                .forEach(chunk -> tables.computeIfAbsent(chunk.table(), _ -> new ChunkChecksum()).combine(chunk.checksum(), chunk.rows()));
        return tables;
    }

    /**
     * Reads every object of a table back with parquet-avro and sums the rows' checksums.
     */
    static ChunkChecksum readBack(ObjectStore store, DatasetId dataset, String table, Path scratch)
            throws IOException
    {
        ChunkChecksum checksum = new ChunkChecksum();
        for (StoredObject object : store.list(ParquetLayout.tablePrefix(dataset, table))) {
            Path file = scratch.resolve(object.key().replace('/', '_'));
            Files.write(file, store.read(object.key()));
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                    .withDataModel(RowModel.create())
                    .build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    checksum.add(row);
                }
            }
            Files.delete(file);
        }
        return checksum;
    }
}
