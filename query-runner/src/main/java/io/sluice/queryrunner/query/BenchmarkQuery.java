package io.sluice.queryrunner.query;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.result.Engine;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One benchmark query ({@code q01}) with the text each engine runs.
 */
public record BenchmarkQuery(Benchmark benchmark, String name, Map<Engine, QueryText> texts)
{
    public BenchmarkQuery
    {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(name, "name is null");
        texts = Map.copyOf(texts);
    }

    public QueryText text(Engine engine)
    {
        QueryText text = texts.get(engine);
        if (text == null) {
            throw new IllegalArgumentException("query %s has no text for %s".formatted(name, engine));
        }
        return text;
    }
}
