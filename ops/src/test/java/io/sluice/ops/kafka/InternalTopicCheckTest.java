package io.sluice.ops.kafka;

import io.sluice.ops.kafka.InternalTopicCheck.ClusterFacts;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.sluice.ops.kafka.InternalTopicCheck.InternalTopic.CONSUMER_OFFSETS;
import static io.sluice.ops.kafka.InternalTopicCheck.InternalTopic.TRANSACTION_STATE;
import static io.sluice.ops.kafka.InternalTopicCheck.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTopicCheckTest
{
    private static final Set<InternalTopicCheck.InternalTopic> BOTH = EnumSet.allOf(InternalTopicCheck.InternalTopic.class);

    @Test
    void aMissingTopicWhoseReplicationFactorExceedsTheBrokersNamesTheSettingAndWhatWorks()
    {
        ClusterFacts oneBrokerWithDefaults = new ClusterFacts(1, BOTH, Map.of(CONSUMER_OFFSETS, 3, TRANSACTION_STATE, 3));

        assertThat(problem(Set.of(TRANSACTION_STATE), oneBrokerWithDefaults)).contains(
                "cannot create __transaction_state, which transactions need: its brokers' transaction.state.log.replication.factor is 3, "
                        + "and only 1 broker is registered; set it to at most 1 on the brokers, or run at least 3 brokers");
        assertThat(problem(BOTH, oneBrokerWithDefaults)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("cannot create __consumer_offsets, which consumer groups need: its brokers' offsets.topic.replication.factor is 3")
                .contains("; it also cannot create __transaction_state, which transactions need"));
        assertThat(problem(BOTH, new ClusterFacts(2, BOTH, Map.of(CONSUMER_OFFSETS, 3, TRANSACTION_STATE, 2)))).contains(
                "cannot create __consumer_offsets, which consumer groups need: its brokers' offsets.topic.replication.factor is 3, "
                        + "and only 2 brokers are registered; set it to at most 2 on the brokers, or run at least 3 brokers");
    }

    @Test
    void aTopicThatExistsOrCanBeCreatedIsNoProblem()
    {
        // created while more brokers ran: its coordinators are there, whatever the setting says now
        assertThat(problem(BOTH, new ClusterFacts(1, Set.of(), Map.of()))).isEmpty();
        assertThat(problem(BOTH, new ClusterFacts(1, Set.of(TRANSACTION_STATE), Map.of(TRANSACTION_STATE, 1)))).isEmpty();
        assertThat(problem(BOTH, new ClusterFacts(3, BOTH, Map.of(CONSUMER_OFFSETS, 3, TRANSACTION_STATE, 3)))).isEmpty();
    }

    @Test
    void onlyWhatTheServiceNeedsAndWhatCouldBeReadCounts()
    {
        ClusterFacts offsetsUnknown = new ClusterFacts(1, BOTH, Map.of(TRANSACTION_STATE, 3));

        assertThat(problem(Set.of(CONSUMER_OFFSETS), offsetsUnknown)).isEmpty();
        assertThat(problem(Set.of(CONSUMER_OFFSETS), new ClusterFacts(1, BOTH, Map.of(CONSUMER_OFFSETS, 1, TRANSACTION_STATE, 3)))).isEmpty();
        assertThat(problem(BOTH, offsetsUnknown)).hasValueSatisfying(problem -> assertThat(problem).startsWith("cannot create __transaction_state").doesNotContain("__consumer_offsets"));
    }

    @Test
    void factsAreChecked()
    {
        assertThatThrownBy(() -> new ClusterFacts(-1, Set.of(), Map.of())).hasMessage("brokers must not be negative: -1");
    }
}
