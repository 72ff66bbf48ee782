package io.sluice.queryrunner.engine;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
     * Which of {@code tables} the engine does not show for the dataset yet; empty if the engine cannot be asked (it
     * cannot be reached, or the listing fails). Trino learns of a dataset's tables when ingest registers them, which
     * may come just after {@code DatasetReady}.
     */
    Optional<List<String>> missingTables(DatasetId dataset, List<String> tables);

    /**
     * Whether the engine answers now: it lists the dataset's tables (none need to be there).
     */
    default boolean answers(DatasetId dataset)
    {
        return missingTables(dataset, List.of()).isPresent();
    }

    @Override
    void close();

    /**
     * {@link #missingTables} for an engine that lists a dataset's tables with one query whose first column is the
     * table name ({@code listTablesSql}), in a session that {@code listingSession} opens.
     */
    static Optional<List<String>> missingTablesListedBy(Supplier<EngineSession> listingSession, String listTablesSql, List<String> tables)
    {
        try (EngineSession session = listingSession.get()) {
            return session.execute("tables", listTablesSql, Duration.ofSeconds(30)).rows()
                    .map(rows -> rows.rows().stream().map(List::getFirst).collect(Collectors.toSet()))
                    .map(present -> tables.stream().filter(table -> !present.contains(table)).toList());
        }
        catch (EngineUnavailableException e) {
            return Optional.empty();
        }
    }
}
