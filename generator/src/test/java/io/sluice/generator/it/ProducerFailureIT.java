package io.sluice.generator.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.DatasetPlanConflictException;
import io.sluice.generator.GenerationFailedException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.kafka.FailingProducers;
import io.sluice.ops.kafka.FailingProducers.Failure;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import io.trino.tpch.TpchTable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A producer that fails for good mid-dataset, the way Kafka fails a transactional producer on an error such as
 * {@code INVALID_TXN_STATE}: the generator replaces it and every row still lands exactly once; it does not
 * replace a fenced producer, and gives up after {@value ProducerFactory#ATTEMPTS} producers, leaving a rerun
 * to carry on. The producers are real; only the failure is injected.
 */
@StackServers("kafka")
class ProducerFailureIT
{
    private static final int PARTS = 2;
    private static final List<String> TABLES = List.of("supplier", "customer");
    // Every producer's first commit announces the plan, the next ones commit sub-chunks: supplier parts 1 and 2
    // (55 rows each at SF 0.011), then customer part 1 in sub-chunks of up to 300 rows.
    private static final int THIRD_SUB_CHUNK = 4;

    // a sub-chunk whose commit reached the broker before the producer failed counts as already there
    @ParameterizedTest
    @EnumSource(Failure.class)
    void aProducerThatFailsIsReplacedAndEveryRowLandsOnce(Failure failure, StackStatus stack)
    {
        GeneratorSettings settings = settings(stack, ScaleFactor.parse(failure == Failure.BEFORE_COMMIT ? "0.011" : "0.012"));
        FailingProducers producers = new FailingProducers(FailingProducers.once(1, THIRD_SUB_CHUNK, failure),
                () -> new InvalidTxnStateException("injected: state is COMPLETE_COMMIT, but received transaction marker result to send: COMMIT"));

        GenerationSummary summary = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run();

        assertThat(producers.created()).isEqualTo(2);
        DatasetCheck check = assertEveryRowOnce(stack, settings);
        int alreadyThere = failure == Failure.AFTER_COMMIT ? 1 : 0;
        assertThat(summary.subChunksSkipped()).isEqualTo(alreadyThere);
        assertThat(summary.subChunksCommitted()).isEqualTo(check.events().size() - alreadyThere);
        long failedRows = failure == Failure.AFTER_COMMIT ? check.events().get(2).rows() : 0;
        assertThat(summary.rows()).isEqualTo(expectedRows(settings) - failedRows);
    }

    @Test
    void aFencedProducerIsNotReplaced(StackStatus stack)
    {
        GeneratorSettings settings = settings(stack, ScaleFactor.parse("0.013"));
        FailingProducers producers = new FailingProducers(FailingProducers.once(1, THIRD_SUB_CHUNK, Failure.BEFORE_COMMIT),
                () -> new ProducerFencedException("injected: another process took over"));

        assertThatThrownBy(() -> new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run())
                .isInstanceOf(GenerationFailedException.class)
                .hasMessageContaining("injected: another process took over")
                .hasRootCauseInstanceOf(ProducerFencedException.class);
        assertThat(producers.created()).isEqualTo(1);

        assertARerunCarriesOn(stack, settings, 2);
    }

    @Test
    void givesUpAfterItsLastProducerFails(StackStatus stack)
    {
        GeneratorSettings settings = settings(stack, ScaleFactor.parse("0.014"));
        FailingProducers producers = new FailingProducers((_, commit) -> commit == 2 ? Optional.of(Failure.BEFORE_COMMIT) : Optional.empty(),
                () -> new InvalidTxnStateException("injected: every producer fails"));

        assertThatThrownBy(() -> new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run())
                .isInstanceOf(GenerationFailedException.class)
                .hasMessageContaining("injected: every producer fails");
        assertThat(producers.created()).isEqualTo(ProducerFactory.ATTEMPTS);

        assertARerunCarriesOn(stack, settings, 0);
    }

    @Test
    void producersThatEachCommitBeforeTheyFailNeverRunOut(StackStatus stack)
    {
        // every producer announces, commits two sub-chunks and fails: the run gets further with each
        GeneratorSettings settings = settings(stack, ScaleFactor.parse("0.015"));
        FailingProducers producers = new FailingProducers((_, commit) -> commit == 4 ? Optional.of(Failure.BEFORE_COMMIT) : Optional.empty(),
                () -> new InvalidTxnStateException("injected: a broker restarts"));

        GenerationSummary summary = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run();

        DatasetCheck check = assertEveryRowOnce(stack, settings);
        assertThat(summary.subChunksCommitted()).isEqualTo(check.events().size());
        assertThat(producers.created()).isEqualTo((check.events().size() + 1) / 2).isGreaterThan(ProducerFactory.ATTEMPTS);
    }

    @Test
    void anotherPlanOfTheDatasetIsRefusedWithoutFencingTheGeneratorWritingIt(StackStatus stack)
            throws Exception
    {
        GeneratorSettings settings = settings(stack, ScaleFactor.parse("0.97"));
        FailingProducers producers = new FailingProducers((_, _) -> Optional.empty(), () -> new KafkaException("never injected"));
        CountDownLatch writing = new CountDownLatch(1);
        CompletableFuture<GenerationSummary> run = CompletableFuture.supplyAsync(() -> new DatasetGenerator(settings, progress -> {
            if (progress.rows() > 0) {
                writing.countDown();
            }
        }, new SimpleMeterRegistry(), producers).run());
        assertThat(writing.await(1, TimeUnit.MINUTES)).as("the first generator writes").isTrue();

        // the same parts with fewer tables, as a second `sluice trigger` with --tables might start
        assertThatThrownBy(() -> new DatasetGenerator(settings.withTables(List.of("supplier")), _ -> {}, new SimpleMeterRegistry()).run())
                .isInstanceOf(DatasetPlanConflictException.class);
        assertThat(run).as("the first generator still writing when the other plan was refused").isNotDone();

        // before, the refused run's producer had the same transactional id and fenced the first one's on its way
        GenerationSummary summary = run.get(5, TimeUnit.MINUTES);
        assertThat(producers.created()).isEqualTo(1);
        assertThat(summary.rows()).isEqualTo(expectedRows(settings));
        assertEveryRowOnce(stack, settings);
    }

    private static void assertARerunCarriesOn(StackStatus stack, GeneratorSettings settings, int committedBefore)
    {
        GenerationSummary rerun = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry()).run();

        assertThat(rerun.subChunksSkipped()).isEqualTo(committedBefore);
        DatasetCheck check = assertEveryRowOnce(stack, settings);
        assertThat(rerun.subChunksCommitted()).isEqualTo(check.events().size() - committedBefore);
    }

    private static DatasetCheck assertEveryRowOnce(StackStatus stack, GeneratorSettings settings)
    {
        DatasetCheck check = new DatasetCheck(stack.endpoint("kafka", "bootstrapServers"), settings.dataset());
        check.assertTable("supplier", PARTS, libraryRows(TpchTable.SUPPLIER, settings.scaleFactor()));
        check.assertTable("customer", PARTS, libraryRows(TpchTable.CUSTOMER, settings.scaleFactor()));
        return check;
    }

    private static GeneratorSettings settings(StackStatus stack, ScaleFactor scaleFactor)
    {
        return GeneratorSettings.defaults(KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers")), Benchmark.TPCH, scaleFactor)
                .withParts(PARTS, Optional.empty())
                .withTables(TABLES)
                .withSubChunkRows(300);
    }

    private static long expectedRows(GeneratorSettings settings)
    {
        return libraryRows(TpchTable.SUPPLIER, settings.scaleFactor()) + libraryRows(TpchTable.CUSTOMER, settings.scaleFactor());
    }

    private static long libraryRows(TpchTable<?> table, ScaleFactor scaleFactor)
    {
        long rows = 0;
        for (var ignored : table.createGenerator(scaleFactor.toDouble(), 1, 1)) {
            rows++;
        }
        return rows;
    }
}
