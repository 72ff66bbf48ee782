package io.sluice.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The pod template of one rendered workload (Deployment, StatefulSet or Job), with the volume claim templates a
 * StatefulSet adds to its pods.
 */
record PodTemplate(String workload, Map<String, String> labels, PodSpec spec, Set<String> claimTemplates)
{
    PodTemplate
    {
        requireNonNull(workload, "workload is null");
        labels = Map.copyOf(labels);
        requireNonNull(spec, "spec is null");
        claimTemplates = Set.copyOf(claimTemplates);
    }

    /** Names of every volume the pod has: its own and those of the claim templates. */
    Set<String> volumeNames()
    {
        return Stream.concat(spec.getVolumes().stream().map(Volume::getName), claimTemplates.stream())
                .collect(Collectors.toSet());
    }

    /** Whether every key/value of a matchLabels selector is among this template's labels. */
    boolean matches(Map<String, String> selector)
    {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    Stream<Container> allContainers()
    {
        return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream());
    }

    List<Container> containers()
    {
        return spec.getContainers();
    }
}
