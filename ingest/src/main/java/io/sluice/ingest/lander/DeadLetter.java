package io.sluice.ingest.lander;

import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A record on its way to the dead-letter topic: the value as it was, keyed by the source topic, with the
 * reason and source position in headers (schema/README). {@code reasonCode} is the short label for metrics.
 */
record DeadLetter(String topic, int partition, long offset, byte[] value, String reasonCode, String reason)
{
    DeadLetter
    {
        requireNonNull(topic, "topic is null");
        requireNonNull(reasonCode, "reasonCode is null");
        requireNonNull(reason, "reason is null");
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String reasonCode, String reason)
    {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.value(), reasonCode, reason);
    }

    /**
     * One row of a record, sent as its single-object message so that it can be read, and replayed, on its own.
     */
    static DeadLetter ofRow(ConsumerRecord<byte[], byte[]> record, long fingerprint, ByteBuffer payload, String reasonCode, String reason)
    {
        byte[] message = new byte[SingleObjectEncoding.HEADER_LENGTH + payload.remaining()];
        SingleObjectEncoding.writeHeader(fingerprint, message);
        payload.get(payload.position(), message, SingleObjectEncoding.HEADER_LENGTH, payload.remaining());
        return new DeadLetter(record.topic(), record.partition(), record.offset(), message, reasonCode, reason);
    }

    int size()
    {
        return value == null ? 0 : value.length;
    }

    ProducerRecord<byte[], byte[]> toProducerRecord(String dlqTopic)
    {
        RecordHeaders headers = new RecordHeaders(List.of(
                new RecordHeader(Topics.DLQ_REASON_HEADER, utf8(reason)),
                new RecordHeader(Topics.DLQ_SOURCE_PARTITION_HEADER, utf8(Integer.toString(partition))),
                new RecordHeader(Topics.DLQ_SOURCE_OFFSET_HEADER, utf8(Long.toString(offset)))));
        return new ProducerRecord<>(dlqTopic, null, utf8(topic), value, headers);
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
