package io.sluice.queryrunner.service;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.schema.result.Engine;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.ProcessSignals;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The query runner's results on a broker that stops answering mid-run, as in a fault run's {@code kafka:pause@benchmark}. */
@StackServers("kafka")
class ResultPublisherIT
{
    // longer than the minute a lifecycle event used to wait for Kafka
    private static final Duration OUTAGE = Duration.ofSeconds(63);

    @Test
    void queriesGoOnWhileKafkaIsDownAndTheirResultsArriveOnceItIsBack(StackStatus stack)
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        String runId = "it-publisher-" + UUID.randomUUID();
        try (ResultPublisher publisher = new ResultPublisher(kafka)) {
            publisher.onExecution(execution(runId, 1));
            publisher.flush();

            long broker = stack.server("kafka").orElseThrow().pid();
            ProcessSignals.signalGroup(broker, "STOP");
            try {
                // each returns at once, the broker still stopped (before, each waited for it, a minute at most, then failed the run)
                publisher.onExecution(execution(runId, 2));
                publisher.onExecution(execution(runId, 3));
            }
            finally {
                ProcessSignals.signalGroup(broker, "CONT");
            }
            publisher.flush();
        }

        List<Integer> published = new ArrayList<>();
        TopicReplay.readToEnd(kafka.toClientProperties(), Topics.RESULTS, Duration.ofMinutes(1), record -> {
            QueryResult result = KafkaSerdes.results().deserializer().deserialize(Topics.RESULTS, record.value());
            if (result.runId().equals(runId)) {
                published.add(result.run());
            }
        });
        assertThat(published).containsExactly(1, 2, 3);
    }

    @Test
    void aRunsStartWaitsOutAKafkaOutageOfOverAMinuteAndIsPublishedOnce(StackStatus stack)
            throws Exception
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        String runId = "it-publisher-" + UUID.randomUUID();
        BenchmarkStarted started = new BenchmarkStarted(runId, DatasetId.parse("tpch.sf0_01"), List.of(Engine.TRINO), System.currentTimeMillis());
        long broker = stack.server("kafka").orElseThrow().pid();
        // a fresh producer: the first send also has to look the topic up, which an unreachable Kafka fails after a minute
        try (ResultPublisher publisher = new ResultPublisher(kafka)) {
            ProcessSignals.signalGroup(broker, "STOP");
            CompletableFuture<Void> publish;
            try {
                publish = CompletableFuture.runAsync(() -> publisher.publish(started));
                // before, the publish failed after 60 s and the run it started was dropped
                Thread.sleep(OUTAGE.toMillis());
                assertThat(publish).as("still waiting for Kafka after %s", OUTAGE).isNotDone();
            }
            finally {
                ProcessSignals.signalGroup(broker, "CONT");
            }
            publish.get(1, TimeUnit.MINUTES);
        }

        List<PipelineEvent> published = new ArrayList<>();
        TopicReplay.readToEnd(kafka.toClientProperties(), Topics.EVENTS, Duration.ofMinutes(1), record -> {
            if (runId.equals(record.key())) {
                published.add(KafkaSerdes.events().deserializer().deserialize(Topics.EVENTS, record.value()));
            }
        });
        assertThat(published).containsExactly(started);
    }

    @Test
    void aLifecycleEventStillWaitingForKafkaIsGivenUpWhenTheServiceStops()
    {
        AtomicBoolean stopping = new AtomicBoolean();
        // nothing listens there
        KafkaClientSettings nowhere = KafkaClientSettings.plaintext("127.0.0.1:1");
        try (ResultPublisher publisher = new ResultPublisher(nowhere, stopping::get)) {
            CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> publisher.publish(new BenchmarkStarted("it-stop", DatasetId.parse("tpch.sf0_01"), List.of(Engine.TRINO), 0)));
            stopping.set(true);
            assertThat(publish).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause().withMessage("the service stopped before Kafka took BenchmarkStarted of it-stop");
        }
    }

    private static Execution execution(String runId, int run)
    {
        return new Execution(runId, "tpch.sf0_01", Engine.CLICKHOUSE, "q01", run, false, ExecutionStatus.OK, OptionalLong.of(System.currentTimeMillis()), 120, 4,
                Optional.empty(), Optional.empty(), false, "q01.sql", Map.of());
    }
}
