package io.sluice.faults;

import io.sluice.schema.settings.EnvironmentReader;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * How a long-running service (the query runner) applies the faults of plans and {@code RunFault} commands:
 * {@code injector} {@code none} refuses them, {@code kubernetes} deletes pods and creates Chaos Mesh resources in
 * {@code namespace} (default: the pod's own) for the pods of Helm release {@code release}. {@code sluice run}
 * does not read these: it injects into the local stack.
 */
public record FaultSettings(Injector injector, Optional<String> namespace, String release)
{
    public static final String INJECTOR_ENV = "SLUICE_FAULT_INJECTOR";
    public static final String NAMESPACE_ENV = "SLUICE_FAULT_NAMESPACE";
    public static final String RELEASE_ENV = "SLUICE_FAULT_RELEASE";

    public static final Injector DEFAULT_INJECTOR = Injector.NONE;
    public static final String DEFAULT_RELEASE = "sluice";

    public enum Injector
    {
        NONE, KUBERNETES;

        static Injector parse(String text)
        {
            return Arrays.stream(values()).filter(value -> value.label().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("choose from " + Arrays.stream(values()).map(Injector::label).collect(Collectors.joining(", "))));
        }

        public String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FaultSettings
    {
        requireNonNull(injector, "injector is null");
        requireNonNull(namespace, "namespace is null");
        requireText(release, "release");
    }

    /**
     * @throws IllegalArgumentException naming the variable and the allowed values
     */
    public static FaultSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        return new FaultSettings(
                env.get(INJECTOR_ENV, Injector::parse).orElse(DEFAULT_INJECTOR),
                env.string(NAMESPACE_ENV),
                env.string(RELEASE_ENV).orElse(DEFAULT_RELEASE));
    }
}
