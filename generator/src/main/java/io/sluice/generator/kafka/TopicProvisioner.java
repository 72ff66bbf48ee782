package io.sluice.generator.kafka;

import io.sluice.schema.DurationText;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Creates the topics a generator writes if they are missing and reports the partition count each one
 * actually has (an existing topic keeps its own).
 */
public final class TopicProvisioner
{
    /** sluice.control, sluice.events, sluice.results, sluice.dlq: events are keyed by dataset or run, so a few partitions suffice. */
    public static final int SYSTEM_TOPIC_PARTITIONS = 3;
    public static final List<String> SYSTEM_TOPICS = List.of(Topics.CONTROL, Topics.EVENTS, Topics.RESULTS, Topics.DLQ);

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Optional<Short> replicationFactor;

    /**
     * @param replicationFactor of the topics it creates; empty = the cluster's {@code default.replication.factor}
     */
    public TopicProvisioner(Admin admin, Optional<Short> replicationFactor)
    {
        this.admin = requireNonNull(admin, "admin is null");
        this.replicationFactor = requireNonNull(replicationFactor, "replicationFactor is null");
    }

    public void ensureSystemTopics()
    {
        Map<String, Integer> wanted = new HashMap<>();
        SYSTEM_TOPICS.forEach(topic -> wanted.put(topic, SYSTEM_TOPIC_PARTITIONS));
        ensure(wanted);
    }

    /**
     * @param partitions wanted partitions per topic
     * @return the partitions each topic has
     */
    public Map<String, Integer> ensure(Map<String, Integer> partitions)
    {
        try {
            Map<String, TopicDescription> existing = describeExisting(partitions.keySet());
            List<NewTopic> missing = partitions.entrySet().stream()
                    .filter(entry -> !existing.containsKey(entry.getKey()))
                    .map(entry -> new NewTopic(entry.getKey(), Optional.of(entry.getValue()), replicationFactor).configs(Topics.config(entry.getKey())))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get();
                    log.info("created topic {} with {} partitions", result.getKey(), partitions.get(result.getKey()));
                }
                catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic %s: %s".formatted(result.getKey(), e.getCause().getMessage()), e.getCause());
                    }
                    // created meanwhile by another client, or not yet in the metadata the description came from
                    ensureConfig(result.getKey());
                }
            }
            existing.keySet().forEach(this::ensureConfig);
            // A topic just created may not be in the metadata yet; wait for all of them.
            Instant deadline = Instant.now().plus(METADATA_TIMEOUT);
            while (true) {
                Map<String, Integer> actual = new HashMap<>();
                describeExisting(partitions.keySet()).forEach((topic, description) -> actual.put(topic, description.partitions().size()));
                if (actual.keySet().containsAll(partitions.keySet())) {
                    return actual;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topics %s were created but are not visible after %s".formatted(partitions.keySet(), DurationText.of(METADATA_TIMEOUT)));
                }
                Thread.sleep(100);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Sets what {@link Topics#config} wants on an existing topic that lacks it: one created before, or by a client's
     * auto-creation with the broker's defaults (a consumer subscribing before anything created it). A cluster that
     * does not let this client alter topics keeps the topic as it is, with a warning that says how to set it.
     */
    public void ensureConfig(String topic)
    {
        Map<String, String> wanted = Topics.config(topic);
        if (wanted.isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> changes = new TreeMap<>();
        try {
            Config current = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            wanted.forEach((name, value) -> {
                ConfigEntry entry = current.get(name);
                if (entry == null || !value.equals(entry.value())) {
                    changes.put(name, value);
                }
            });
            if (changes.isEmpty()) {
                return;
            }
            admin.incrementalAlterConfigs(Map.of(resource, changes.entrySet().stream()
                    .map(change -> new AlterConfigOp(new ConfigEntry(change.getKey(), change.getValue()), AlterConfigOp.OpType.SET))
                    .toList())).all().get();
            log.info("set {} on topic {}", changes, topic);
        }
        catch (ExecutionException e) {
            // the describe or the change failed: what it lacks may not be known
            Map<String, String> unset = changes.isEmpty() ? wanted : changes;
            log.warn("cannot set {} on topic {}: {}; set it by hand: kafka-configs --alter --entity-type topics --entity-name {} --add-config {}",
                    unset, topic, e.getCause().getMessage(), topic, unset.entrySet().stream().map(change -> change.getKey() + "=" + change.getValue()).collect(Collectors.joining(",")));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the settings of topic " + topic, e);
        }
    }

    private Map<String, TopicDescription> describeExisting(Collection<String> topics)
            throws InterruptedException
    {
        Map<String, TopicDescription> found = new HashMap<>();
        for (var result : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                found.put(result.getKey(), result.getValue().get());
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic %s: %s".formatted(result.getKey(), e.getCause().getMessage()), e.getCause());
                }
            }
        }
        return found;
    }
}
