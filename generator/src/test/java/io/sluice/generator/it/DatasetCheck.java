package io.sluice.generator.it;

import io.sluice.schema.Messages;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.RowBlock;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.ChunkMarker;
import io.sluice.schema.kafka.PartKey;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a produced table the way a lander would see it: reads the row topic {@code read_committed},
 * recomputes each sub-chunk's rows and checksum from the rows between its part's markers, and compares them
 * with the marker and with the {@code ChunkProduced} events on {@code sluice.events}.
 */
final class DatasetCheck
{
    private final String bootstrapServers;
    private final DatasetId dataset;
    private final List<ChunkProduced> events;

    DatasetCheck(String bootstrapServers, DatasetId dataset)
    {
        this.bootstrapServers = bootstrapServers;
        this.dataset = dataset;
        var codec = Messages.events();
        List<ChunkProduced> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.read(bootstrapServers, Topics.EVENTS)) {
            PipelineEvent event = codec.decode(record.value());
            if (event instanceof ChunkProduced chunk && chunk.dataset().equals(dataset)) {
                found.add(chunk);
            }
        }
        this.events = List.copyOf(found);
    }

    List<ChunkProduced> events()
    {
        return events;
    }

    /**
     * Asserts the table holds exactly {@code expectedRows} rows in complete, matching sub-chunks of every
     * part, each produced once; returns the table's checksum.
     */
    ChunkChecksum assertTable(String table, int parts, long expectedRows)
    {
        ChunkMarker markers = new ChunkMarker();
        long fingerprint = RowCodec.forTable(dataset.benchmark(), table).fingerprint();
        Map<Integer, ChunkChecksum> open = new HashMap<>();
        Map<String, ChunkProduced> marked = new HashMap<>();
        ChunkChecksum total = new ChunkChecksum();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.read(bootstrapServers, Topics.rows(dataset, table))) {
            int part = PartKey.decode(record.key());
            ChunkChecksum running = open.computeIfAbsent(part, _ -> new ChunkChecksum());
            if (ChunkMarker.isMarker(record.headers())) {
                ChunkProduced marker = markers.decode(record.value());
                assertThat(marker.part()).as("marker key").isEqualTo(part);
                assertThat(marker.table()).isEqualTo(table);
                assertThat(running.rows()).as("rows of %s part %d sub-chunk %d", table, part, marker.subChunk()).isEqualTo(marker.rows());
                assertThat(running.value()).as("checksum of %s part %d sub-chunk %d", table, part, marker.subChunk()).isEqualTo(marker.checksum());
                assertThat(marked.put(part + "/" + marker.subChunk(), marker)).as("duplicate marker %s part %d sub-chunk %d", table, part, marker.subChunk()).isNull();
                total.combine(running);
                open.remove(part);
            }
            else {
                RowBlock.Rows rows = RowBlock.read(record.value());
                assertThat(rows.fingerprint()).as("schema of %s rows", table).isEqualTo(fingerprint);
                rows.payloads().forEach(running::add);
            }
        }
        assertThat(open.values()).as("rows after the last marker of a part").allSatisfy(rest -> assertThat(rest.rows()).isZero());

        List<ChunkProduced> tableEvents = events.stream().filter(event -> event.table().equals(table)).toList();
        assertThat(tableEvents).as("ChunkProduced events of %s", table).hasSameSizeAs(marked.values());
        Set<String> seen = new HashSet<>();
        for (ChunkProduced event : tableEvents) {
            String key = event.part() + "/" + event.subChunk();
            assertThat(seen.add(key)).as("duplicate event %s %s", table, key).isTrue();
            ChunkProduced marker = marked.get(key);
            assertThat(marker).as("marker for event %s %s", table, key).isNotNull();
            assertThat(event.rows()).isEqualTo(marker.rows());
            assertThat(event.checksum()).isEqualTo(marker.checksum());
        }
        for (int part = 1; part <= parts; part++) {
            int p = part;
            List<ChunkProduced> ofPart = tableEvents.stream().filter(event -> event.part() == p).toList();
            assertThat(ofPart).as("%s part %d", table, part).isNotEmpty();
            int subChunks = ofPart.getFirst().subChunks();
            assertThat(ofPart).extracting(ChunkProduced::subChunk).as("%s part %d sub-chunks", table, part)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, subChunks).boxed().toList());
            assertThat(ofPart).allSatisfy(event -> assertThat(event.parts()).isEqualTo(parts));
        }
        assertThat(total.rows()).as("rows of %s", table).isEqualTo(expectedRows);
        return total;
    }
}
