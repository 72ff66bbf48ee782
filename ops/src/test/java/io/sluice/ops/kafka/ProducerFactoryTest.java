package io.sluice.ops.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerFactoryTest
{
    @Test
    void aProducerIsReplacedAfterKafkaErrorsThatAreNotFencingOrConfiguration()
    {
        assertThat(ProducerFactory.replaceable(wrapped(new InvalidTxnStateException("state is COMPLETE_COMMIT")))).isTrue();
        assertThat(ProducerFactory.replaceable(wrapped(new InvalidProducerEpochException("epoch bumped by a timed-out transaction")))).isTrue();
        assertThat(ProducerFactory.replaceable(wrapped(new TimeoutException("commit timed out")))).isTrue();
        assertThat(ProducerFactory.replaceable(new KafkaException("in an error state", new InvalidTxnStateException("cause")))).isTrue();

        assertThat(ProducerFactory.replaceable(wrapped(new ProducerFencedException("another process took over")))).isFalse();
        assertThat(ProducerFactory.replaceable(new KafkaException("in an error state", new ProducerFencedException("fenced")))).isFalse();
        assertThat(ProducerFactory.replaceable(wrapped(new TopicAuthorizationException("not allowed")))).isFalse();
        assertThat(ProducerFactory.replaceable(wrapped(new UnsupportedVersionException("old broker")))).isFalse();
        assertThat(ProducerFactory.replaceable(wrapped(new IllegalStateException("produced before as part of 4 parts")))).isFalse();
        assertThat(ProducerFactory.replaceable(new KafkaException("Error encountered sending record", new SerializationException("bad record")))).isFalse();
    }

    @Test
    void aFailureIsFencingWhenItOrACauseIsProducerFenced()
    {
        assertThat(ProducerFactory.fenced(new ProducerFencedException("another process took over"))).isTrue();
        assertThat(ProducerFactory.fenced(wrapped(new ProducerFencedException("another process took over")))).isTrue();

        assertThat(ProducerFactory.fenced(wrapped(new InvalidProducerEpochException("epoch bumped by a timed-out transaction")))).isFalse();
        assertThat(ProducerFactory.fenced(wrapped(new InvalidTxnStateException("state is COMPLETE_COMMIT")))).isFalse();
    }

    @Test
    void aFailureIsKafkasWhenItOrACauseIsAKafkaException()
    {
        assertThat(ProducerFactory.fromKafka(wrapped(new KafkaException("Unhandled error in EndTxnResponse")))).isTrue();
        assertThat(ProducerFactory.fromKafka(wrapped(new InvalidProducerEpochException("Producer attempted to produce with an old epoch.")))).isTrue();

        assertThat(ProducerFactory.fromKafka(wrapped(new IllegalStateException("produced before as part of 4 parts")))).isFalse();
    }

    private static RuntimeException wrapped(Throwable cause)
    {
        return new RuntimeException("tpch.sf1 orders part 1/1 sub-chunk 1: " + cause.getMessage(), cause);
    }
}
