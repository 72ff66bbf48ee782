package io.sluice.generator.it;

import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.ClusterFacts;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.kafka.KafkaServerKind;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sluice.ops.kafka.InternalTopicCheck.InternalTopic.CONSUMER_OFFSETS;
import static io.sluice.ops.kafka.InternalTopicCheck.InternalTopic.TRANSACTION_STATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the check reads from a real broker. A new cluster (a stack of its own: the shared one has both topics once any
 * test used it) has neither internal topic until a group or a transactional producer asks for its coordinator, and
 * the check's own lookups then make Kafka create them.
 */
class InternalTopicCheckIT
{
    private static final Set<InternalTopic> BOTH = EnumSet.allOf(InternalTopic.class);

    @Test
    void readsTheBrokersTheMissingInternalTopicsAndTheReplicationFactorsTheBrokerWouldGiveThem(@TempDir Path runDir)
            throws Exception
    {
        StackSettings settings = new StackSettings(runDir, List.of("kafka"), Map.of(), StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            String bootstrap = stack.status().endpoint("kafka", KafkaServerKind.BOOTSTRAP_SERVERS);
            Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(client)) {
                // the stack's broker is set up to give them one replica each
                assertThat(InternalTopicCheck.read(admin, BOTH)).isEqualTo(new ClusterFacts(1, BOTH, Map.of(CONSUMER_OFFSETS, 1, TRANSACTION_STATE, 1)));
                assertThat(InternalTopicCheck.read(admin, Set.of(TRANSACTION_STATE))).isEqualTo(new ClusterFacts(1, Set.of(TRANSACTION_STATE), Map.of(TRANSACTION_STATE, 1)));
                InternalTopicCheck.requireCreatable(KafkaClientSettings.plaintext(bootstrap), BOTH);

                // looking up a coordinator is what makes Kafka create the topic it lives on
                assertThat(InternalTopicCheck.coordinatorAnswers(admin, TRANSACTION_STATE)).isTrue();
                await("__transaction_state described").atMost(Duration.ofSeconds(30))
                        .until(() -> InternalTopicCheck.read(admin, BOTH).missing(), missing -> missing.equals(Set.of(CONSUMER_OFFSETS)));
                assertThat(InternalTopicCheck.coordinatorAnswers(admin, CONSUMER_OFFSETS)).isTrue();
                // both there: the brokers' settings are not read
                await("both internal topics described").atMost(Duration.ofSeconds(30))
                        .until(() -> InternalTopicCheck.read(admin, BOTH), facts -> facts.equals(new ClusterFacts(1, Set.of(), Map.of())));
            }
        }
    }
}
