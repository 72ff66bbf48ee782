package io.sluice.ops;

import io.sluice.schema.settings.EnvironmentReader;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where a service serves {@code /metrics}, {@code /health/live} and {@code /health/ready}.
 *
 * @param port TCP port, 0 = no endpoint (a local CLI run that did not ask for one)
 * @param bindAddress address to listen on; in a pod the kubelet and Prometheus reach the pod's IP, so the default
 * there is every interface, elsewhere loopback only
 */
public record MetricsSettings(int port, String bindAddress)
{
    public static final String PORT_ENV = "SLUICE_METRICS_PORT";
    public static final String BIND_ADDRESS_ENV = "SLUICE_METRICS_BIND_ADDRESS";
    /** Set in every Kubernetes pod; its presence selects the all-interfaces default. */
    static final String KUBERNETES_ENV = "KUBERNETES_SERVICE_HOST";

    public MetricsSettings
    {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("%s (--metrics-port) must be 0 (off) to 65535, got %d".formatted(PORT_ENV, port));
        }
        requireNonNull(bindAddress, "bindAddress is null");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException(BIND_ADDRESS_ENV + " is blank; give an IP address such as 127.0.0.1 or 0.0.0.0");
        }
    }

    public static MetricsSettings off()
    {
        return new MetricsSettings(0, "127.0.0.1");
    }

    /**
     * {@value #PORT_ENV} (default 0: off) and {@value #BIND_ADDRESS_ENV} (default 0.0.0.0 in a Kubernetes pod,
     * 127.0.0.1 elsewhere).
     */
    public static MetricsSettings fromEnvironment(Map<String, String> env)
    {
        requireNonNull(env, "env is null");
        EnvironmentReader reader = new EnvironmentReader(env);
        int port = reader.get(PORT_ENV, Integer::parseInt).orElse(0);
        String defaultAddress = reader.string(KUBERNETES_ENV).isPresent() ? "0.0.0.0" : "127.0.0.1";
        return new MetricsSettings(port, reader.string(BIND_ADDRESS_ENV).orElse(defaultAddress));
    }

    public MetricsSettings withPort(int port)
    {
        return new MetricsSettings(port, bindAddress);
    }

    public boolean enabled()
    {
        return port > 0;
    }
}
