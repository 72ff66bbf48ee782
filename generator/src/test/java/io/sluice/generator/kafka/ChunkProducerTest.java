package io.sluice.generator.kafka;

import io.sluice.generator.settings.Compression;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkProducerTest
{
    @Test
    void producerIsTransactionalAndTunedFromTheSettings()
    {
        GeneratorSettings settings = GeneratorSettings.defaults(KafkaClientSettings.plaintext("kafka:9092"), Benchmark.TPCH, ScaleFactor.of(10))
                .withCompression(Compression.ZSTD);

        assertThat(ChunkProducer.producerProperties(settings))
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("transactional.id", "sluice-generator.tpch.sf10.p1-10of10")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "zstd")
                .containsEntry("batch.size", 512 * 1024)
                .containsEntry("linger.ms", 20)
                .containsEntry("transaction.timeout.ms", 60_000)
                .containsEntry("max.block.ms", 300_000);
    }

    @Test
    void transactionTimeoutGrowsWithTheSubChunk()
    {
        assertThat(ChunkProducer.transactionTimeout(100)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ChunkProducer.transactionTimeout(500_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ChunkProducer.transactionTimeout(2_000_000)).isEqualTo(Duration.ofSeconds(200));
        assertThat(ChunkProducer.transactionTimeout(5_000_000)).isEqualTo(Duration.ofSeconds(500));
    }
}
