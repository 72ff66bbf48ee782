package io.sluice.ops.kafka;

import io.sluice.schema.DurationText;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Stops a service at startup when Kafka cannot give it a coordinator. A transactional producer waits for its
 * transaction coordinator, and a group member for its group coordinator, saying nothing while the broker fails to
 * create the internal topic the coordinator lives on. The broker fails for good when that topic's replication factor
 * (a broker setting) exceeds the brokers registered: a one-broker cluster left with the broker's default of 3. Only
 * the broker's log says so; the client sees {@code COORDINATOR_NOT_AVAILABLE}, so a generator would give up after
 * {@code max.block.ms} (5 min) with a timeout, and a lander, tracker or query runner would wait for good.
 *
 * <p>A service fails only when the settings say the topic cannot be created and Kafka names no coordinator for it
 * for {@link #GIVE_UP}: a cluster whose brokers are still joining (all pods started at once) gets that long, with a
 * warning at each try. The check is advice, not a gate on Kafka's health: a cluster it cannot read (no answer within
 * {@link #TIMEOUT}, no right to describe the brokers' settings) lets the service start, and the clients wait as they
 * would have.
 */
public final class InternalTopicCheck
{
    private static final Logger log = LoggerFactory.getLogger(InternalTopicCheck.class);

    /** How long reading the cluster, and each coordinator lookup, may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long Kafka may name no coordinator while its settings say it cannot create the topic. */
    public static final Duration GIVE_UP = Duration.ofMinutes(1);
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
            missing = Set.copyOf(requireNonNull(missing, "missing is null"));
            replicationFactors = Map.copyOf(requireNonNull(replicationFactors, "replicationFactors is null"));
        }
    }

    /** Kafka cannot create an internal topic a service needs; the message names the broker setting to change. */
    public static final class InternalTopicUnavailableException
            extends IllegalStateException
    {
        InternalTopicUnavailableException(String message)
        {
            super(message);
        }
    }

    private InternalTopicCheck() {}

    /**
     * @throws InternalTopicUnavailableException naming the broker setting and the values that work, when Kafka cannot
     * create an internal topic in {@code needs}
     */
    public static void requireCreatable(KafkaClientSettings kafka, Set<InternalTopic> needs)
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(needs, "needs is null");
        long giveUpAt = System.nanoTime() + GIVE_UP.toNanos();
        Admin admin = null;
        try {
            admin = Admin.create(kafka.toClientProperties());
            while (true) {
                long roundStart = System.nanoTime();
                ClusterFacts facts = read(admin, needs);
                // a broker whose settings say otherwise may still serve them (Redpanda keeps its transactions
                // elsewhere), and the coordinator's lookup is what makes Kafka create the topic: only a lookup that
                // fails counts
                Map<InternalTopic, KafkaFuture<?>> lookups = new EnumMap<>(InternalTopic.class);
                for (InternalTopic need : needs) {
                    if (problemOf(need, facts).isPresent()) {
                        lookups.put(need, lookup(admin, need));
                    }
                }
                Set<InternalTopic> unserved = EnumSet.noneOf(InternalTopic.class);
                for (Map.Entry<InternalTopic, KafkaFuture<?>> lookup : lookups.entrySet()) {
                    if (!answered(lookup.getValue())) {
                        unserved.add(lookup.getKey());
                    }
                }
                Optional<String> problem = problem(unserved, facts);
                if (problem.isEmpty()) {
                    return;
                }
                String message = "Kafka at %s %s".formatted(kafka.bootstrapServers(), problem.get());
                if (System.nanoTime() - giveUpAt >= 0) {
                    throw new InternalTopicUnavailableException(message + " (no coordinator for %s)".formatted(DurationText.of(GIVE_UP)));
                }
                log.warn("{}; trying again, in case brokers are still joining", message);
                // a lookup that fails at once must not make this a busy loop
                TimeUnit.NANOSECONDS.sleep(Math.max(0, roundStart + TIMEOUT.toNanos() - System.nanoTime()));
            }
        }
        catch (ExecutionException | TimeoutException | KafkaException | CancellationException e) {
            log.info("cannot tell whether Kafka at {} has what {} need ({}); starting without that check", kafka.bootstrapServers(),
                    needs.stream().map(need -> need.neededBy).collect(Collectors.joining(" and ")), e instanceof ExecutionException ? e.getCause() : e);
        }
        catch (InterruptedException e) {
            // the service's own clients see the interrupt next
            Thread.currentThread().interrupt();
        }
        finally {
            if (admin != null) {
                // nothing of it is wanted any longer: calls still pending would hold the close up to their timeouts
                admin.close(Duration.ZERO);
            }
        }
    }

    /**
     * Reads the brokers registered, which of {@code needs} are missing, and the replication setting of those, within
     * {@link #TIMEOUT} in all.
     */
    public static ClusterFacts read(Admin admin, Set<InternalTopic> needs)
            throws ExecutionException, InterruptedException, TimeoutException
    {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Node> nodes = List.copyOf(admin.describeCluster(new DescribeClusterOptions().timeoutMs(remaining(deadline))).nodes().get(remaining(deadline), TimeUnit.MILLISECONDS));
        Set<InternalTopic> missing = EnumSet.noneOf(InternalTopic.class);
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(needs.stream().map(InternalTopic::topic).toList(),
                new DescribeTopicsOptions().timeoutMs(remaining(deadline))).topicNameValues();
        for (InternalTopic need : needs) {
            try {
                descriptions.get(need.topic()).get(remaining(deadline), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                // not allowed to see it is no sign that it is missing: that is left to the caller
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
            Config config = admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(remaining(deadline)))
                    .all().get(remaining(deadline), TimeUnit.MILLISECONDS).get(resource);
            for (InternalTopic topic : missing) {
                intValue(config.get(topic.replicationSetting())).ifPresent(factor -> factors.put(topic, factor));
            }
        }
        return new ClusterFacts(nodes.size(), missing, factors);
    }

    /**
     * Whether Kafka names a coordinator for {@code topic}'s kind within {@link #TIMEOUT}: the group or transaction of
     * the check's own id need not exist, any answer but "no coordinator" will do.
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
            // the call times itself out; this bound only guards against a call that never completes
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
     * What keeps Kafka from creating an internal topic in {@code needs}, in words that follow "Kafka at HOST".
     */
    static Optional<String> problem(Set<InternalTopic> needs, ClusterFacts facts)
    {
        List<String> problems = needs.stream().sorted().flatMap(topic -> problemOf(topic, facts).stream()).toList();
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; it also ", problems));
    }

    private static Optional<String> problemOf(InternalTopic topic, ClusterFacts facts)
    {
        if (!facts.missing().contains(topic)) {
            return Optional.empty();
        }
        return Optional.ofNullable(facts.replicationFactors().get(topic))
                .filter(factor -> factor > facts.brokers())
                .map(factor -> "cannot create %s, which %s need: its brokers' %s is %d, and %s registered; set it to at most %d on the brokers, or run at least %d brokers"
                        .formatted(topic.topic(), topic.neededBy, topic.replicationSetting(), factor, brokers(facts.brokers()), Math.max(1, facts.brokers()), factor));
    }

    private static int remaining(long deadline)
    {
        return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
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
