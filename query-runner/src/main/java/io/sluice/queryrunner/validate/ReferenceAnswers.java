package io.sluice.queryrunner.validate;

import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.queryrunner.query.QueryCatalog;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answers {@code io.trino.tpch} ships next to its queries ({@code io/trino/tpch/queries/qN.result}),
 * computed at scale factor 0.01 — the only scale they exist for. Format: a {@code --} header line, then one
 * row per line, cells separated by {@code |} (some lines end with a separator, which is dropped).
 */
public final class ReferenceAnswers
        implements AnswerSource
{
    private static final ScaleFactor REFERENCE_SCALE = ScaleFactor.parse("0.01");
    private static final String PATH = "io/trino/tpch/queries/q%d.result";

    @Override
    public Optional<ExpectedAnswer> expected(BenchmarkQuery query, DatasetId dataset)
    {
        if (dataset.benchmark() != Benchmark.TPCH || !dataset.scaleFactor().equals(REFERENCE_SCALE)) {
            return Optional.empty();
        }
        String path = PATH.formatted(QueryCatalog.number(query.name()));
        try (InputStream in = ReferenceAnswers.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new ExpectedAnswer(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "io.trino.tpch " + path));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static ResultRows parse(String text)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            String cells = line.endsWith("|") ? line.substring(0, line.length() - 1) : line;
            rows.add(Arrays.stream(cells.split(Pattern.quote("|"), -1)).map(ResultRows::parse).toList());
        }
        return new ResultRows(rows);
    }
}
