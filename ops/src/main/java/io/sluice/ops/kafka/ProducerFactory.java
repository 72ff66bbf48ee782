package io.sluice.ops.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes the transactional producers of the generator and the landers, which replace a producer that failed for
 * good (see {@link #replaceable}). Tests pass one whose producers fail on cue.
 */
@FunctionalInterface
public interface ProducerFactory
{
    ProducerFactory KAFKA = properties -> new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());

    Producer<byte[], byte[]> create(Map<String, Object> properties);

    /**
     * How many producers in a row a component tries before it gives up: the first and two replacements.
     */
    int ATTEMPTS = 3;

    /**
     * Whether a new producer with the same transactional id may succeed where the one that threw this failed:
     * an error a broker or the client reported ({@link ApiException}), which a transactional producer mostly
     * takes as fatal to itself even where the broker's state is fine (e.g. {@code InvalidTxnStateException}),
     * but not being fenced (another process has taken over the transactional id) nor a configuration error
     * (authentication, authorisation, an unsupported broker), which a new producer would only meet again. Other
     * errors, such as a record that does not serialise, are the caller's.
     */
    static boolean replaceable(Throwable failure)
    {
        List<Throwable> causes = causes(failure);
        return causes.stream().anyMatch(ApiException.class::isInstance)
                && !fenced(failure)
                && causes.stream().noneMatch(InvalidConfigurationException.class::isInstance);
    }

    /**
     * Whether the failure, or one of its causes, is the producer being fenced: another producer has taken over its
     * transactional id.
     */
    static boolean fenced(Throwable failure)
    {
        return causes(failure).stream().anyMatch(ProducerFencedException.class::isInstance);
    }

    /**
     * Whether Kafka's client raised the failure or one of its causes ({@link KafkaException}), as opposed to the
     * caller's own errors.
     */
    static boolean fromKafka(Throwable failure)
    {
        return causes(failure).stream().anyMatch(KafkaException.class::isInstance);
    }

    private static List<Throwable> causes(Throwable failure)
    {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause).limit(20).toList();
    }
}
