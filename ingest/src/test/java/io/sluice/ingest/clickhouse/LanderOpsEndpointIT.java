package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lander as a pod runs it: its {@code /metrics} and health endpoints on the real stack. The row and chunk
 * counters scraped over HTTP equal what the generator announced and what ClickHouse holds; readiness goes false
 * when Kafka is stopped and true again when it is back.
 */
@StackServers({"kafka", "clickhouse"})
class LanderOpsEndpointIT
{
    // a dataset of its own (other classes generate tpch.sf0_01 with other parts), four small tables
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_02");
    private static final String EVENTS_TOPIC = "it.ops.events";
    private static final String GROUP = "it-ops-clickhouse";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void scrapedCountersEqualWhatLandedAndReadinessFollowsKafka(LocalStack stack)
            throws Exception
    {
        StackStatus status = stack.status();
        String bootstrap = status.endpoint("kafka", "bootstrapServers");
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(bootstrap);
        new DatasetGenerator(GeneratorSettings.defaults(kafka, Benchmark.TPCH, ScaleFactor.parse("0.02"))
                .withParts(2, Optional.empty())
                .withSubChunkRows(1_000)
                .withTables(List.of("region", "nation", "supplier", "customer")), _ -> {}, new SimpleMeterRegistry()).run();
        List<ChunkProduced> produced = Events.read(bootstrap, Topics.EVENTS).stream()
                .filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast)
                .filter(chunk -> chunk.dataset().equals(DATASET))
                .toList();
        Map<String, Long> producedRows = produced.stream().collect(Collectors.groupingBy(ChunkProduced::table, Collectors.summingLong(ChunkProduced::rows)));
        Map<String, Long> producedChunks = produced.stream().collect(Collectors.groupingBy(ChunkProduced::table, Collectors.counting()));
        assertThat(producedRows).containsOnlyKeys("region", "nation", "supplier", "customer");
        Events.createTopic(bootstrap, EVENTS_TOPIC);

        ClickHouseSettings clickHouse = ClickHouseSettings.defaults(status.endpoint("clickhouse", "jdbcUrl"), "default", "").withDatabasePrefix("ops_");
        try (OpsEndpoint ops = OpsEndpoint.start(new MetricsSettings(freePort(), "127.0.0.1"));
                RunningLander lander = ClickHouseLander.run(landerSettings(kafka), clickHouse, ops.registry());
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            ops.readyWhen(lander::readiness);
            URI base = URI.create("http://127.0.0.1:" + ops.address().orElseThrow().getPort());

            long started = System.nanoTime();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> get(base, "/health/ready").statusCode() == 200);
            System.out.printf("ready after %d ms: %s", millisSince(started), get(base, "/health/ready").body());

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                ScrapedMetrics scraped = ScrapedMetrics.parse(get(base, "/metrics").body());
                producedChunks.forEach((table, chunks) -> assertThat(scraped.sum("sluice_chunks_landed_total", labels(table))).as("chunks of %s", table).isEqualTo(chunks.doubleValue()));
            });
            ScrapedMetrics scraped = ScrapedMetrics.parse(get(base, "/metrics").body());
            producedRows.forEach((table, rows) -> {
                assertThat(scraped.sum("sluice_rows_landed_total", labels(table))).as("rows of %s scraped", table).isEqualTo(rows.doubleValue());
                assertThat(tables.count(DATASET, table)).as("rows of %s in ClickHouse", table).isEqualTo(rows);
            });
            // measured every few seconds
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                ScrapedMetrics measured = ScrapedMetrics.parse(get(base, "/metrics").body());
                producedRows.keySet().forEach(table ->
                        assertThat(measured.sum("sluice_consumer_lag", Map.of("group", GROUP, "topic", Topics.rows(DATASET, table)))).as("lag on %s", table).isZero());
            });
            assertThat(scraped.sum("sluice_batch_write_seconds", Map.of("sink", "clickhouse"))).isPositive();
            assertThat(scraped.series("jvm_memory_used_bytes")).isNotEmpty();
            MetricCatalog.load().exportedBy("lander").stream()
                    .filter(entry -> !entry.name().equals("sluice_dlq_records_total")) // only once a record is rejected
                    .forEach(entry -> assertThat(scraped.mismatch(entry)).isEmpty());

            stack.stop("kafka");
            long stopped = System.nanoTime();
            try {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> get(base, "/health/ready").statusCode() == 503);
                System.out.printf("not ready %d ms after Kafka stopped: %s", millisSince(stopped), get(base, "/health/ready").body());
                assertThat(get(base, "/health/ready").body()).contains("no connection to Kafka");
                assertThat(get(base, "/health/live").statusCode()).isEqualTo(200);
            }
            finally {
                stack.restart("kafka");
            }
            long restarted = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> get(base, "/health/ready").statusCode() == 200);
            System.out.printf("ready %d ms after Kafka was back: %s", millisSince(restarted), get(base, "/health/ready").body());
            // the group rebalances after the broker's restart; the lander gets its partitions back
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base, "/health/ready").body().equals("ready: landing 4 partitions into clickhouse\n"));
            System.out.printf("all 4 partitions back %d ms after Kafka was back%n", millisSince(restarted));
            assertThat(lander.failure()).isEmpty();
        }
    }

    private static Map<String, String> labels(String table)
    {
        return Map.of("sink", "clickhouse", "dataset", DATASET.toString(), "table", table);
    }

    private static LanderSettings landerSettings(KafkaClientSettings kafka)
    {
        LanderSettings defaults = LanderSettings.defaults(kafka, List.of(DATASET.toString()));
        return new LanderSettings(defaults.kafka(), defaults.sources(), Optional.of(GROUP), defaults.transactionalId(),
                defaults.batchRows(), defaults.batchBytes(), defaults.maxOpenBatches(), Duration.ofMillis(100), Duration.ofSeconds(1),
                defaults.dlqTopic(), EVENTS_TOPIC, defaults.topicRefresh(), defaults.markerWait());
    }

    private HttpResponse<String> get(URI base, String path)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long nanos)
    {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
