package io.sluice.faults.local.proxy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large transfer straight to a server and through an unimpaired proxy, for the figures in the log (no timing is
 * asserted: the machine is shared). Each is echoed, so both directions carry it at once. The two alternate a few
 * times and the best of each is compared, which damps what other processes do to one run.
 */
class LoopbackProxyThroughputTest
{
    private static final Logger log = LoggerFactory.getLogger(LoopbackProxyThroughputTest.class);
    private static final long BYTES = 256L << 20;
    private static final int ROUNDS = 3;

    @Test
    void aProxyWithoutFaultForwardsALargeTransferExactly()
            throws Exception
    {
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address())) {
            // once each to warm up, then measured
            Transfer.through(echo.address(), BYTES / 8, 0);
            Transfer.through(proxy.address(), BYTES / 8, 0);
            double bestDirect = 0;
            double bestProxied = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Transfer direct = Transfer.through(echo.address(), BYTES, round);
                Transfer proxied = Transfer.through(proxy.address(), BYTES, round);
                log.info("{} MiB each way: direct {} MiB/s, through the proxy {} MiB/s", BYTES >> 20, Math.round(direct.mibPerSecond()), Math.round(proxied.mibPerSecond()));
                assertThat(direct.exact()).isTrue();
                assertThat(proxied.exact()).isTrue();
                assertThat(proxied.receivedChecksum()).isEqualTo(direct.receivedChecksum());
                bestDirect = Math.max(bestDirect, direct.mibPerSecond());
                bestProxied = Math.max(bestProxied, proxied.mibPerSecond());
            }
            log.info("Best of {}: direct {} MiB/s, through the proxy {} MiB/s ({} % of direct)",
                    ROUNDS, Math.round(bestDirect), Math.round(bestProxied), Math.round(100 * bestProxied / bestDirect));
        }
    }

    @Test
    void aSlowProxyDelaysALargeTransferButForwardsItExactly()
            throws Exception
    {
        Duration latency = Duration.ofMillis(100);
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address())) {
            proxy.impair(Impairment.delay(latency, Duration.ZERO));
            Transfer slowed = Transfer.through(proxy.address(), BYTES / 4, 5);
            log.info("{} MiB each way with {} ms added each way: {} ms, {} MiB/s", BYTES >> 22, latency.toMillis(),
                    slowed.elapsedNanos() / 1_000_000, Math.round(slowed.mibPerSecond()));

            assertThat(slowed.exact()).isTrue();
            assertThat(slowed.elapsedNanos()).isGreaterThanOrEqualTo(latency.multipliedBy(2).toNanos());
        }
    }
}
