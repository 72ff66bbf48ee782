package io.sluice.schema.event;

import io.sluice.schema.command.Command;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.command.RunBenchmark;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.result.Engine;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.result.QueryStatus;

import java.util.List;
import java.util.Optional;

/**
 * At least one instance of every message type, with optional fields both present and absent.
 */
public final class MessageSamples
{
    public static final DatasetId TINY_TPCH = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.01"));
    public static final DatasetId TPCDS_1 = new DatasetId(Benchmark.TPCDS, ScaleFactor.of(1));

    private MessageSamples() {}

    public static List<PipelineEvent> events()
    {
        return List.of(
                new ChunkProduced(TINY_TPCH, "lineitem", 3, 8, 2, 4, 15_000, 0x8000_0000_0000_0001L, 1_767_000_000_123L),
                new ChunkProduced(TPCDS_1, Benchmark.TPCDS, ScaleFactor.of(1), "store_sales", 1, 1, 1, 1, 0, 0, 1),
                new ChunkLanded(TINY_TPCH, "orders", 1, 2, 1, 1, Sink.PARQUET, 7_500, -42L, List.of("tpch.sf0_01/orders/p0-o0.parquet", "tpch.sf0_01/orders/p0-o5000.parquet"), 1_234_567, 1_767_000_001_000L),
                new ChunkLanded(TINY_TPCH, "orders", 2, 2, 1, 1, Sink.CLICKHOUSE, 7_500, 42L, List.of(), 0, 1_767_000_001_000L),
                new TableReady(TINY_TPCH, "nation", Sink.CLICKHOUSE, 1, 25, 99L, 2_048, 1, 1_767_000_002_000L),
                new DatasetReady(TPCDS_1, Sink.PARQUET, List.of("store_sales", "date_dim"), 3_000_000, 512_000_000, 64, 93_000),
                new DatasetFailed(TINY_TPCH, Optional.of(Sink.PARQUET), Optional.of("lineitem"), Optional.of(new ChunkRef(3, 8, 2)), "landed 14999 rows, produced 15000", 5L),
                new DatasetFailed(TINY_TPCH, Optional.empty(), Optional.empty(), Optional.empty(), "generator gave up after 3 attempts", 6L),
                new CommandRejected("run-7", "GenerateDataset", "tpcds does not support scale factor 2", 7L),
                new BenchmarkStarted("run-7", TPCDS_1, List.of(Engine.TRINO, Engine.CLICKHOUSE), 8L),
                new BenchmarkFinished("run-7", TPCDS_1, 99, 2, 600_000, 9L),
                new BenchmarkStopped("run-9", TPCDS_1, 40, 10L),
                new FaultInjected("run-8", "kafka", FaultKind.PAUSE, FaultPhase.INGEST, 10L),
                new FaultCleared("run-8", "kafka", FaultKind.PAUSE, 11L),
                new RecoveryObserved("run-8", "kafka", FaultKind.PAUSE, "consumer lag back to 0", 4_200, 12L),
                new DatasetPlanned(TINY_TPCH, List.of("lineitem", "orders"), 8, Optional.of("run-1"), 1_767_000_000_000L),
                new DatasetPlanned(TINY_TPCH, List.of("lineitem", "orders"), 8, Optional.empty(), 1_767_000_000_000L));
    }

    public static List<Command> commands()
    {
        return List.of(
                new GenerateDataset("run-1", Benchmark.TPCH, ScaleFactor.of(1), 16, Optional.of(new PartRange(1, 8)), List.of("lineitem", "orders")),
                new GenerateDataset("run-2", Benchmark.TPCDS, ScaleFactor.parse("0.01"), 1, Optional.empty(), List.of()),
                new RunBenchmark("run-3", TINY_TPCH, Optional.of("smoke")),
                new RunBenchmark("run-4", TPCDS_1, Optional.empty()),
                new RunFault("run-5", "clickhouse", FaultKind.KILL, FaultPhase.QUERY, Optional.of(1_000L), Optional.empty()),
                new RunFault("run-6", "parquet-lander", FaultKind.SLOW, FaultPhase.INGEST, Optional.empty(), Optional.of(30_000L)));
    }

    public static List<QueryResult> results()
    {
        return List.of(
                new QueryResult("run-3", TINY_TPCH, Engine.TRINO, "q01", 1, true, QueryStatus.SUCCEEDED, 1_500, 4, Optional.of("20261121_000000_00001_abcde"), Optional.empty(), false),
                new QueryResult("run-3", TINY_TPCH, Engine.SPARK, "q18", 3, false, QueryStatus.FAILED, 20, 0, Optional.empty(), Optional.of("Table not found: lineitem"), false),
                new QueryResult("run-3", TINY_TPCH, Engine.CLICKHOUSE, "q06", 2, false, QueryStatus.SUCCEEDED, 35, 1, Optional.empty(), Optional.empty(), true));
    }
}
