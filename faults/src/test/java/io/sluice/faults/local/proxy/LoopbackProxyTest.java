package io.sluice.faults.local.proxy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LoopbackProxyTest
{
    private static final Logger log = LoggerFactory.getLogger(LoopbackProxyTest.class);

    @Test
    void forwardsEveryByteBothWays()
            throws Exception
    {
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address())) {
            assertThat(proxy.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(proxy.port()).isPositive().isNotEqualTo(echo.address().getPort());

            Transfer transfer = Transfer.through(proxy.address(), 16L << 20, 1);

            assertThat(transfer.receivedBytes()).isEqualTo(16L << 20);
            assertThat(transfer.receivedChecksum()).isEqualTo(transfer.sentChecksum());
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
        }
    }

    @Test
    void forwardsManyConnectionsAtOnce()
            throws Exception
    {
        int connections = 64;
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address());
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Transfer>> transfers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long seed = i;
                transfers.add(clients.submit(() -> Transfer.through(proxy.address(), 256 * 1024 + seed, seed)));
            }
            for (Future<Transfer> transfer : transfers) {
                assertThat(transfer.get().exact()).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
        }
    }

    @Test
    void addsLatencyEachWayWhileSlowAndNoneOnceRestored()
            throws Exception
    {
        Duration latency = Duration.ofMillis(150);
        Duration jitter = Duration.ofMillis(20);
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address());
                Socket existing = connect(proxy.address())) {
            long before = roundTripMillis(existing);

            proxy.impair(Impairment.delay(latency, jitter));
            assertThat(proxy.impairment()).isEqualTo(Impairment.delay(latency, jitter));
            long minimum = 2 * (latency.toMillis() - jitter.toMillis());
            for (Socket socket : List.of(existing, connect(proxy.address()))) {
                try (socket) {
                    for (int i = 0; i < 3; i++) {
                        assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(minimum);
                    }
                }
            }

            proxy.restore();
            try (Socket after = connect(proxy.address())) {
                long restored = roundTripMillis(after);
                log.info("Round trip through the proxy: {} ms before, {} ms after the delay of {} ± {} each way", before, restored, latency.toMillis(), jitter.toMillis());
                assertThat(restored).isLessThan(latency.toMillis());
            }
        }
    }

    @Test
    void restoringLetsHeldDataGoAtOnceOnExistingConnections()
            throws Exception
    {
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address());
                Socket socket = connect(proxy.address())) {
            roundTripMillis(socket);
            proxy.impair(Impairment.loss(100));
            byte[] message = "held back".getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(message);
            socket.setSoTimeout(500);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            long restoredAt = System.nanoTime();
            proxy.restore();
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().readNBytes(message.length)).isEqualTo(message);
            assertThat(NANOSECONDS.toMillis(System.nanoTime() - restoredAt)).isLessThan(Impairment.RETRANSMISSION_TIMEOUT.toMillis());
        }
    }

    @Test
    void lossStallsDataButNeverLosesOrCorruptsAByte()
            throws Exception
    {
        try (EchoServer echo = new EchoServer();
                LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address())) {
            Transfer full = Transfer.through(proxy.address(), 2 << 20, 7);
            proxy.impair(Impairment.loss(25));
            Transfer lossy = Transfer.through(proxy.address(), 2 << 20, 7);
            log.info("2 MiB echoed through the proxy in {} ms at full speed, {} ms with 25 % loss",
                    NANOSECONDS.toMillis(full.elapsedNanos()), NANOSECONDS.toMillis(lossy.elapsedNanos()));

            assertThat(lossy.exact()).isTrue();
            assertThat(lossy.receivedChecksum()).isEqualTo(full.receivedChecksum());
            // at least 64 chunks of 64 KiB, all kept with a chance of 0.75^64 (1e-8); a lost one stalls its direction
            // for a retransmission timeout
            assertThat(lossy.elapsedNanos()).isGreaterThanOrEqualTo(Impairment.RETRANSMISSION_TIMEOUT.toNanos());
        }
    }

    @Test
    void closeEndsEveryConnectionAndStopsListening()
            throws Exception
    {
        try (EchoServer echo = new EchoServer()) {
            LoopbackProxy proxy = LoopbackProxy.start("echo", echo.address());
            InetSocketAddress address = proxy.address();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket socket = connect(address);
                roundTripMillis(socket);
                sockets.add(socket);
            }
            assertThat(proxy.openConnections()).isEqualTo(5);

            proxy.close();

            assertThat(proxy.openConnections()).isZero();
            for (Socket socket : sockets) {
                try (socket) {
                    assertThat(endOfStreamOrReset(socket)).isTrue();
                }
            }
            assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aDownUpstreamEndsTheClientsConnection()
            throws Exception
    {
        InetSocketAddress nothing;
        try (EchoServer closed = new EchoServer()) {
            nothing = closed.address();
        }
        try (LoopbackProxy proxy = LoopbackProxy.start("nothing", nothing);
                Socket socket = connect(proxy.address())) {
            assertThat(endOfStreamOrReset(socket)).isTrue();
        }
    }

    @Test
    void refusesBadArgumentsWithOneLine()
    {
        assertThatThrownBy(() -> LoopbackProxy.start("echo", InetSocketAddress.createUnresolved("no.such.host", 1)))
                .hasMessage("proxy echo: upstream no.such.host/<unresolved>:1 does not resolve");
        assertThatThrownBy(() -> LoopbackProxy.start("echo", new InetSocketAddress("127.0.0.1", 1), 70000))
                .hasMessage("proxy echo: port 70000 is not 0 (a free one) to 65535");
    }

    private static Socket connect(InetSocketAddress address)
            throws IOException
    {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static long roundTripMillis(Socket socket)
            throws IOException
    {
        byte[] message = "ping %d".formatted(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        socket.getOutputStream().write(message);
        assertThat(socket.getInputStream().readNBytes(message.length)).isEqualTo(message);
        return NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static boolean endOfStreamOrReset(Socket socket)
            throws IOException
    {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        }
        catch (SocketTimeoutException e) {
            return false;
        }
        catch (IOException e) {
            return true;
        }
    }
}
