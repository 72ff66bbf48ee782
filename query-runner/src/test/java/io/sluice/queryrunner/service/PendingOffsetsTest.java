package io.sluice.queryrunner.service;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingOffsetsTest
{
    private static final TopicPartition CONTROL = new TopicPartition("sluice.control", 0);
    private static final TopicPartition EVENTS = new TopicPartition("sluice.events", 3);

    private final PendingOffsets pending = new PendingOffsets();

    @Test
    void commitsPastTheLastRecordReadWhenNoWorkIsUnfinished()
    {
        assertThat(pending.committable()).isEmpty();
        readUpTo(CONTROL, 4);
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(5)));
    }

    @Test
    void stopsAtTheFirstRecordWithUnfinishedWorkUntilItIsReleased()
    {
        readUpTo(CONTROL, 1);
        Runnable second = pending.hold(CONTROL, 2);
        readUpTo(CONTROL, 2);
        Runnable fourth = pending.hold(CONTROL, 4);
        readUpTo(CONTROL, 6);
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(2)));

        second.run();
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(4)));
        fourth.run();
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(7)));
    }

    @Test
    void aRecordWithSeveralRunsIsHeldUntilTheLastEndsAndAReleaseCountsOnce()
    {
        Runnable first = pending.hold(EVENTS, 10);
        Runnable second = pending.hold(EVENTS, 10);
        readUpTo(EVENTS, 10);

        first.run();
        first.run();
        assertThat(pending.committable()).isEqualTo(Map.of(EVENTS, new OffsetAndMetadata(10)));
        second.run();
        assertThat(pending.committable()).isEqualTo(Map.of(EVENTS, new OffsetAndMetadata(11)));
    }

    @Test
    void partitionsAreHeldApart()
    {
        pending.hold(CONTROL, 0);
        readUpTo(CONTROL, 3);
        readUpTo(EVENTS, 8);
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(0), EVENTS, new OffsetAndMetadata(9)));
    }

    @Test
    void aPartitionGivenUpAtAStopIsCommittedBeforeItsUnfinishedWorkAndThenForgotten()
    {
        Runnable running = pending.hold(CONTROL, 2);
        readUpTo(CONTROL, 5);
        readUpTo(EVENTS, 1);
        assertThat(pending.forget(List.of(CONTROL), false)).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(2)));
        // the run that ends afterwards no longer moves the partition
        running.run();
        assertThat(pending.committable()).isEqualTo(Map.of(EVENTS, new OffsetAndMetadata(2)));
    }

    @Test
    void aPartitionMovedWhileItsWorkGoesOnHereIsCommittedPastTheLastRecordRead()
    {
        pending.hold(CONTROL, 2);
        pending.hold(EVENTS, 0);
        readUpTo(CONTROL, 5);
        readUpTo(EVENTS, 1);
        assertThat(pending.forget(List.of(CONTROL, EVENTS), true)).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(6), EVENTS, new OffsetAndMetadata(2)));
        assertThat(pending.committable()).isEmpty();
    }

    @Test
    void aPartitionTakenAwayAndGivenBackHoldsItsCommitsAgainAtTheRecordsWhoseWorkGoesOnHere()
    {
        Runnable running = pending.hold(CONTROL, 2);
        Runnable done = pending.hold(CONTROL, 3);
        readUpTo(CONTROL, 5);
        pending.forget(List.of(CONTROL), true);
        done.run();

        // read again from the last commit
        assertThat(pending.actedOnHere(CONTROL, 2)).isTrue();
        pending.read(CONTROL, 2);
        assertThat(pending.actedOnHere(CONTROL, 3)).isTrue();
        pending.read(CONTROL, 3);
        // a record without work left (a command answered, a fault started) was acted on too
        assertThat(pending.actedOnHere(CONTROL, 4)).isTrue();
        readUpTo(CONTROL, 5);
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(2)));
        running.run();
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(6)));
        // read again up to where it was: what comes next is new
        assertThat(pending.actedOnHere(CONTROL, 6)).isFalse();
    }

    @Test
    void aPartitionTakenAwayTwiceBeforeItWasReadAgainRemembersBoth()
    {
        Runnable running = pending.hold(CONTROL, 1);
        readUpTo(CONTROL, 3);
        pending.forget(List.of(CONTROL), true);
        // back, read again only up to offset 1, and taken away once more
        assertThat(pending.actedOnHere(CONTROL, 0)).isTrue();
        pending.read(CONTROL, 0);
        assertThat(pending.actedOnHere(CONTROL, 1)).isTrue();
        pending.read(CONTROL, 1);
        pending.forget(List.of(CONTROL), true);

        assertThat(pending.actedOnHere(CONTROL, 1)).isTrue();
        pending.read(CONTROL, 1);
        assertThat(pending.actedOnHere(CONTROL, 3)).isTrue();
        pending.read(CONTROL, 3);
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(1)));
        running.run();
        assertThat(pending.committable()).isEqualTo(Map.of(CONTROL, new OffsetAndMetadata(4)));
    }

    @Test
    void aRecordReadPastAfterItsPartitionCameBackIsNoLongerTakenForActedOn()
    {
        pending.hold(CONTROL, 2);
        readUpTo(CONTROL, 2);
        pending.forget(List.of(CONTROL), true);
        // the partition came back committed past the record (a rebalance that moved it committed past it)
        pending.read(CONTROL, 3);
        assertThat(pending.actedOnHere(CONTROL, 2)).isFalse();
    }

    @Test
    void aPartitionGivenUpAtAStopLeavesNothingToTakeForActedOn()
    {
        pending.hold(CONTROL, 2);
        readUpTo(CONTROL, 2);
        pending.forget(List.of(CONTROL), false);
        assertThat(pending.actedOnHere(CONTROL, 2)).isFalse();
    }

    @Test
    void refusesNegativeOffsets()
    {
        assertThatThrownBy(() -> pending.read(CONTROL, -1)).hasMessageContaining("offset");
        assertThatThrownBy(() -> pending.hold(CONTROL, -1)).hasMessageContaining("offset");
        assertThatThrownBy(() -> pending.actedOnHere(CONTROL, -1)).hasMessageContaining("offset");
    }

    private void readUpTo(TopicPartition partition, long last)
    {
        for (long offset = 0; offset <= last; offset++) {
            pending.read(partition, offset);
        }
    }
}
