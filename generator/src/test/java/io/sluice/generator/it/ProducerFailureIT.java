package io.sluice.generator.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationFailedException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import io.trino.tpch.TpchTable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A producer that fails for good mid-dataset, the way Kafka fails a transactional producer on an error such as
 * {@code INVALID_TXN_STATE}: the generator replaces it and every row still lands exactly once; it does not
 * replace a fenced producer, and gives up after {@value DatasetGenerator#ATTEMPTS} producers, leaving a rerun
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

    enum Failure
    {
        /** the commit never reaches the broker: the transaction stays open until the next producer aborts it */
        BEFORE_COMMIT("0.011"),
        /** the broker committed but the producer reports a failure: the sub-chunk counts as already there */
        AFTER_COMMIT("0.012");

        final ScaleFactor scaleFactor;

        Failure(String scaleFactor)
        {
            this.scaleFactor = ScaleFactor.parse(scaleFactor);
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aProducerThatFailsIsReplacedAndEveryRowLandsOnce(Failure failure, StackStatus stack)
    {
        GeneratorSettings settings = settings(stack, failure.scaleFactor);
        FailingProducers producers = new FailingProducers((producer, commit) -> producer == 1 && commit == THIRD_SUB_CHUNK,
                () -> new InvalidTxnStateException("injected: state is COMPLETE_COMMIT, but received transaction marker result to send: COMMIT"), failure);

        GenerationSummary summary = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run();

        assertThat(producers.created).isEqualTo(2);
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
        FailingProducers producers = new FailingProducers((_, commit) -> commit == THIRD_SUB_CHUNK,
                () -> new ProducerFencedException("injected: another process took over"), Failure.BEFORE_COMMIT);

        assertThatThrownBy(() -> new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run())
                .isInstanceOf(GenerationFailedException.class)
                .hasMessageContaining("injected: another process took over")
                .hasRootCauseInstanceOf(ProducerFencedException.class);
        assertThat(producers.created).isEqualTo(1);

        assertARerunCarriesOn(stack, settings, 2);
    }

    @Test
    void givesUpAfterItsLastProducerFails(StackStatus stack)
    {
        GeneratorSettings settings = settings(stack, ScaleFactor.parse("0.014"));
        FailingProducers producers = new FailingProducers((_, commit) -> commit == 2,
                () -> new InvalidTxnStateException("injected: every producer fails"), Failure.BEFORE_COMMIT);

        assertThatThrownBy(() -> new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry(), producers).run())
                .isInstanceOf(GenerationFailedException.class)
                .hasMessageContaining("injected: every producer fails");
        assertThat(producers.created).isEqualTo(DatasetGenerator.ATTEMPTS);

        assertARerunCarriesOn(stack, settings, 0);
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

    @FunctionalInterface
    private interface CommitFailure
    {
        boolean fails(int producer, int commit);
    }

    /**
     * Makes real producers whose chosen commits fail; after a failure, the producer refuses to abort, as one
     * in Kafka's fatal error state does.
     */
    private static final class FailingProducers
            implements Function<Map<String, Object>, Producer<byte[], byte[]>>
    {
        private final CommitFailure failsAt;
        private final Supplier<KafkaException> error;
        private final Failure failure;
        private int created;

        FailingProducers(CommitFailure failsAt, Supplier<KafkaException> error, Failure failure)
        {
            this.failsAt = failsAt;
            this.error = error;
            this.failure = failure;
        }

        @Override
        public Producer<byte[], byte[]> apply(Map<String, Object> properties)
        {
            int producer = ++created;
            IntPredicate fails = commit -> failsAt.fails(producer, commit);
            return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())
            {
                private int commits;
                private Optional<KafkaException> failed = Optional.empty();

                @Override
                public void commitTransaction()
                {
                    if (!fails.test(++commits)) {
                        super.commitTransaction();
                        return;
                    }
                    if (failure == Failure.AFTER_COMMIT) {
                        super.commitTransaction();
                    }
                    failed = Optional.of(error.get());
                    throw failed.get();
                }

                @Override
                public void abortTransaction()
                {
                    if (failed.isPresent()) {
                        throw new KafkaException("Cannot execute transactional method because we are in an error state", failed.get());
                    }
                    super.abortTransaction();
                }
            };
        }
    }
}
