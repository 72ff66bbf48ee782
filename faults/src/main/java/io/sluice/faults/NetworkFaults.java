package io.sluice.faults;

import java.time.Duration;

/**
 * What the network faults do, the same in both deployments: the parameters of Chaos Mesh's NetworkChaos in a
 * cluster, and of the loopback proxy locally. A fault names none of them, so runs on both stay comparable.
 */
public final class NetworkFaults
{
    /** What a {@code slow} fault adds to each round trip (NetworkChaos {@code delay.latency}). */
    public static final Duration LATENCY = Duration.ofMillis(200);
    /** How far that latency varies either way (NetworkChaos {@code delay.jitter}). */
    public static final Duration JITTER = Duration.ofMillis(50);
    /** The share of packets a {@code loss} fault drops (NetworkChaos {@code loss.loss}). */
    public static final int LOSS_PERCENT = 25;

    private NetworkFaults() {}
}
