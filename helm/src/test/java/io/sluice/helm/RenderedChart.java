package io.sluice.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** The objects `helm template` rendered, each parsed strictly into its typed model. */
record RenderedChart(List<RenderedObject> objects)
{
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)\\s*$");

    RenderedChart
    {
        objects = List.copyOf(objects);
    }

    static RenderedChart parse(String manifests, StrictManifestParser parser)
    {
        requireNonNull(manifests, "manifests is null");
        List<RenderedObject> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            Matcher source = SOURCE.matcher(document);
            String name = source.find() ? source.group(1) : "(no source comment)";
            objects.add(new RenderedObject(name, parser.parse(name, document)));
        }
        return new RenderedChart(objects);
    }

    <T> List<T> all(Class<T> type)
    {
        return objects.stream()
                .map(RenderedObject::object)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    <T> Optional<T> find(Class<T> type, String name)
    {
        return all(type).stream()
                .filter(object -> ((HasMetadata) object).getMetadata().getName().equals(name))
                .findFirst();
    }

    <T> T single(Class<T> type)
    {
        List<T> matches = all(type);
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + matches.size());
        }
        return matches.getFirst();
    }

    /** The pod templates of every Deployment, StatefulSet and Job. */
    List<PodTemplate> podTemplates()
    {
        List<PodTemplate> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(podTemplate("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate(), Set.of())));
        all(StatefulSet.class).forEach(s -> templates.add(podTemplate("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate(),
                s.getSpec().getVolumeClaimTemplates().stream().map(claim -> claim.getMetadata().getName()).collect(Collectors.toSet()))));
        all(Job.class).forEach(j -> templates.add(podTemplate("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate(), Set.of())));
        return templates;
    }

    PodTemplate podTemplate(String workload)
    {
        return podTemplates().stream()
                .filter(template -> template.workload().equals(workload))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + workload + " rendered"));
    }

    private static PodTemplate podTemplate(String workload, PodTemplateSpec template, Set<String> claimTemplates)
    {
        return new PodTemplate(workload, template.getMetadata().getLabels(), template.getSpec(), claimTemplates);
    }
}
