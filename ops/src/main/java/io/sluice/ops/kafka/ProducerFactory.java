package io.sluice.ops.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
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
     * Whether a new producer with the same transactional id may succeed where the one that threw this failed:
     * a Kafka error, which a transactional producer mostly takes as fatal to itself even where the broker's
     * state is fine (e.g. {@code InvalidTxnStateException}), but not being fenced (another process has taken
     * over the transactional id) nor a configuration error (authentication, authorisation, an unsupported
     * broker), which a new producer would only meet again.
     */
    static boolean replaceable(Throwable failure)
    {
        List<Throwable> causes = Stream.iterate(failure, cause -> cause != null, Throwable::getCause).limit(20).toList();
        return causes.stream().anyMatch(KafkaException.class::isInstance)
                && causes.stream().noneMatch(cause -> cause instanceof ProducerFencedException || cause instanceof InvalidConfigurationException);
    }
}
