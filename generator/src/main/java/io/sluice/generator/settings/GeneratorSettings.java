package io.sluice.generator.settings;

import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.CRC32;

import static java.util.Objects.requireNonNull;

/**
 * Everything a generator run needs: what to generate (benchmark, scale factor, parts, part range, tables),
 * how rows are cut into transactions (sub-chunk rows), and how they go to Kafka. Validated on construction;
 * each error names the setting and what is allowed. {@link #fromEnvironment} reads the same settings from
 * {@code SLUICE_*} variables (the Helm chart's way).
 *
 * @param parts how many parts each table is split into; empty = {@link #defaultParts(ScaleFactor)}
 * @param partRange the parts this process generates; empty = all
 * @param tables the tables to generate; empty = all of the benchmark's
 * @param subChunkRows the most rows one transaction (sub-chunk) holds
 * @param partitions partitions of every row topic this run creates; empty = derived from the table's size
 * @param replicationFactor replicas of every topic this run creates; empty = the cluster's
 * {@code default.replication.factor}, so a cluster of several brokers gets its own choice rather than one replica
 * @param transactionalIdPrefix prefix of the producer's transactional id, which is
 * {@code <prefix>.<dataset>.p<first>-<last>} so a restarted process fences the one it replaces
 */
public record GeneratorSettings(
        KafkaClientSettings kafka,
        Benchmark benchmark,
        ScaleFactor scaleFactor,
        Optional<Integer> parts,
        Optional<PartRange> partRange,
        List<String> tables,
        int subChunkRows,
        Compression compression,
        Optional<Integer> partitions,
        Optional<Short> replicationFactor,
        String transactionalIdPrefix,
        int batchSizeBytes,
        int lingerMs)
{
    public static final int DEFAULT_SUB_CHUNK_ROWS = 500_000;
    public static final int MIN_SUB_CHUNK_ROWS = 100;
    public static final int MAX_SUB_CHUNK_ROWS = 5_000_000;
    public static final int MAX_PARTS = 100_000;
    public static final int MAX_PARTITIONS = 1_000;
    public static final Compression DEFAULT_COMPRESSION = Compression.LZ4;
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "sluice-generator";
    public static final int DEFAULT_BATCH_SIZE_BYTES = 512 * 1024;
    public static final int DEFAULT_LINGER_MS = 20;
    public static final int MIN_BATCH_SIZE_BYTES = 1024;
    public static final int MAX_BATCH_SIZE_BYTES = 64 * 1024 * 1024;
    public static final int MAX_LINGER_MS = 60_000;

    public static final String BENCHMARK_ENV = "SLUICE_GENERATOR_BENCHMARK";
    public static final String SCALE_FACTOR_ENV = "SLUICE_GENERATOR_SCALE_FACTOR";
    public static final String PARTS_ENV = "SLUICE_GENERATOR_PARTS";
    public static final String PART_RANGE_ENV = "SLUICE_GENERATOR_PART_RANGE";
    public static final String TABLES_ENV = "SLUICE_GENERATOR_TABLES";
    public static final String SUB_CHUNK_ROWS_ENV = "SLUICE_GENERATOR_SUB_CHUNK_ROWS";
    public static final String COMPRESSION_ENV = "SLUICE_GENERATOR_COMPRESSION";
    public static final String PARTITIONS_ENV = "SLUICE_GENERATOR_PARTITIONS";
    public static final String REPLICATION_FACTOR_ENV = "SLUICE_GENERATOR_REPLICATION_FACTOR";
    public static final String TRANSACTIONAL_ID_PREFIX_ENV = "SLUICE_GENERATOR_TRANSACTIONAL_ID_PREFIX";
    public static final String BATCH_SIZE_BYTES_ENV = "SLUICE_GENERATOR_BATCH_SIZE_BYTES";
    public static final String LINGER_MS_ENV = "SLUICE_GENERATOR_LINGER_MS";
    /** With {@value #JOB_COMPLETION_INDEX_ENV}: this pod generates its share of the parts, one of this many pods. */
    public static final String PODS_ENV = "SLUICE_GENERATOR_PODS";
    /** Set by Kubernetes in the pods of an Indexed Job: 0-based pod index. */
    public static final String JOB_COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";

    public GeneratorSettings
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(benchmark, "benchmark is null");
        benchmark.checkScaleFactor(scaleFactor);
        requireNonNull(parts, "parts is null");
        parts.ifPresent(value -> checkRange("parts", value, 1, MAX_PARTS));
        requireNonNull(partRange, "partRange is null");
        int effectiveParts = parts.orElseGet(() -> defaultParts(scaleFactor));
        partRange.ifPresent(range -> {
            if (range.last() > effectiveParts) {
                throw new IllegalArgumentException("part-range %d-%d exceeds parts (%d); allowed: a range within 1-%d".formatted(range.first(), range.last(), effectiveParts, effectiveParts));
            }
        });
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        tables.forEach(benchmark::checkTable);
        if (tables.stream().distinct().count() != tables.size()) {
            throw new IllegalArgumentException("tables lists a table twice: " + String.join(", ", tables));
        }
        checkRange("sub-chunk-rows", subChunkRows, MIN_SUB_CHUNK_ROWS, MAX_SUB_CHUNK_ROWS);
        requireNonNull(compression, "compression is null");
        requireNonNull(partitions, "partitions is null");
        partitions.ifPresent(value -> checkRange("partitions", value, 1, MAX_PARTITIONS));
        requireNonNull(replicationFactor, "replicationFactor is null");
        replicationFactor.ifPresent(value -> checkRange("replication-factor", value, 1, Short.MAX_VALUE));
        requireNonNull(transactionalIdPrefix, "transactionalIdPrefix is null");
        if (!transactionalIdPrefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("transactional-id-prefix '%s' must be non-empty and use only letters, digits, '.', '_' and '-'".formatted(transactionalIdPrefix));
        }
        checkRange("batch-size-bytes", batchSizeBytes, MIN_BATCH_SIZE_BYTES, MAX_BATCH_SIZE_BYTES);
        checkRange("linger-ms", lingerMs, 0, MAX_LINGER_MS);
    }

    /**
     * Defaults for everything but the dataset: all parts, all tables, LZ4, 500k rows per sub-chunk,
     * partitions from the table sizes, the cluster's default replication factor.
     */
    public static GeneratorSettings defaults(KafkaClientSettings kafka, Benchmark benchmark, ScaleFactor scaleFactor)
    {
        return new GeneratorSettings(kafka, benchmark, scaleFactor, Optional.empty(), Optional.empty(), List.of(), DEFAULT_SUB_CHUNK_ROWS,
                DEFAULT_COMPRESSION, Optional.empty(), Optional.empty(), DEFAULT_TRANSACTIONAL_ID_PREFIX, DEFAULT_BATCH_SIZE_BYTES, DEFAULT_LINGER_MS);
    }

    /**
     * One part per unit of scale factor (at least 1): about 6M lineitem rows per part for TPC-H.
     */
    public static int defaultParts(ScaleFactor scaleFactor)
    {
        return scaleFactor.value().setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).min(BigDecimal.valueOf(MAX_PARTS)).intValueExact();
    }

    /**
     * Reads {@code SLUICE_KAFKA_*} ({@link KafkaClientSettings#fromEnvironment}) and {@code SLUICE_GENERATOR_*};
     * unset or blank variables take the defaults (benchmark tpch, scale factor 1).
     */
    public static GeneratorSettings fromEnvironment(Map<String, String> environment)
    {
        requireNonNull(environment, "environment is null");
        EnvironmentReader env = new EnvironmentReader(environment);
        Benchmark benchmark = env.get(BENCHMARK_ENV, Benchmark::fromId).orElse(Benchmark.TPCH);
        ScaleFactor scaleFactor = env.get(SCALE_FACTOR_ENV, ScaleFactor::parse).orElse(ScaleFactor.of(1));
        Optional<Integer> parts = env.get(PARTS_ENV, between(1, MAX_PARTS));
        Optional<PartRange> partRange = env.get(PART_RANGE_ENV, GeneratorSettings::parsePartRange);
        Optional<Integer> pods = env.get(PODS_ENV, Integer::valueOf);
        if (pods.isPresent()) {
            if (partRange.isPresent()) {
                throw new IllegalArgumentException("set either %s or %s, not both".formatted(PART_RANGE_ENV, PODS_ENV));
            }
            int index = env.get(JOB_COMPLETION_INDEX_ENV, Integer::valueOf).orElseThrow(() -> new IllegalArgumentException(
                    "%s is set but %s is not; it is set in the pods of an Indexed Job".formatted(PODS_ENV, JOB_COMPLETION_INDEX_ENV)));
            partRange = Optional.of(shareOf(index, pods.get(), parts.orElseGet(() -> defaultParts(scaleFactor))));
        }
        return new GeneratorSettings(
                KafkaClientSettings.fromEnvironment(environment),
                benchmark,
                scaleFactor,
                parts,
                partRange,
                env.list(TABLES_ENV).orElse(List.of()),
                env.get(SUB_CHUNK_ROWS_ENV, between(MIN_SUB_CHUNK_ROWS, MAX_SUB_CHUNK_ROWS)).orElse(DEFAULT_SUB_CHUNK_ROWS),
                env.get(COMPRESSION_ENV, Compression::parse).orElse(DEFAULT_COMPRESSION),
                env.get(PARTITIONS_ENV, between(1, MAX_PARTITIONS)),
                env.get(REPLICATION_FACTOR_ENV, between(1, Short.MAX_VALUE)).map(Integer::shortValue),
                env.string(TRANSACTIONAL_ID_PREFIX_ENV).orElse(DEFAULT_TRANSACTIONAL_ID_PREFIX),
                env.get(BATCH_SIZE_BYTES_ENV, between(MIN_BATCH_SIZE_BYTES, MAX_BATCH_SIZE_BYTES)).orElse(DEFAULT_BATCH_SIZE_BYTES),
                env.get(LINGER_MS_ENV, between(0, MAX_LINGER_MS)).orElse(DEFAULT_LINGER_MS));
    }

    /**
     * These settings with the dataset, parts, part range and tables of a command.
     */
    public GeneratorSettings withCommand(GenerateDataset command)
    {
        requireNonNull(command, "command is null");
        return new GeneratorSettings(kafka, command.benchmark(), command.scaleFactor(), Optional.of(command.parts()), command.partRange(), command.tables(),
                subChunkRows, compression, partitions, replicationFactor, transactionalIdPrefix, batchSizeBytes, lingerMs);
    }

    public GeneratorSettings withParts(int parts, Optional<PartRange> partRange)
    {
        return new GeneratorSettings(kafka, benchmark, scaleFactor, Optional.of(parts), partRange, tables,
                subChunkRows, compression, partitions, replicationFactor, transactionalIdPrefix, batchSizeBytes, lingerMs);
    }

    public GeneratorSettings withTables(List<String> tables)
    {
        return new GeneratorSettings(kafka, benchmark, scaleFactor, parts, partRange, tables,
                subChunkRows, compression, partitions, replicationFactor, transactionalIdPrefix, batchSizeBytes, lingerMs);
    }

    public GeneratorSettings withSubChunkRows(int subChunkRows)
    {
        return new GeneratorSettings(kafka, benchmark, scaleFactor, parts, partRange, tables,
                subChunkRows, compression, partitions, replicationFactor, transactionalIdPrefix, batchSizeBytes, lingerMs);
    }

    public GeneratorSettings withCompression(Compression compression)
    {
        return new GeneratorSettings(kafka, benchmark, scaleFactor, parts, partRange, tables,
                subChunkRows, compression, partitions, replicationFactor, transactionalIdPrefix, batchSizeBytes, lingerMs);
    }

    public DatasetId dataset()
    {
        return new DatasetId(benchmark, scaleFactor);
    }

    public int effectiveParts()
    {
        return parts.orElseGet(() -> defaultParts(scaleFactor));
    }

    public PartRange effectivePartRange()
    {
        return partRange.orElseGet(() -> new PartRange(1, effectiveParts()));
    }

    public List<String> effectiveTables()
    {
        return tables.isEmpty() ? benchmark.tables() : tables;
    }

    /**
     * The transactional id of this process: one per dataset, part range and plan (the parts and, when not all, the
     * tables), so the process that takes over a part range after a crash fences the one it replaces, while one started
     * with another plan, which the dataset refuses, does not fence the one writing it on its way.
     */
    public String transactionalId()
    {
        PartRange range = effectivePartRange();
        String id = "%s.%s.p%d-%dof%d".formatted(transactionalIdPrefix, dataset(), range.first(), range.last(), effectiveParts());
        if (Set.copyOf(effectiveTables()).equals(Set.copyOf(benchmark.tables()))) {
            return id;
        }
        CRC32 tables = new CRC32();
        tables.update(String.join(",", new TreeSet<>(effectiveTables())).getBytes(StandardCharsets.UTF_8));
        return "%s.t%08x".formatted(id, tables.getValue());
    }

    /**
     * Parses {@code 3-5} or a single part {@code 3}.
     */
    public static PartRange parsePartRange(String text)
    {
        String[] bounds = text.trim().split("-", -1);
        try {
            if (bounds.length == 1) {
                int part = Integer.parseInt(bounds[0].trim());
                return new PartRange(part, part);
            }
            if (bounds.length == 2) {
                return new PartRange(Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim()));
            }
        }
        catch (NumberFormatException _) {
            // reported below, with the form expected
        }
        throw new IllegalArgumentException("part-range '%s' is not of the form first-last (1-based, inclusive), e.g. 1-4".formatted(text));
    }

    /**
     * Pod {@code index} (0-based) of {@code pods} takes a contiguous share of the parts; the first
     * {@code parts mod pods} pods take one more.
     */
    public static PartRange shareOf(int index, int pods, int parts)
    {
        checkRange("pods", pods, 1, parts);
        checkRange("pod index", index, 0, pods - 1);
        int base = parts / pods;
        int extra = parts % pods;
        int first = index * base + Math.min(index, extra) + 1;
        int size = base + (index < extra ? 1 : 0);
        return new PartRange(first, first + size - 1);
    }

    /** A whole number in {@code [min, max]}, for a variable: its error names the variable (as {@link EnvironmentReader#get} words it) and the range. */
    private static Function<String, Integer> between(int min, int max)
    {
        return text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("allowed: %d to %d".formatted(min, max));
            }
            return value;
        };
    }

    private static void checkRange(String name, long value, long min, long max)
    {
        if (value < min || value > max) {
            throw new IllegalArgumentException("%s must be between %d and %d, got %d".formatted(name, min, max, value));
        }
    }
}
