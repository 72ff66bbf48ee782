package io.sluice.schema.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Stops a service at startup when Kafka can never give it a coordinator. A transactional producer waits for its
 * transaction coordinator, and a group member for its group coordinator, saying nothing while the broker fails to
 * create the internal topic the coordinator lives on. The broker fails for good when that topic's replication factor
 * (a broker setting) exceeds the brokers registered: a one-broker cluster left with the broker's default of 3. Only
 * the broker's log says so; the client sees {@code COORDINATOR_NOT_AVAILABLE}, so a generator would give up after
 * {@code max.block.ms} (5 min) with a timeout, and a lander, tracker or query runner would wait for good.
 *
 * <p>A service fails only when the settings say the topic cannot be created and Kafka then names no coordinator for
 * it within {@link #TIMEOUT}. The check is advice, not a gate on Kafka's health: a cluster it cannot read (no answer
 * within its timeout, no right to describe the brokers' settings) lets the service start, and the clients wait as
 * they would have.
 */
public final class InternalTopicCheck
{
    private static final Logger log = LoggerFactory.getLogger(InternalTopicCheck.class);

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PROBE_ID = "sluice-internal-topic-check";

    /** An internal topic a service needs, and the broker setting that gives its replication factor. */
    public enum InternalTopic
    {
        CONSUMER_OFFSETS("__consumer_offsets", "offsets.topic.replication.factor", "consumer groups"),
        TRANSACTION_STATE("__transaction_state", "transaction.state.log.replication.factor", "transactions");

        private final String topic;
        private final String replicationSetting;
        private final String neededBy;

        InternalTopic(String topic, String replicationSetting, String neededBy)
        {
            this.topic = topic;
            this.replicationSetting = replicationSetting;
            this.neededBy = neededBy;
        }

        public String topic()
        {
            return topic;
        }

        public String replicationSetting()
        {
            return replicationSetting;
        }
    }

    /**
     * What the check reads from the cluster.
     *
     * @param brokers the brokers registered
     * @param missing the internal topics asked about that the cluster does not have yet
     * @param replicationFactors the brokers' setting for each missing topic, where it could be read
     */
    public record ClusterFacts(int brokers, Set<InternalTopic> missing, Map<InternalTopic, Integer> replicationFactors)
    {
        public ClusterFacts
        {
            if (brokers < 0) {
                throw new IllegalArgumentException("brokers must not be negative: " + brokers);
            }
            missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
            replicationFactors = Map.copyOf(replicationFactors);
        }
    }

    private InternalTopicCheck() {}

    /**
     * @throws IllegalStateException naming the broker setting and the values that work, when Kafka cannot create an
     * internal topic in {@code needs}
     */
    public static void requireCreatable(KafkaClientSettings kafka, Set<InternalTopic> needs)
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(needs, "needs is null");
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, PROBE_ID);
        try (Admin admin = Admin.create(properties)) {
            ClusterFacts facts = read(admin, needs);
            // a broker whose settings say otherwise may still serve them (Redpanda keeps its transactions elsewhere),
            // and the coordinator's lookup is what makes Kafka create the topic: only a lookup that fails counts
            Map<InternalTopic, KafkaFuture<?>> lookups = new EnumMap<>(InternalTopic.class);
            needs.stream().filter(need -> problem(Set.of(need), facts).isPresent()).forEach(need -> lookups.put(need, lookup(admin, need)));
            Set<InternalTopic> unserved = EnumSet.noneOf(InternalTopic.class);
            for (Map.Entry<InternalTopic, KafkaFuture<?>> lookup : lookups.entrySet()) {
                if (!answered(lookup.getValue())) {
                    unserved.add(lookup.getKey());
                }
            }
            problem(unserved, facts).ifPresent(problem -> {
                throw new IllegalStateException("Kafka at %s %s".formatted(kafka.bootstrapServers(), problem));
            });
        }
        catch (ExecutionException | TimeoutException e) {
            log.debug("cannot read what Kafka at {} has for {}; starting without the check", kafka.bootstrapServers(), needs, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka's internal topics", e);
        }
    }

    /**
     * Whether Kafka names a coordinator for {@code topic}'s kind within {@link #TIMEOUT}: its group or transaction
     * of this check's own id need not exist, any answer but "no coordinator" will do.
     */
    public static boolean coordinatorAnswers(Admin admin, InternalTopic topic)
            throws InterruptedException
    {
        return answered(lookup(admin, topic));
    }

    private static KafkaFuture<?> lookup(Admin admin, InternalTopic topic)
    {
        int millis = (int) TIMEOUT.toMillis();
        return switch (topic) {
            case CONSUMER_OFFSETS -> admin.describeConsumerGroups(List.of(PROBE_ID), new DescribeConsumerGroupsOptions().timeoutMs(millis)).all();
            case TRANSACTION_STATE -> admin.describeTransactions(List.of(PROBE_ID), new DescribeTransactionsOptions().timeoutMs(millis)).all();
        };
    }

    private static boolean answered(KafkaFuture<?> lookup)
            throws InterruptedException
    {
        try {
            lookup.get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (ExecutionException e) {
            return !(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException || e.getCause() instanceof CoordinatorNotAvailableException);
        }
        catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Reads the brokers registered, which of {@code needs} are missing, and the replication setting of those.
     */
    public static ClusterFacts read(Admin admin, Set<InternalTopic> needs)
            throws ExecutionException, InterruptedException, TimeoutException
    {
        int millis = (int) TIMEOUT.toMillis();
        List<Node> nodes = List.copyOf(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes().get(millis, TimeUnit.MILLISECONDS));
        Set<InternalTopic> missing = EnumSet.noneOf(InternalTopic.class);
        var descriptions = admin.describeTopics(needs.stream().map(InternalTopic::topic).toList(), new DescribeTopicsOptions().timeoutMs(millis)).topicNameValues();
        for (InternalTopic need : needs) {
            try {
                descriptions.get(need.topic()).get(millis, TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                // not allowed to see it is no sign that it is missing: that is left to the caller's catch
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(need);
            }
        }
        Map<InternalTopic, Integer> factors = new EnumMap<>(InternalTopic.class);
        Optional<Node> broker = nodes.stream().min(Comparator.comparingInt(Node::id));
        if (!missing.isEmpty() && broker.isPresent()) {
            // the broker that asks for the topic uses its own setting; brokers of one cluster share it
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker.get().idString());
            Config config = admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(millis)).all().get(millis, TimeUnit.MILLISECONDS).get(resource);
            for (InternalTopic topic : missing) {
                intValue(config.get(topic.replicationSetting())).ifPresent(factor -> factors.put(topic, factor));
            }
        }
        return new ClusterFacts(nodes.size(), missing, factors);
    }

    /**
     * What keeps Kafka from creating an internal topic in {@code needs}, in words that follow "Kafka at HOST".
     */
    static Optional<String> problem(Set<InternalTopic> needs, ClusterFacts facts)
    {
        List<String> problems = needs.stream()
                .sorted()
                .filter(facts.missing()::contains)
                .flatMap(topic -> Optional.ofNullable(facts.replicationFactors().get(topic))
                        .filter(factor -> factor > facts.brokers())
                        .map(factor -> "cannot create %s, which %s need: its brokers' %s is %d, and %s registered; set it to at most %d on the brokers, or run at least %d brokers"
                                .formatted(topic.topic(), topic.neededBy, topic.replicationSetting(), factor, brokers(facts.brokers()), Math.max(1, facts.brokers()), factor))
                        .stream())
                .toList();
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.stream().collect(Collectors.joining("; it also ")));
    }

    private static String brokers(int count)
    {
        return count == 1 ? "only 1 broker is" : "only %d brokers are".formatted(count);
    }

    private static OptionalInt intValue(ConfigEntry entry)
    {
        if (entry == null || entry.value() == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(entry.value().trim()));
        }
        catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
