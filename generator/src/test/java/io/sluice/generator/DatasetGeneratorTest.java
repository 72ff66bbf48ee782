package io.sluice.generator;

import io.sluice.schema.dataset.DatasetId;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetGeneratorTest
{
    @Test
    void aNewProducerIsTriedAfterKafkaErrorsThatAreNotFencingOrConfiguration()
    {
        assertThat(DatasetGenerator.recoverable(failed(new InvalidTxnStateException("state is COMPLETE_COMMIT")))).isTrue();
        assertThat(DatasetGenerator.recoverable(failed(new InvalidProducerEpochException("epoch bumped by a timed-out transaction")))).isTrue();
        assertThat(DatasetGenerator.recoverable(failed(new TimeoutException("commit timed out")))).isTrue();
        assertThat(DatasetGenerator.recoverable(failed(new KafkaException("in an error state", new InvalidTxnStateException("cause"))))).isTrue();

        assertThat(DatasetGenerator.recoverable(failed(new ProducerFencedException("another process took over")))).isFalse();
        assertThat(DatasetGenerator.recoverable(failed(new KafkaException("in an error state", new ProducerFencedException("fenced"))))).isFalse();
        assertThat(DatasetGenerator.recoverable(failed(new TopicAuthorizationException("not allowed")))).isFalse();
        assertThat(DatasetGenerator.recoverable(failed(new UnsupportedVersionException("old broker")))).isFalse();
        assertThat(DatasetGenerator.recoverable(failed(new IllegalStateException("produced before as part of 4 parts")))).isFalse();
    }

    private static GenerationFailedException failed(Throwable cause)
    {
        return new GenerationFailedException(DatasetId.parse("tpch.sf1"), Optional.of("orders"), Optional.empty(), cause.getMessage(), cause);
    }
}
