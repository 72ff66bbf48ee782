package io.sluice.ops.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Makes real producers whose chosen commits fail the way Kafka fails a transactional producer for good (e.g. on
 * {@code INVALID_TXN_STATE}): the commit throws, and afterwards the producer refuses to abort, as one in the
 * client's fatal error state does, or as one whose commit timed out ({@link TimeoutException}) does. Only the failure is injected; everything else is the real client.
 */
public final class FailingProducers
        implements ProducerFactory
{
    /**
     * Where the failure happens relative to the broker.
     */
    public enum Failure
    {
        /** the commit never reaches the broker: the transaction stays open until the next producer aborts it */
        BEFORE_COMMIT,
        /** the broker committed, but the producer reports a failure */
        AFTER_COMMIT
    }

    @FunctionalInterface
    public interface CommitFailures
    {
        /**
         * @param producer 1 for the first producer made, 2 for the next, ...
         * @param commit 1 for a producer's first commit, ...
         * @return how this commit fails, if it does
         */
        Optional<Failure> of(int producer, int commit);

        default CommitFailures or(CommitFailures other)
        {
            return (producer, commit) -> of(producer, commit).or(() -> other.of(producer, commit));
        }
    }

    private final CommitFailures failures;
    private final Supplier<KafkaException> error;
    private final AtomicInteger created = new AtomicInteger();

    public FailingProducers(CommitFailures failures, Supplier<KafkaException> error)
    {
        this.failures = requireNonNull(failures, "failures is null");
        this.error = requireNonNull(error, "error is null");
    }

    /**
     * Fails only the given commit of the given producer.
     */
    public static CommitFailures once(int producer, int commit, Failure failure)
    {
        return (p, c) -> p == producer && c == commit ? Optional.of(failure) : Optional.empty();
    }

    /**
     * How many producers were made.
     */
    public int created()
    {
        return created.get();
    }

    @Override
    public Producer<byte[], byte[]> create(Map<String, Object> properties)
    {
        int producer = created.incrementAndGet();
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())
        {
            private int commits;
            private Optional<KafkaException> failed = Optional.empty();

            @Override
            public void commitTransaction()
            {
                Optional<Failure> failure = failures.of(producer, ++commits);
                if (failure.isEmpty() || failure.get() == Failure.AFTER_COMMIT) {
                    super.commitTransaction();
                }
                if (failure.isEmpty()) {
                    return;
                }
                failed = Optional.of(error.get());
                throw failed.get();
            }

            @Override
            public void abortTransaction()
            {
                if (failed.isPresent() && failed.get() instanceof TimeoutException) {
                    // what the client says after a commit that timed out: only the commit may be called again
                    throw new IllegalStateException("Cannot attempt operation `abortTransaction` because the previous call to `commitTransaction` timed out and must be retried");
                }
                if (failed.isPresent()) {
                    throw new KafkaException("Cannot execute transactional method because we are in an error state", failed.get());
                }
                super.abortTransaction();
            }
        };
    }
}
