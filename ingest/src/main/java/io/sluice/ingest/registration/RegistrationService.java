package io.sluice.ingest.registration;

import io.sluice.loaders.trino.TrinoTableRegistrar;
import io.sluice.ops.Readiness;
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Registers every dataset that becomes ready in the Parquet sink as external Trino tables
 * ({@link TrinoTableRegistrar}): a consumer of {@code sluice.events} that commits its offset after the tables
 * exist. Registration is idempotent ({@code IF NOT EXISTS}), so an event read again after a crash is harmless.
 * A Trino that refuses (down, or without the catalog) is retried, and {@link #readiness()} says so meanwhile (Kafka
 * holds the event); any other failure stops the service, and {@link #failure()} says why, so that its process ends
 * instead of looking ready while it registers nothing.
 * Also callable once, without Kafka: {@link #register(RegistrationSettings, DatasetReady)}.
 */
public final class RegistrationService
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final RegistrationSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final Thread thread;
    // counted down on close; a retry's wait ends on it, so that stopping a service stuck on Trino takes no backoff
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Throwable failure;
    // why the event at hand is not registered yet, while Trino refuses it
    private volatile Optional<String> retrying = Optional.empty();
    private final AtomicLong registeredDatasets = new AtomicLong();

    private RegistrationService(RegistrationSettings settings)
    {
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name("sluice-registration").unstarted(this::run);
    }

    /**
     * Starts consuming on a thread of its own; {@link #close()} stops it.
     */
    public static RegistrationService start(RegistrationSettings settings)
    {
        requireNonNull(settings, "settings is null");
        InternalTopicCheck.requireCreatable(settings.kafka(), EnumSet.of(InternalTopic.CONSUMER_OFFSETS));
        RegistrationService service = new RegistrationService(settings);
        service.thread.start();
        return service;
    }

    /**
     * Registers the tables of a Parquet {@code DatasetReady} now.
     *
     * @return the qualified table names, {@code hive.tpch_sf0_01.lineitem}
     */
    public static List<String> register(RegistrationSettings settings, DatasetReady ready)
            throws SQLException
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(ready, "ready is null");
        if (ready.sink() != Sink.PARQUET) {
            throw new IllegalArgumentException("only Parquet datasets are registered in Trino, got " + ready.sink());
        }
        List<String> registered = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(settings.trinoJdbcUrl(), connectionProperties(settings))) {
            TrinoTableRegistrar registrar = new TrinoTableRegistrar(connection, settings.catalog(), settings.bucket());
            for (String table : ready.tables()) {
                registered.add(registrar.register(ready.dataset(), table));
            }
        }
        return registered;
    }

    private void run()
    {
        try {
            consumer.subscribe(List.of(settings.eventsTopic()));
            while (!closed()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Optional<DatasetReady> ready = decodeReady(record);
                    if (ready.isPresent()) {
                        registerUntilDone(ready.get());
                    }
                }
                consumer.commitSync();
            }
        }
        catch (WakeupException e) {
            if (!closed()) {
                throw e;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            failure = e;
            log.error("registration stopped: {}", e.getMessage(), e);
        }
        finally {
            consumer.close();
        }
    }

    private Optional<DatasetReady> decodeReady(ConsumerRecord<String, byte[]> record)
    {
        return events.decodeIfKnown(record.value())
                .flatMap(event -> event instanceof DatasetReady ready && ready.sink() == Sink.PARQUET ? Optional.of(ready) : Optional.empty());
    }

    private void registerUntilDone(DatasetReady ready)
            throws InterruptedException
    {
        while (!closed()) {
            try {
                List<String> tables = register(settings, ready);
                retrying = Optional.empty();
                registeredDatasets.incrementAndGet();
                log.info("registered {} in Trino: {}", ready.dataset(), tables);
                return;
            }
            catch (SQLException e) {
                retrying = Optional.of("cannot register %s in Trino at %s yet: %s".formatted(ready.dataset(), settings.trinoJdbcUrl(), e.getMessage()));
                log.warn("cannot register {} in Trino at {} yet, retrying in {}: {}", ready.dataset(), settings.trinoJdbcUrl(), settings.retryBackoff(), e.getMessage());
                closing.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        throw new WakeupException();
    }

    private static Map<String, Object> consumerProperties(RegistrationSettings settings)
    {
        Map<String, Object> properties = settings.kafka().toGroupMemberProperties(settings.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }

    private static Properties connectionProperties(RegistrationSettings settings)
    {
        Properties properties = new Properties();
        properties.setProperty("user", settings.trinoUser());
        settings.trinoPassword().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    private boolean closed()
    {
        return closing.getCount() == 0;
    }

    /** Whether it still consumes; false once closed or stopped by a failure. */
    public boolean isRunning()
    {
        return thread.isAlive() && failure == null;
    }

    /** Why it stopped, if it stopped by itself. */
    public Optional<Throwable> failure()
    {
        return Optional.ofNullable(failure);
    }

    /** Parquet {@code DatasetReady} events registered since it started (a repeated event counts again). */
    public long registeredDatasets()
    {
        return registeredDatasets.get();
    }

    public Readiness readiness()
    {
        if (!isRunning()) {
            return Readiness.notReady("stopped" + failure().map(e -> ": " + e.getMessage()).orElse(""));
        }
        // a catalog that does not exist is retried like a Trino that is down: say so where a probe can see it
        Optional<String> stuck = retrying;
        if (stuck.isPresent()) {
            return Readiness.notReady(stuck.get());
        }
        return Readiness.ready("registering Parquet datasets in Trino (%d so far)".formatted(registeredDatasets()));
    }

    @Override
    public void close()
            throws InterruptedException
    {
        closing.countDown();
        consumer.wakeup();
        thread.join(Duration.ofSeconds(30));
    }
}
