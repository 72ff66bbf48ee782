package io.sluice.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorJobTest
{
    private static final SluiceChart CHART = SluiceChart.load();

    @ParameterizedTest
    @CsvSource({"default, 8", "tpcds-sf100, 64", "minimal, 1"})
    void anIndexedJobHasOneCompletionPerPart(String profile, int parts)
    {
        Job job = CHART.render(profile).single(Job.class);

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(parts);
        assertThat(job.getSpec().getParallelism()).isLessThanOrEqualTo(parts);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(generator(job).getArgs())
                .containsSubsequence("--parts", String.valueOf(parts))
                .containsSubsequence("--part-index", "$(JOB_COMPLETION_INDEX)")
                .doesNotContain("--parts-per-pod");
    }

    @Test
    void eachPodGeneratesItsDataset()
    {
        Job job = CHART.render("tpcds-sf100").single(Job.class);

        assertThat(generator(job).getArgs())
                .startsWith("generate")
                .containsSubsequence("--benchmark", "tpcds")
                .containsSubsequence("--scale-factor", "100");
        assertThat(job.getSpec().getParallelism()).isEqualTo(16);
        assertThat(job.getMetadata().getName()).matches("bench-sluice-generate-tpcds-sf100-p64-[0-9a-f]{8}");
    }

    @Test
    void severalPartsPerPodShareTheIndexesOut()
    {
        Job job = CHART.render("tpcds-sf100", Map.of("generator.partsPerPod", 3)).single(Job.class);

        // 64 parts, 3 a pod: 21 pods take 3, the last takes 1
        assertThat(job.getSpec().getCompletions()).isEqualTo(22);
        assertThat(generator(job).getArgs())
                .containsSubsequence("--parts", "64")
                .containsSubsequence("--parts-per-pod", "3");
    }

    @Test
    void aFractionalScaleFactorKeepsItsValueAndGivesAValidName()
    {
        Job job = CHART.render("minimal").single(Job.class);

        assertThat(generator(job).getArgs()).containsSubsequence("--scale-factor", "0.01");
        assertThat(job.getMetadata().getName()).matches("bench-sluice-generate-tpch-sf0p01-p1-[0-9a-f]{8}");
    }

    @Test
    void anotherScaleFactorIsAnotherJob()
    {
        String first = CHART.render("default").single(Job.class).getMetadata().getName();
        String second = CHART.render("default", Map.of("scaleFactor", 10)).single(Job.class).getMetadata().getName();

        assertThat(second).isNotEqualTo(first);
    }

    // the API server refuses a Job whose maxFailedIndexes exceeds its completions
    @ParameterizedTest
    @CsvSource({"minimal, 1", "default, 8", "tpcds-sf100, 8"})
    void maxFailedIndexesIsAtMostTheCompletions(String profile, int maxFailedIndexes)
    {
        Job job = CHART.render(profile).single(Job.class);

        assertThat(job.getSpec().getMaxFailedIndexes()).isEqualTo(maxFailedIndexes).isLessThanOrEqualTo(job.getSpec().getCompletions());
    }

    // a Job's pod template is immutable: an upgrade that changes it must name another Job, or helm upgrade fails
    @Test
    void anotherPodTemplateIsAnotherJobAndTheSameRenderTheSameJob()
    {
        String first = CHART.render("default", Map.of("image.tag", "1.0.0")).single(Job.class).getMetadata().getName();
        String again = CHART.render("default", Map.of("image.tag", "1.0.0")).single(Job.class).getMetadata().getName();
        String otherImage = CHART.render("default", Map.of("image.tag", "1.0.1")).single(Job.class).getMetadata().getName();
        String otherEnv = CHART.render("default", Map.of("image.tag", "1.0.0", "generator.env.SLUICE_GENERATOR_SUB_CHUNK_ROWS", "200000"))
                .single(Job.class).getMetadata().getName();

        assertThat(again).isEqualTo(first);
        assertThat(otherImage).isNotEqualTo(first);
        assertThat(otherEnv).isNotEqualTo(first).isNotEqualTo(otherImage);
        assertThat(List.of(first, otherImage, otherEnv)).allSatisfy(name -> assertThat(name).startsWith("bench-sluice-generate-tpch-sf1-p8-"));
    }

    @Test
    void aLongNameKeepsItsHashAndLeavesRoomForTheIndexInItsPodsHostnames()
    {
        Map<String, Object> values = Map.of("fullnameOverride", "a-release-name-of-exactly-forty-chars-xx", "parts", 12345, "scaleFactor", 1000);
        String name = CHART.render("default", values).single(Job.class).getMetadata().getName();
        Map<String, Object> otherImageValues = new HashMap<>(values);
        otherImageValues.put("image.tag", "other");
        String otherImage = CHART.render("default", otherImageValues).single(Job.class).getMetadata().getName();

        // a pod's hostname is <job name>-<completion index>, at most 6 digits, within a DNS label's 63 characters
        assertThat(name).hasSizeLessThanOrEqualTo(63 - "-99999".length() - 1).matches("a-release-name-of-exactly-forty-chars-xx-genera-[0-9a-f]{8}");
        assertThat(otherImage).hasSize(name.length()).isNotEqualTo(name);
    }

    @Test
    void listenerModeRunsADeploymentOnTheControlTopicInsteadOfAJob()
    {
        RenderedChart chart = CHART.render("self-contained");

        assertThat(chart.all(Job.class)).allSatisfy(job -> assertThat(job.getMetadata().getName()).endsWith("-minio-bucket"));
        Deployment listener = chart.find(Deployment.class, "bench-sluice-generator").orElseThrow();
        assertThat(listener.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .startsWith("generate", "--listen");
    }

    private static Container generator(Job job)
    {
        return job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }
}
