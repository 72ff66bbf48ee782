package io.sluice.faults.local.proxy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large transfer straight to a server and through an unimpaired proxy, for the figures in the log (no timing is
 * asserted: the machine is shared). Each is echoed, so both directions carry it at once.
 */
class LoopbackProxyThroughputTest
{
    private static final Logger log = LoggerFactory.getLogger(LoopbackProxyThroughputTest.class);
    private static final long BYTES = 256L << 20;

    @Test
    void aProxyWithoutFaultForwardsALargeTransferExactly()
            throws Exception
    {
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address())) {
            // once each to warm up, then measured
            Transfer.through(echo.address(), BYTES / 8, 0);
            Transfer.through(proxy.address(), BYTES / 8, 0);
            Transfer direct = Transfer.through(echo.address(), BYTES, 3);
            Transfer proxied = Transfer.through(proxy.address(), BYTES, 3);
            log.info("{} MiB each way: direct {} MiB/s, through the proxy {} MiB/s ({} % of direct)",
                    BYTES >> 20, Math.round(direct.mibPerSecond()), Math.round(proxied.mibPerSecond()), Math.round(100 * proxied.mibPerSecond() / direct.mibPerSecond()));

            assertThat(direct.exact()).isTrue();
            assertThat(proxied.exact()).isTrue();
            assertThat(proxied.receivedChecksum()).isEqualTo(direct.receivedChecksum());
        }
    }
}
