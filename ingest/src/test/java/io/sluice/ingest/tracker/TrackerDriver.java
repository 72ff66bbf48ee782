package io.sluice.ingest.tracker;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.TableReady;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * The tracker topology in a {@link TopologyTestDriver}: pipe events in, read what it emitted.
 */
final class TrackerDriver
        implements AutoCloseable
{
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> input;
    private final TestOutputTopic<String, byte[]> output;
    private Instant wallClock = START;

    TrackerDriver(TrackerSettings settings)
    {
        this(settings, new Properties());
    }

    /** With the tracker's stores on {@code memory}, as {@link CompletionTracker} runs them. */
    TrackerDriver(TrackerSettings settings, StateMemory memory)
    {
        this(settings, boundedBy(memory));
    }

    private TrackerDriver(TrackerSettings settings, Properties properties)
    {
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        this.driver = new TopologyTestDriver(CompletionTopology.build(settings), properties, START);
        this.input = driver.createInputTopic(settings.eventsTopic(), new StringSerializer(), new ByteArraySerializer());
        this.output = driver.createOutputTopic(settings.eventsTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties boundedBy(StateMemory memory)
    {
        Properties properties = new Properties();
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStateMemory.class);
        properties.put(StateMemory.CONFIG, memory);
        return properties;
    }

    static TrackerSettings settings(Path stateDir)
    {
        return TrackerSettings.defaults(KafkaClientSettings.plaintext("unused:9092"))
                .withStateDir(stateDir)
                .withLandTimeout(Duration.ofMinutes(5))
                .withCheckInterval(Duration.ofSeconds(1));
    }

    /** Events written now, as a tracker that keeps up reads them. */
    void send(PipelineEvent... sent)
    {
        sendWrittenAt(wallClock, sent);
    }

    /** Events written earlier, as a tracker working through a backlog reads them. */
    void sendWrittenAt(Instant written, PipelineEvent... sent)
    {
        for (PipelineEvent event : sent) {
            input.pipeInput(event.key(), events.encode(event), written);
        }
    }

    void sendRaw(String key, byte[] value)
    {
        input.pipeInput(key, value, wallClock);
    }

    void advanceWallClock(Duration duration)
    {
        wallClock = wallClock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    /**
     * The tracker's own events emitted since the last call (the output topic is also its input, so the
     * events piped in are skipped).
     */
    List<PipelineEvent> emitted()
    {
        return output.readValuesToList().stream()
                .map(events::decode)
                .filter(event -> event instanceof TableReady || event instanceof DatasetReady || event instanceof DatasetFailed)
                .toList();
    }

    @Override
    public void close()
    {
        driver.close();
    }
}
