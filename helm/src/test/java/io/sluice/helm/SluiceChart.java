package io.sluice.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The chart under test, driven through helm-java: the helm library embedded as a native library, so lint and
 * template run offline without a helm binary or a cluster.
 */
final class SluiceChart
{
    static final String RELEASE = "bench";
    static final String NAMESPACE = "sluice-test";
    /** Kubernetes version the chart is rendered for; the chart needs 1.29+ (Job backoffLimitPerIndex). */
    static final String KUBE_VERSION = "1.33.0";

    private final Path directory;
    private final StrictManifestParser parser = new StrictManifestParser();

    private SluiceChart(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** The chart in helm/sluice (tests run with the module directory as working directory). */
    static SluiceChart load()
    {
        Path directory = Path.of("sluice").toAbsolutePath();
        if (!Files.isRegularFile(directory.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no Chart.yaml in " + directory + ": run the tests from the helm/ module");
        }
        return new SluiceChart(directory);
    }

    Path directory()
    {
        return directory;
    }

    LintResult lint()
    {
        return new Helm(directory).lint().strict().call();
    }

    /** Renders with one of the value files in src/test/resources/profiles, then the given --set overrides. */
    RenderedChart render(String profile, Map<String, Object> overrides)
    {
        return RenderedChart.parse(renderText(profile, overrides), parser);
    }

    RenderedChart render(String profile)
    {
        return render(profile, Map.of());
    }

    /** The raw manifests; throws helm's error (schema violations, template fail messages) when rendering fails. */
    String renderText(String profile, Map<String, Object> overrides)
    {
        TemplateCommand template = new Helm(directory).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        template.withValuesFile(profilePath(profile));
        overrides.forEach(template::set);
        return template.call();
    }

    /**
     * The raw manifests with a values file over the profile: its YAML keeps a decimal such as 0.01 a number, where
     * --set passes anything but a whole number as a string.
     */
    String renderText(String profile, Path values)
    {
        return new Helm(directory).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(profilePath(profile))
                .withValuesFile(values)
                .call();
    }

    private static Path profilePath(String profile)
    {
        var resource = SluiceChart.class.getResource("/profiles/" + profile + ".yaml");
        if (resource == null) {
            throw new IllegalArgumentException("no profile " + profile + ".yaml in src/test/resources/profiles");
        }
        try {
            return Path.of(resource.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
