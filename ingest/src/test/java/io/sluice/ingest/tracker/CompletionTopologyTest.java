package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.ChunkRef;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.sluice.schema.event.Sink.CLICKHOUSE;
import static io.sluice.schema.event.Sink.PARQUET;
import static org.assertj.core.api.Assertions.assertThat;

class CompletionTopologyTest
{
    private static final DatasetId TINY = DatasetId.parse("tpch.sf0_01");
    private static final long T0 = TrackerDriver.START.toEpochMilli();

    @TempDir
    Path stateDir;

    private TrackerDriver driver;

    @BeforeEach
    void start()
    {
        driver = new TrackerDriver(TrackerDriver.settings(stateDir));
    }

    @AfterEach
    void stop()
    {
        driver.close();
    }

    @Test
    void aTableLandedInBothSinksMakesTheDatasetReadyInEach()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "tpch/sf0_01/nation/part-0-0.parquet"));
        List<PipelineEvent> parquet = driver.emitted();
        assertThat(parquet).containsExactly(
                new TableReady(TINY, "nation", PARQUET, 1, 25, 77, 2500, 1, T0),
                new DatasetReady(TINY, PARQUET, List.of("nation"), 25, 2500, 1, 500));

        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "token-1"));
        assertThat(driver.emitted()).containsExactly(
                new TableReady(TINY, "nation", CLICKHOUSE, 1, 25, 77, 2500, 1, T0),
                new DatasetReady(TINY, CLICKHOUSE, List.of("nation"), 25, 2500, 1, 500));
    }

    @Test
    void landingsBeforeTheirProductionAndBeforeThePlanAreMatchedLater()
    {
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"), landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));
        assertThat(driver.emitted()).isEmpty();

        driver.send(produced("nation", 1, 1, 1, 1, 25, 77));
        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsOnly(TableReady.class).hasSize(2);

        driver.send(plan("nation"));
        assertThat(driver.emitted()).containsExactlyInAnyOrder(
                new DatasetReady(TINY, PARQUET, List.of("nation"), 25, 2500, 1, 500),
                new DatasetReady(TINY, CLICKHOUSE, List.of("nation"), 25, 2500, 1, 500));
    }

    @Test
    void repeatedEventsCountOnce()
    {
        ChunkProduced produced = produced("nation", 1, 1, 1, 1, 25, 77);
        ChunkLanded landed = landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a");
        driver.send(plan("nation"), plan("nation"), produced, produced, landed, landed, landed);
        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"), landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));

        List<PipelineEvent> emitted = driver.emitted();
        assertThat(emitted).filteredOn(TableReady.class::isInstance).hasSize(2);
        assertThat(emitted).filteredOn(DatasetReady.class::isInstance).hasSize(2)
                .allSatisfy(event -> assertThat(((DatasetReady) event).rows()).isEqualTo(25));
        assertThat(emitted).noneMatch(DatasetFailed.class::isInstance);
    }

    @Test
    void aChunkProducedAgainFailsEverySinkForItsRowsAreInKafkaTwice()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), producedAt(T0 + 60_000, "nation", 1, 1, 1, 1, 25, 77));

        assertThat(driver.emitted()).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(DatasetFailed.class, failed -> {
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 1));
            assertThat(failed.reason()).isEqualTo("produced twice, at 2026-01-01T00:00:00Z and at 2026-01-01T00:01:00Z: its rows are in Kafka twice and every sink lands"
                    + " them twice (do two generators produce the same parts?)");
        })).extracting(event -> ((DatasetFailed) event).sink().orElseThrow()).containsExactly(PARQUET, CLICKHOUSE);
    }

    @Test
    void aChunkLandedAgainIntoOtherObjectsFailsThatSinkAndIntoTheSameOnesDoesNot()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 2, 10, 7), produced("nation", 1, 1, 2, 2, 15, 70));
        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 2, 10, 7, "t1", "t2"), landed(CLICKHOUSE, "nation", 1, 1, 1, 2, 10, 7, "t2", "t1"));
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 2, 10, 7, "a"), landed(PARQUET, "nation", 1, 1, 1, 2, 10, 7, "b"));
        assertThat(driver.emitted()).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> {
            assertThat(failed.sink()).contains(PARQUET);
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 1));
            assertThat(failed.reason()).isEqualTo("parquet landed twice, into [a] and into [b]: it holds the rows twice");
        });

        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 2, 2, 15, 70, "t3"));
        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsExactly(TableReady.class, DatasetReady.class);
    }

    @Test
    void rowMismatchFailsOnlyThatSink()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77));
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 1, 24, 77, "a"), landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));

        List<PipelineEvent> emitted = driver.emitted();
        assertThat(emitted).filteredOn(DatasetFailed.class::isInstance).singleElement().satisfies(event -> {
            DatasetFailed failed = (DatasetFailed) event;
            assertThat(failed.sink()).contains(PARQUET);
            assertThat(failed.table()).contains("nation");
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 1));
            assertThat(failed.reason()).isEqualTo("parquet landed 24 rows, checksum 000000000000004d, produced 25 rows, checksum 000000000000004d");
        });
        assertThat(emitted).filteredOn(DatasetReady.class::isInstance).extracting(event -> ((DatasetReady) event).sink()).containsExactly(CLICKHOUSE);
        assertThat(emitted).filteredOn(TableReady.class::isInstance).extracting(event -> ((TableReady) event).sink()).containsExactly(CLICKHOUSE);
    }

    @Test
    void checksumMismatchFailsAndLaterChunksDoNotReportAgain()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 2, 10, 5), produced("nation", 1, 1, 2, 2, 0, 0));
        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 2, 10, 6, "a"));
        assertThat(driver.emitted()).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> {
            assertThat(failed.sink()).contains(CLICKHOUSE);
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 1));
            assertThat(failed.reason()).contains("checksum 0000000000000006, produced 10 rows, checksum 0000000000000005");
        });

        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 2, 2, 3, 0, "b"));
        assertThat(driver.emitted()).isEmpty();
    }

    @Test
    void aChunkNotLandedInTimeFailsItsSinkOnce()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"));
        assertThat(driver.emitted()).hasSize(2);

        driver.advanceWallClock(Duration.ofMinutes(4));
        assertThat(driver.emitted()).isEmpty();

        driver.advanceWallClock(Duration.ofMinutes(2));
        assertThat(driver.emitted()).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> {
            assertThat(failed.sink()).contains(CLICKHOUSE);
            assertThat(failed.table()).contains("nation");
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 1));
            assertThat(failed.reason()).isEqualTo("clickhouse did not land the chunk within 5 min of its ChunkProduced, nor any other chunk of the dataset in that time");
        });

        driver.advanceWallClock(Duration.ofMinutes(10));
        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));
        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsExactly(TableReady.class);
    }

    @Test
    void aSinkThatGoesOnLandingOtherChunksIsLateNotFailedUntilItStops()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 2, 10, 7), produced("nation", 1, 1, 2, 2, 15, 70),
                landed(PARQUET, "nation", 1, 1, 1, 2, 10, 7, "a"), landed(PARQUET, "nation", 1, 1, 2, 2, 15, 70, "b"));
        assertThat(driver.emitted()).hasSize(2);

        // clickhouse works through a backlog: the first sub-chunk lands after 4 min, the second is overdue at 5 min
        driver.advanceWallClock(Duration.ofMinutes(4));
        driver.send(landedAt(T0 + Duration.ofMinutes(4).toMillis(), CLICKHOUSE, "nation", 1, 1, 1, 2, 10, 7, "c"));
        driver.advanceWallClock(Duration.ofMinutes(4));
        assertThat(driver.emitted()).isEmpty();

        // and then lands nothing more: 5 min after its last landing it has failed
        driver.advanceWallClock(Duration.ofMinutes(2));
        assertThat(driver.emitted()).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> {
            assertThat(failed.sink()).contains(CLICKHOUSE);
            assertThat(failed.chunk()).contains(new ChunkRef(1, 1, 2));
        });
    }

    @Test
    void aSinkLateWithOneChunkWhileLandingOthersBecomesReady()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 2, 10, 7), produced("nation", 1, 1, 2, 2, 15, 70),
                landed(PARQUET, "nation", 1, 1, 1, 2, 10, 7, "a"), landed(PARQUET, "nation", 1, 1, 2, 2, 15, 70, "b"));
        driver.advanceWallClock(Duration.ofMinutes(4));
        driver.send(landedAt(T0 + Duration.ofMinutes(4).toMillis(), CLICKHOUSE, "nation", 1, 1, 1, 2, 10, 7, "c"));
        driver.advanceWallClock(Duration.ofMinutes(4));
        driver.send(landedAt(T0 + Duration.ofMinutes(8).toMillis(), CLICKHOUSE, "nation", 1, 1, 2, 2, 15, 70, "d"));

        assertThat(driver.emitted()).extracting(PipelineEvent::getClass)
                .containsExactly(TableReady.class, DatasetReady.class, TableReady.class, DatasetReady.class);
        driver.advanceWallClock(Duration.ofHours(1));
        assertThat(driver.emitted()).isEmpty();
    }

    @Test
    void aTrackerWorkingThroughABacklogCountsTheLandingsInItBeforeItJudgesADeadline()
    {
        readyInParquetOnly();

        // back after ten minutes down, it reads what was written while it was away, past the chunk's deadline at 5 min
        readBacklogUntil(Duration.ofMinutes(10));
        driver.sendWrittenAt(TrackerDriver.START.plus(Duration.ofMinutes(2)), landedAt(T0 + Duration.ofMinutes(2).toMillis(), CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));

        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsExactly(TableReady.class, DatasetReady.class);
        driver.advanceWallClock(Duration.ofHours(1));
        assertThat(driver.emitted()).isEmpty();
    }

    @Test
    void aSinkStuckBeforeTheTrackerWasDownFailsOnceTheBacklogIsRead()
    {
        readyInParquetOnly();

        readBacklogUntil(Duration.ofMinutes(10));
        assertThat(driver.emitted()).isEmpty();

        // a check interval with nothing more to read
        driver.advanceWallClock(Duration.ofSeconds(1));
        assertThat(driver.emitted()).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> assertThat(failed.sink()).contains(CLICKHOUSE));
    }

    @Test
    void aSinkStuckWhileOtherEventsKeepComingFailsWhenItsDeadlinePasses()
    {
        readyInParquetOnly();

        Duration elapsed = Duration.ZERO;
        List<PipelineEvent> emitted = List.of();
        while (emitted.isEmpty() && elapsed.compareTo(Duration.ofMinutes(6)) < 0) {
            elapsed = elapsed.plusMillis(900);
            driver.advanceWallClock(Duration.ofMillis(900));
            driver.send(otherServicesEvent());
            emitted = driver.emitted();
        }
        assertThat(emitted).singleElement().isInstanceOfSatisfying(DatasetFailed.class, failed -> assertThat(failed.sink()).contains(CLICKHOUSE));
        assertThat(elapsed).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(2));
    }

    /** A one-chunk dataset produced and landed in Parquet, not in ClickHouse: Parquet is ready. */
    private void readyInParquetOnly()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"));
        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsExactly(TableReady.class, DatasetReady.class);
    }

    /**
     * The tracker reads, less than a check interval apart, events written a second after the start, until the wall
     * clock is {@code until} after the start.
     */
    private void readBacklogUntil(Duration until)
    {
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(until) < 0; elapsed = elapsed.plusMillis(900)) {
            driver.advanceWallClock(Duration.ofMillis(900));
            driver.sendWrittenAt(TrackerDriver.START.plusSeconds(1), otherServicesEvent());
        }
    }

    /** An event of another dataset that the tracker reads and ignores. */
    private static PipelineEvent otherServicesEvent()
    {
        return new DatasetReady(DatasetId.parse("tpch.sf1"), PARQUET, List.of("nation"), 25, 2_500, 1, 100);
    }

    @Test
    void chunksLandedInTimeNeverTimeOut()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77));
        driver.advanceWallClock(Duration.ofMinutes(1));
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"), landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));
        driver.advanceWallClock(Duration.ofHours(1));
        assertThat(driver.emitted()).noneMatch(DatasetFailed.class::isInstance).hasSize(4);
    }

    @Test
    void aDatasetIsReadyOnlyWhenEveryPartAndSubChunkOfEveryTableMatched()
    {
        driver.send(plan(2, "nation", "region"));
        // nation: part 1 of 2 in two sub-chunks, part 2 in one
        driver.send(produced("nation", 1, 2, 1, 2, 10, 1), produced("nation", 1, 2, 2, 2, 5, 2));
        driver.send(landed(PARQUET, "nation", 1, 2, 1, 2, 10, 1, "x"), landed(PARQUET, "nation", 1, 2, 2, 2, 5, 2, "x"));
        assertThat(driver.emitted()).as("part 2 of nation is unknown yet").isEmpty();

        driver.send(produced("nation", 2, 2, 1, 1, 10, 3), landed(PARQUET, "nation", 2, 2, 1, 1, 10, 3, "y"));
        assertThat(driver.emitted()).containsExactly(new TableReady(TINY, "nation", PARQUET, 2, 25, 6, 2500, 2, T0));

        driver.send(produced("region", 1, 2, 1, 1, 5, 9), produced("region", 2, 2, 1, 1, 0, 0));
        driver.send(landed(PARQUET, "region", 1, 2, 1, 1, 5, 9, "z"));
        assertThat(driver.emitted()).isEmpty();
        driver.send(landed(PARQUET, "region", 2, 2, 1, 1, 0, 0));
        assertThat(driver.emitted()).containsExactly(
                new TableReady(TINY, "region", PARQUET, 2, 5, 9, 500, 1, T0),
                new DatasetReady(TINY, PARQUET, List.of("nation", "region"), 30, 3000, 3, 500));
    }

    @Test
    void onlyTheExpectedSinksAreAwaited()
    {
        driver.close();
        driver = new TrackerDriver(TrackerDriver.settings(stateDir).withExpectedSinks(Set.of(CLICKHOUSE)));
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"));
        assertThat(driver.emitted()).isEmpty();
        driver.send(landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));
        assertThat(driver.emitted()).extracting(PipelineEvent::getClass).containsExactly(TableReady.class, DatasetReady.class);
        driver.advanceWallClock(Duration.ofHours(1));
        assertThat(driver.emitted()).isEmpty();
    }

    @Test
    void conflictingPartCountsFailEverySink()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 1, 25, 77), produced("nation", 1, 2, 1, 1, 25, 77));
        // one failure per sink, each naming it: a failure without a sink is a generator's, which a rerun may get over
        assertThat(driver.emitted()).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(DatasetFailed.class, failed ->
                assertThat(failed.reason()).isEqualTo("part 1 was announced as one of 1 parts in 1 sub-chunks, now of 2 parts in 1 sub-chunks")))
                .extracting(event -> ((DatasetFailed) event).sink().orElseThrow()).containsExactly(PARQUET, CLICKHOUSE);
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 1, 25, 77, "a"), landed(CLICKHOUSE, "nation", 1, 1, 1, 1, 25, 77, "b"));
        assertThat(driver.emitted()).noneMatch(DatasetReady.class::isInstance);
    }

    @Test
    void aDifferentPlanForTheSameDatasetFailsIt()
    {
        driver.send(plan("nation"), new DatasetPlanned(TINY, List.of("nation", "region"), 1, Optional.empty(), T0));
        assertThat(driver.emitted()).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(DatasetFailed.class, failed ->
                assertThat(failed.reason()).isEqualTo("planned twice differently: tables [nation] in 1 parts, then tables [nation, region] in 1 parts"
                        + " (a dataset keeps its first plan: generate it with those tables and parts, or into a Kafka that does not hold it yet)")));
    }

    @Test
    void undecodableEventsAreSkipped()
    {
        driver.sendRaw(TINY.toString(), new byte[] {1, 2, 3});
        readyInParquetOnly();
    }

    @Test
    void objectsSharedBySubChunksCountOnce()
    {
        driver.send(plan("nation"), produced("nation", 1, 1, 1, 2, 1, 1), produced("nation", 1, 1, 2, 2, 1, 1));
        driver.send(landed(PARQUET, "nation", 1, 1, 1, 2, 1, 1, "shared", "first"), landed(PARQUET, "nation", 1, 1, 2, 2, 1, 1, "shared"));
        assertThat(driver.emitted()).filteredOn(DatasetReady.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DatasetReady.class, ready -> assertThat(ready.objects()).isEqualTo(2));
    }

    private static DatasetPlanned plan(String... tables)
    {
        return plan(1, tables);
    }

    private static DatasetPlanned plan(int parts, String... tables)
    {
        return new DatasetPlanned(TINY, List.of(tables), parts, Optional.empty(), T0 - 1000);
    }

    private static ChunkProduced produced(String table, int part, int parts, int subChunk, int subChunks, long rows, long checksum)
    {
        return producedAt(T0, table, part, parts, subChunk, subChunks, rows, checksum);
    }

    private static ChunkProduced producedAt(long producedAtMs, String table, int part, int parts, int subChunk, int subChunks, long rows, long checksum)
    {
        return new ChunkProduced(TINY, table, part, parts, subChunk, subChunks, rows, checksum, producedAtMs);
    }

    /** 100 bytes per row, landed half a second after production. */
    private static ChunkLanded landed(Sink sink, String table, int part, int parts, int subChunk, int subChunks, long rows, long checksum, String... objects)
    {
        return landedAt(T0 + 500, sink, table, part, parts, subChunk, subChunks, rows, checksum, objects);
    }

    private static ChunkLanded landedAt(long landedAtMs, Sink sink, String table, int part, int parts, int subChunk, int subChunks, long rows, long checksum, String... objects)
    {
        return new ChunkLanded(TINY, table, part, parts, subChunk, subChunks, sink, rows, checksum, List.of(objects), 100 * rows, landedAtMs);
    }

}
