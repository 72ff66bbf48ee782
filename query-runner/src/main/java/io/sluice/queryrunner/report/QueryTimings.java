package io.sluice.queryrunner.report;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.queryrunner.run.RunRecord;
import io.sluice.schema.result.Engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures a report shows, from a run's measured (non-warm-up) executions: per engine and query the
 * median wall time when every measured execution was {@code ok}, else the worst status; per engine the
 * geometric mean of those medians over the queries that passed; against a baseline, per engine the geometric
 * mean of {@code (ms + 10) / (baseline ms + 10)} over the queries both runs passed (ClickBench's ratio, shifted
 * by 10 ms so that sub-millisecond noise does not dominate).
 */
public record QueryTimings(RunRecord run, Map<Engine, Map<String, Cell>> cells)
{
    static final double SHIFT_MS = 10;

    public record Cell(Optional<Long> medianMs, ExecutionStatus status, int measured, boolean validated)
    {
        public boolean passed()
        {
            return medianMs.isPresent();
        }
    }

    public static QueryTimings of(RunRecord run)
    {
        Map<Engine, Map<String, Cell>> cells = new LinkedHashMap<>();
        for (Engine engine : run.engines()) {
            Map<String, Cell> byQuery = new LinkedHashMap<>();
            for (String query : run.queries()) {
                List<Execution> measured = run.executions().stream()
                        .filter(execution -> execution.engine() == engine && execution.query().equals(query) && !execution.warmup())
                        .toList();
                byQuery.put(query, cell(measured));
            }
            cells.put(engine, byQuery);
        }
        return new QueryTimings(run, cells);
    }

    private static Cell cell(List<Execution> measured)
    {
        Optional<ExecutionStatus> worst = measured.stream().map(Execution::status).filter(status -> status != ExecutionStatus.OK).findFirst();
        boolean validated = !measured.isEmpty() && measured.stream().allMatch(Execution::validated);
        if (measured.isEmpty() || worst.isPresent()) {
            return new Cell(Optional.empty(), worst.orElse(ExecutionStatus.FAILED), measured.size(), false);
        }
        List<Long> times = new ArrayList<>(measured.stream().map(Execution::wallMs).sorted().toList());
        int middle = times.size() / 2;
        long median = times.size() % 2 == 1 ? times.get(middle) : Math.round((times.get(middle - 1) + times.get(middle)) / 2.0);
        return new Cell(Optional.of(median), ExecutionStatus.OK, measured.size(), validated);
    }

    public Optional<Cell> cell(Engine engine, String query)
    {
        return Optional.ofNullable(cells.getOrDefault(engine, Map.of()).get(query));
    }

    public long passed(Engine engine)
    {
        return cells.getOrDefault(engine, Map.of()).values().stream().filter(Cell::passed).count();
    }

    /**
     * Geometric mean of the medians of the queries that passed on the engine; empty if none did.
     */
    public OptionalDouble geometricMeanMs(Engine engine)
    {
        return geometricMean(cells.getOrDefault(engine, Map.of()).values().stream()
                .flatMap(cell -> cell.medianMs().stream())
                .map(ms -> Math.max(ms, 1) * 1.0)
                .toList());
    }

    /**
     * Geometric mean of the per-query ratios against {@code baseline} on the engine (below 1 = faster).
     */
    public OptionalDouble ratioTo(QueryTimings baseline, Engine engine)
    {
        return geometricMean(ratios(baseline, engine).values().stream().toList());
    }

    public Map<String, Double> ratios(QueryTimings baseline, Engine engine)
    {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String query : run.queries()) {
            Optional<Long> now = cell(engine, query).flatMap(Cell::medianMs);
            Optional<Long> before = baseline.cell(engine, query).flatMap(Cell::medianMs);
            if (now.isPresent() && before.isPresent()) {
                ratios.put(query, (now.get() + SHIFT_MS) / (before.get() + SHIFT_MS));
            }
        }
        return ratios;
    }

    static OptionalDouble geometricMean(List<Double> values)
    {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.exp(values.stream().mapToDouble(Math::log).average().orElseThrow()));
    }
}
