package io.sluice.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * How the pipeline came back from a fault injected at {@code injectedAtMs}: {@code recoveryMs} until the end of
 * the first success that started after the injection; {@code latencyRecoveryMs} until the end of the first
 * success (from then on, warm-ups aside) whose time is within {@value #TOLERANCE_PERCENT}% of the pre-fault median
 * of its key (warm-ups aside); {@code failed} observations that ended between the injection and that first success
 * (or the end, without one). For a target that serves queries only the work that needs it counts: with ClickHouse
 * killed while Trino ran its queries, the next Trino success is no recovery of ClickHouse, and with no ClickHouse
 * query at all there is none to report. Any other target (Kafka during the queries) is judged by all the work: how
 * soon it went on.
 */
public record Recovery(OptionalLong recoveryMs, Optional<String> firstSuccess, OptionalLong latencyRecoveryMs, Optional<String> firstNormal, int failed)
{
    public static final int TOLERANCE_PERCENT = 10;

    public Recovery
    {
        requireNonNull(recoveryMs, "recoveryMs is null");
        requireNonNull(firstSuccess, "firstSuccess is null");
        requireNonNull(latencyRecoveryMs, "latencyRecoveryMs is null");
        requireNonNull(firstNormal, "firstNormal is null");
    }

    public static Recovery of(FaultTarget target, long injectedAtMs, Collection<Observation> all)
    {
        requireNonNull(target, "target is null");
        List<Observation> observations = target.servesQueries() ? all.stream().filter(observation -> observation.needs(target)).toList() : List.copyOf(all);
        List<Observation> after = observations.stream()
                .filter(observation -> observation.startedAtMs() >= injectedAtMs)
                .sorted(Comparator.comparingLong(Observation::endedAtMs))
                .toList();
        Optional<Observation> success = after.stream().filter(Observation::ok).findFirst();
        long failedUntil = success.map(Observation::endedAtMs).orElse(Long.MAX_VALUE);
        int failed = (int) observations.stream()
                .filter(observation -> !observation.ok() && observation.endedAtMs() >= injectedAtMs && observation.endedAtMs() <= failedUntil)
                .count();

        Map<String, Long> medians = preFaultMedians(injectedAtMs, observations);
        Optional<Observation> normal = after.stream()
                .filter(observation -> observation.ok() && !observation.warmup())
                .filter(observation -> medians.containsKey(observation.key()))
                .filter(observation -> observation.elapsedMs() * 100 <= medians.get(observation.key()) * (100 + TOLERANCE_PERCENT))
                .findFirst();
        return new Recovery(
                success.map(observation -> OptionalLong.of(observation.endedAtMs() - injectedAtMs)).orElse(OptionalLong.empty()),
                success.map(Observation::key),
                normal.map(observation -> OptionalLong.of(observation.endedAtMs() - injectedAtMs)).orElse(OptionalLong.empty()),
                normal.map(Observation::key),
                failed);
    }

    private static Map<String, Long> preFaultMedians(long injectedAtMs, Collection<Observation> observations)
    {
        Map<String, List<Long>> times = new HashMap<>();
        observations.stream()
                .filter(observation -> observation.ok() && !observation.warmup() && observation.endedAtMs() < injectedAtMs)
                .forEach(observation -> times.computeIfAbsent(observation.key(), _ -> new ArrayList<>()).add(observation.elapsedMs()));
        Map<String, Long> medians = new HashMap<>();
        times.forEach((key, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            medians.put(key, sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
        });
        return medians;
    }
}
