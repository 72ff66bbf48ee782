package io.sluice.faults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultKind;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The meters of fault runs, kept from the events a {@link FaultRun} sends (chain it after the event publisher):
 * {@code sluice_fault_active{target,kind}} is 1 while such a fault is in effect, which the dashboard draws as
 * fault windows, and {@code sluice_faults_injected_total{target,kind,phase}} counts injections.
 */
public final class FaultMetrics
        implements Consumer<PipelineEvent>
{
    private final MeterRegistry registry;
    // faults of one target and kind in effect now; overlapping runs may break the same target
    private final Map<List<String>, AtomicInteger> active = new ConcurrentHashMap<>();

    public FaultMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void accept(PipelineEvent event)
    {
        switch (event) {
            case FaultInjected injected -> {
                Counter.builder("sluice.faults.injected")
                        .description("faults injected by fault runs")
                        .tags(tags(injected.target(), injected.kind()).and("phase", injected.phase().name().toLowerCase(Locale.ROOT)))
                        .register(registry)
                        .increment();
                inEffect(injected.target(), injected.kind()).incrementAndGet();
            }
            case FaultCleared cleared -> inEffect(cleared.target(), cleared.kind()).updateAndGet(count -> Math.max(0, count - 1));
            default -> {
                // recovery and other events have no meter here
            }
        }
    }

    private AtomicInteger inEffect(String target, FaultKind kind)
    {
        return active.computeIfAbsent(List.of(target, kind.name()), _ -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("sluice.fault.active", count, value -> Math.min(1, value.get()))
                    .description("1 while a fault of this target and kind is in effect")
                    .tags(tags(target, kind))
                    .register(registry);
            return count;
        });
    }

    private static Tags tags(String target, FaultKind kind)
    {
        return Tags.of("target", target, "kind", kind.name().toLowerCase(Locale.ROOT));
    }
}
