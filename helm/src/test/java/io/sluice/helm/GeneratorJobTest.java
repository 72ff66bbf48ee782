package io.sluice.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(job.getMetadata().getName()).isEqualTo("bench-sluice-generate-tpcds-sf100-p64");
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
        assertThat(job.getMetadata().getName()).isEqualTo("bench-sluice-generate-tpch-sf0p01-p1");
    }

    @Test
    void anotherScaleFactorIsAnotherJob()
    {
        String first = CHART.render("default").single(Job.class).getMetadata().getName();
        String second = CHART.render("default", Map.of("scaleFactor", 10)).single(Job.class).getMetadata().getName();

        assertThat(second).isNotEqualTo(first);
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
