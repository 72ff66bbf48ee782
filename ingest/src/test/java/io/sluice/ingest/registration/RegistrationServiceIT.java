package io.sluice.ingest.registration;

import io.sluice.schema.Messages;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registration service as {@code sluice ingest registration} runs it: a consumer of an events topic that
 * registers each Parquet {@code DatasetReady} in Trino and commits past everything else. Each test has a topic of
 * its own, so the other ingest tests' events on {@code sluice.events} are not in its way.
 */
@StackServers({"kafka", "s3", "trino"})
class RegistrationServiceIT
{
    // a dataset no other test of this JVM registers, so its Trino schema holds only what this test made
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_07");

    @Test
    void registersEachParquetDatasetAndCommitsPastEverythingElse(StackStatus stack)
            throws Exception
    {
        String topic = "it.registration.events";
        RegistrationSettings settings = settings(stack, topic, "hive", Duration.ofMillis(200));
        publish(settings, new byte[] {1, 2, 3},
                Messages.events().encode(new DatasetReady(DATASET, Sink.CLICKHOUSE, List.of("customer"), 75_000, 7_000_000, 1, 900)),
                Messages.events().encode(new DatasetReady(DATASET, Sink.PARQUET, List.of("nation", "region"), 30, 3_000, 2, 800)));

        try (RegistrationService service = RegistrationService.start(settings)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(tables(stack, DATASET.databaseName())).containsExactlyInAnyOrder("nation", "region"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(committed(settings, topic)).isEqualTo(3));
            assertThat(service.registeredDatasets()).isEqualTo(1);
            assertThat(service.isRunning()).isTrue();
            assertThat(service.readiness().ready()).isTrue();
            service.close();
            assertThat(service.isRunning()).isFalse();
            assertThat(service.failure()).isEmpty();
        }
    }

    @Test
    void aServiceStartedBeforeItsTopicExistsLeavesTheTopicToItsCreatorAndReadsItOnceMade(StackStatus stack)
            throws Exception
    {
        String topic = "it.registration.later";
        RegistrationSettings settings = settings(stack, topic, "hive", Duration.ofMillis(200));

        try (RegistrationService service = RegistrationService.start(settings);
                Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            // the local broker creates a topic a client asks about unless the client says not to
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic));
            assertThat(service.isRunning()).isTrue();

            // a ClickHouse dataset is not registered: reading it shows only as the commit past it
            publish(settings, Messages.events().encode(new DatasetReady(DATASET, Sink.CLICKHOUSE, List.of("customer"), 75_000, 7_000_000, 1, 900)));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(committed(settings, topic)).isEqualTo(1));
            assertThat(service.isRunning()).isTrue();
        }
    }

    @Test
    void aServiceThatCannotConsumeStopsAndSaysWhy(StackStatus stack)
            throws Exception
    {
        try (RegistrationService service = RegistrationService.start(settings(stack, "no topic has this name!", "hive", Duration.ofMillis(200)))) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> !service.isRunning());
            assertThat(service.failure()).get().asString().contains("no topic has this name!");
            assertThat(service.readiness().ready()).isFalse();
            assertThat(service.readiness().detail()).startsWith("stopped: ");
        }
    }

    @Test
    void aDatasetTrinoRefusesIsRetriedAndTheServiceSaysItIsStuck(StackStatus stack)
            throws Exception
    {
        String topic = "it.registration.stuck";
        // a backoff far longer than the test: closing must not wait it out
        RegistrationSettings settings = settings(stack, topic, "nosuchcatalog", Duration.ofMinutes(10));
        publish(settings, Messages.events().encode(new DatasetReady(DATASET, Sink.PARQUET, List.of("nation"), 25, 2_000, 1, 700)));

        try (RegistrationService service = RegistrationService.start(settings)) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> !service.readiness().ready());
            assertThat(service.readiness().detail()).startsWith("cannot register tpch.sf0_07 in Trino at %s yet: ".formatted(settings.trinoJdbcUrl())).contains("nosuchcatalog");
            assertThat(service.isRunning()).isTrue();
            assertThat(service.registeredDatasets()).isZero();
            service.close();
            assertThat(service.isRunning()).as("stopped in its wait for the next attempt").isFalse();
            assertThat(service.failure()).isEmpty();
        }
        // the event stays to be read again once Trino has the catalog
        assertThat(committed(settings, topic)).isZero();
    }

    private static RegistrationSettings settings(StackStatus stack, String topic, String catalog, Duration retryBackoff)
    {
        return new RegistrationSettings(KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers")), "it-" + topic.replace(' ', '-'), topic,
                stack.endpoint("trino", "jdbcUrl"), "sluice-it", Optional.empty(), catalog, stack.endpoint("s3", "bucket"), retryBackoff);
    }

    /** Creates the settings' events topic with one partition and writes the values to it, keyed by the dataset. */
    private static void publish(RegistrationSettings settings, byte[]... values)
            throws Exception
    {
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            admin.createTopics(List.of(new NewTopic(settings.eventsTopic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.kafka().toClientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(settings.eventsTopic(), DATASET.toString(), value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long committed(RegistrationSettings settings, String topic)
            throws Exception
    {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(settings.groupId()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return Optional.ofNullable(offsets.get(partition)).map(OffsetAndMetadata::offset).orElse(0L);
        }
    }

    private static List<String> tables(StackStatus stack, String schema)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "sluice-it");
        try (Connection connection = DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), properties);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT table_name FROM hive.information_schema.tables WHERE table_schema = '%s'".formatted(schema))) {
            List<String> tables = new ArrayList<>();
            while (result.next()) {
                tables.add(result.getString(1));
            }
            return tables;
        }
    }
}
