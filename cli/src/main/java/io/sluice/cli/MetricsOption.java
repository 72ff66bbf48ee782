package io.sluice.cli;

import io.sluice.ops.MetricsSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code --metrics-port}: where a service serves {@code /metrics} and its health endpoints (the chart passes it to
 * every pod). Over {@code SLUICE_METRICS_PORT}; without either, a local run serves nothing.
 */
final class MetricsOption {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve /metrics, /health/live and /health/ready on this port (0 = off). Default: $SLUICE_METRICS_PORT, else off. Address: $SLUICE_METRICS_BIND_ADDRESS, default 127.0.0.1 (0.0.0.0 in a Kubernetes pod).")
    private Integer port;

    MetricsSettings settings(Map<String, String> env) {
        MetricsSettings settings = MetricsSettings.fromEnvironment(env);
        return port == null ? settings : settings.withPort(port);
    }
}
