package io.sluice.cli;

import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Follows the rows landed in every sink from the start of a phase with faults, for the phase's recovery. The run's
 * own wait for the dataset starts only after generation: its first count holds whatever landed before, even while a
 * fault was in effect, and taken as progress at that moment it reported a recovery while the S3 store was still down.
 */
final class LandingObserver implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Optional<Thread> thread;

    private LandingObserver(Optional<Thread> thread) {
        this.thread = thread;
    }

    /** Observes nothing when the phase has no faults. */
    static LandingObserver start(KafkaClientSettings kafka, DatasetId dataset, Set<Sink> sinks, RunFaults.Phase phase) {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sinks, "sinks is null");
        if (!phase.faulted()) {
            return new LandingObserver(Optional.empty());
        }
        return new LandingObserver(Optional.of(Thread.ofPlatform().name("sluice-landing-observer").daemon().start(() -> {
            try {
                // no deadline of its own: the run's wait has one, and closing this ends it
                new DatasetWaiter(kafka, Topics.EVENTS).await(dataset, sinks, Duration.ofDays(365), progress -> phase.progress("land", LandingView.landedInEverySink(progress, sinks)));
            }
            catch (InterruptedException | RuntimeException e) {
                // closed (Kafka's client reports the interrupt as its own exception), or the dataset failed, which the
                // run's wait reports
            }
        })));
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isPresent()) {
            thread.get().interrupt();
            thread.get().join(STOP_WAIT);
        }
    }
}
