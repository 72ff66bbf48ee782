package io.sluice.queryrunner.engine;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One SQL engine the benchmark runs on. A driver is cheap to hold and thread-safe; each thread that runs
 * queries opens its own {@link EngineSession} on the dataset's tables.
 */
public interface EngineDriver
        extends AutoCloseable
{
    Engine engine();

    /**
     * A session whose unqualified table names ({@code lineitem}) are the dataset's tables on this engine.
     *
     * @throws EngineUnavailableException if the engine cannot be reached or the dataset is not there
     */
    EngineSession open(DatasetId dataset);

    /**
     * Which of {@code tables} the engine does not show for the dataset yet; all of them if it cannot be asked.
     * Trino learns of a dataset's tables when ingest registers them, which may come just after
     * {@code DatasetReady}.
     */
    List<String> missingTables(DatasetId dataset, List<String> tables);

    @Override
    void close();

    /**
     * {@link #missingTables} for an engine that lists a dataset's tables with one query whose first column is the
     * table name ({@code listTablesSql}); all of them are missing if the engine cannot be reached.
     */
    static List<String> missingTablesListedBy(EngineDriver driver, String listTablesSql, DatasetId dataset, List<String> tables)
    {
        try (EngineSession session = driver.open(dataset)) {
            EngineExecution execution = session.execute("tables", listTablesSql, Duration.ofSeconds(30));
            Set<Object> present = execution.rows().map(rows -> rows.rows().stream().map(List::getFirst).collect(Collectors.toSet())).orElse(Set.of());
            return tables.stream().filter(table -> !present.contains(table)).toList();
        }
        catch (EngineUnavailableException e) {
            return List.copyOf(tables);
        }
    }
}
