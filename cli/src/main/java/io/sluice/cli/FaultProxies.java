package io.sluice.cli;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.local.LocalFaultInjector;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loopback proxies in front of the servers that a run's {@code slow} and {@code loss} faults hit: the run's clients
 * (landers, registration, query drivers) are pointed at the proxy, where the fault delays or stalls their traffic.
 * Kafka cannot be proxied this way: its clients reconnect to the address the broker advertises.
 */
final class FaultProxies
        implements AutoCloseable
{
    // the endpoint each proxied server's clients use; its host and port are what the proxy forwards to
    private static final Map<FaultTarget, String> ENDPOINTS = Map.of(
            FaultTarget.CLICKHOUSE, "httpUrl",
            FaultTarget.S3, "endpoint",
            FaultTarget.TRINO, "url");

    private final Map<FaultTarget, LoopbackProxy> proxies;

    private FaultProxies(Map<FaultTarget, LoopbackProxy> proxies)
    {
        this.proxies = proxies;
    }

    /**
     * Checks that a slow or loss fault names a target a proxy can stand in front of.
     *
     * @throws IllegalArgumentException with one line when it does not
     */
    static void check(Fault fault)
    {
        if (!LocalFaultInjector.needsProxy(fault)) {
            return;
        }
        if (!ENDPOINTS.containsKey(fault.target())) {
            throw new IllegalArgumentException("fault '%s': locally, slow and loss act on a proxy in front of clickhouse, s3 or trino; %s's clients cannot be routed through one"
                    .formatted(fault, fault.target().label()));
        }
        if (fault.target() == FaultTarget.S3 && fault.phase() == FaultPhase.QUERY) {
            // Trino's catalog names the store's own port, written when the stack started: only Spark would go through
            // the proxy, and Trino's untouched queries would pass for a recovery
            throw new IllegalArgumentException(("fault '%s': locally, Trino reads the S3 store directly (its catalog was written when the stack started), so the proxy"
                    + " would slow only Spark; s3:outage@benchmark stops the store for every engine, and s3 slow or loss work in the ingest phase").formatted(fault));
        }
    }

    /**
     * @throws IllegalArgumentException with one line when a slow or loss fault names a target that cannot be proxied
     */
    static FaultProxies start(List<Fault> faults, StackStatus stack)
    {
        Map<FaultTarget, LoopbackProxy> proxies = new EnumMap<>(FaultTarget.class);
        FaultProxies started = new FaultProxies(proxies);
        try {
            for (Fault fault : faults.stream().filter(LocalFaultInjector::needsProxy).toList()) {
                check(fault);
                FaultTarget target = fault.target();
                String key = ENDPOINTS.get(target);
                if (!proxies.containsKey(target)) {
                    URI upstream = URI.create(stack.endpoint(target.label(), key));
                    proxies.put(target, LoopbackProxy.start(target.label(), new InetSocketAddress(upstream.getHost(), upstream.getPort())));
                }
            }
        }
        catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    Map<FaultTarget, LoopbackProxy> proxies()
    {
        return Map.copyOf(proxies);
    }

    /** The stack as the run's clients should see it: every endpoint of a proxied server names the proxy's port. */
    StackStatus route(StackStatus stack)
    {
        if (proxies.isEmpty()) {
            return stack;
        }
        return new StackStatus(stack.runDir(), stack.servers().stream().map(this::route).toList());
    }

    private ServerStatus route(ServerStatus server)
    {
        Optional<LoopbackProxy> proxy = FaultTarget.byLabel(server.name()).map(proxies::get);
        if (proxy.isEmpty()) {
            return server;
        }
        String upstream = proxy.get().upstream().getHostString() + ":" + proxy.get().upstream().getPort();
        String routed = proxy.get().address().getHostString() + ":" + proxy.get().port();
        Map<String, String> endpoints = new LinkedHashMap<>();
        server.endpoints().forEach((key, value) -> endpoints.put(key, value.replace(upstream, routed)));
        return new ServerStatus(server.name(), server.pid(), server.healthy(), endpoints);
    }

    @Override
    public void close()
    {
        proxies.values().forEach(LoopbackProxy::close);
    }
}
