package io.sluice.queryrunner.query;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.result.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The benchmark queries. TPC-H texts are the 22 queries {@code io.trino.tpch} ships
 * ({@code io/trino/tpch/queries/qN.sql}, with the specification's validation parameters). TPC-DS texts are the
 * specification's 99 queries (14, 23, 24 and 39 in two parts, {@code q14a} and {@code q14b}: 103 texts) with its
 * qualification parameters, as Apache Spark publishes them in its SQL test jar; the build copies them to
 * {@code tpcds/qN.sql}. Where an engine cannot run a library text as it is, this module keeps a variant file,
 * looked up in this order: {@code queries/<benchmark>/<dialect>/qNN.sql}, then
 * {@code queries/<benchmark>/common/qNN.sql}, then the library's text. An engine's dialect is its own name,
 * except {@code trino_fte}, which is Trino and runs Trino's texts. Each variant says at its top why it exists.
 * Texts are never changed at run time beyond dropping a final {@code ;} (JDBC drivers take one statement
 * without it).
 */
public final class QueryCatalog
{
    private static final String VARIANT_PATH = "io/sluice/queryrunner/queries/%s/%s/%s.sql";
    private static final Pattern NAME = Pattern.compile("q?0*(\\d{1,3})([ab]?)");
    private static final int TPCH_QUERIES = 22;
    private static final int TPCDS_QUERIES = 99;
    // the TPC-DS templates that are two queries each
    private static final Set<Integer> TPCDS_TWO_PARTS = Set.of(14, 23, 24, 39);

    private QueryCatalog() {}

    /**
     * The query names of a benchmark: TPC-H {@code q01} … {@code q22}; TPC-DS {@code q01} … {@code q99}, with
     * {@code q14a}, {@code q14b}, {@code q23a}, {@code q23b}, {@code q24a}, {@code q24b}, {@code q39a} and
     * {@code q39b} in place of 14, 23, 24 and 39.
     */
    public static List<String> queryNames(Benchmark benchmark)
    {
        return switch (benchmark) {
            case TPCH -> IntStream.rangeClosed(1, TPCH_QUERIES).mapToObj(number -> name(number, "")).toList();
            case TPCDS -> IntStream.rangeClosed(1, TPCDS_QUERIES).boxed()
                    .flatMap(number -> TPCDS_TWO_PARTS.contains(number) ? Stream.of(name(number, "a"), name(number, "b")) : Stream.of(name(number, "")))
                    .toList();
        };
    }

    /**
     * {@code q1}, {@code Q01} and {@code 1} are all {@code q01}; {@code Q14A} is {@code q14a}.
     */
    public static String normalize(String query)
    {
        requireNonNull(query, "query is null");
        Matcher matcher = NAME.matcher(query.trim().toLowerCase(Locale.ROOT));
        return matcher.matches() ? name(Integer.parseInt(matcher.group(1)), matcher.group(2)) : query.trim();
    }

    /**
     * The 1-based number of {@code q07} (and of {@code q14a}: 14).
     */
    public static int number(String query)
    {
        return Integer.parseInt(parsed(query).group(1));
    }

    private static Matcher parsed(String query)
    {
        Matcher matcher = NAME.matcher(normalize(query));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("query name '%s' is not of the form qNN".formatted(query));
        }
        return matcher;
    }

    public static BenchmarkQuery query(Benchmark benchmark, String query)
    {
        String name = normalize(query);
        if (!queryNames(benchmark).contains(name)) {
            throw new IllegalArgumentException("%s has no query '%s'".formatted(benchmark.id(), query));
        }
        Map<Engine, QueryText> texts = new EnumMap<>(Engine.class);
        for (Engine engine : Engine.values()) {
            texts.put(engine, text(benchmark, name, engine));
        }
        return new BenchmarkQuery(benchmark, name, texts);
    }

    private static QueryText text(Benchmark benchmark, String name, Engine engine)
    {
        String engineVariant = VARIANT_PATH.formatted(benchmark.id(), dialect(engine).name().toLowerCase(Locale.ROOT), name);
        String commonVariant = VARIANT_PATH.formatted(benchmark.id(), "common", name);
        String library = libraryPath(benchmark, name);
        return resource(engineVariant)
                .or(() -> resource(commonVariant))
                .or(() -> resource(library))
                .orElseThrow(() -> new IllegalStateException("no text for %s %s: neither %s nor %s is on the class path".formatted(benchmark.id(), name, engineVariant, library)));
    }

    /**
     * Where the library keeps a text: unpadded numbers, {@code q7} and {@code q14a}.
     */
    private static String libraryPath(Benchmark benchmark, String name)
    {
        Matcher matcher = parsed(name);
        String unpadded = "q" + Integer.parseInt(matcher.group(1)) + matcher.group(2);
        return switch (benchmark) {
            case TPCH -> "io/trino/tpch/queries/%s.sql".formatted(unpadded);
            case TPCDS -> "tpcds/%s.sql".formatted(unpadded);
        };
    }

    private static Engine dialect(Engine engine)
    {
        return engine == Engine.TRINO_FTE ? Engine.TRINO : engine;
    }

    private static Optional<QueryText> resource(String path)
    {
        try (InputStream in = QueryCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1);
            }
            return Optional.of(new QueryText(sql, path));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String name(int number, String part)
    {
        return "q%02d%s".formatted(number, part);
    }
}
