package io.sluice.faults.local.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A TCP proxy on 127.0.0.1 in front of one server: every accepted connection is forwarded to the upstream address,
 * both ways, byte for byte, by virtual threads. Clients that connect to {@link #address()} instead of the server
 * can then be given network faults on the local stack, where there is no Chaos Mesh: {@link #impair} applies an
 * {@link Impairment} (added latency, emulated packet loss) to the data of all connections, existing and new, and
 * {@link #restore} lifts it, letting held-back data go at once.
 * <p>
 * Loss is emulated as TCP shows it to an application: no byte is ever dropped or corrupted, a lost segment is a
 * stall of a retransmission timeout (see {@link Impairment}). Connection set-up is not impaired, only the data.
 * <p>
 * A server that tells its clients where to connect next (Kafka's advertised listeners) is only proxied for
 * that first connection, unless it advertises the proxy's address.
 */
public final class LoopbackProxy
        implements AutoCloseable
{
    /** The most one read takes from a socket: what an impairment delays or loses at once. */
    static final int CHUNK_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LoopbackProxy.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int BACKLOG = 128;

    private final String name;
    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final ImpairmentGate gate = new ImpairmentGate();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackProxy(String name, InetSocketAddress upstream, ServerSocket listener)
    {
        this.name = name;
        this.upstream = upstream;
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("proxy-" + name + "-accept").unstarted(this::accept);
    }

    /** A proxy for {@code upstream} on a free port of 127.0.0.1. */
    public static LoopbackProxy start(String name, InetSocketAddress upstream)
    {
        return start(name, upstream, 0);
    }

    /**
     * A proxy for {@code upstream} on {@code port} of 127.0.0.1 (0: a free one).
     *
     * @param name what it is in front of, for logs and thread names, e.g. {@code clickhouse}
     * @throws UncheckedIOException when it cannot listen on that port, with one line naming it
     */
    public static LoopbackProxy start(String name, InetSocketAddress upstream, int port)
    {
        requireText(name, "name");
        requireNonNull(upstream, "upstream is null");
        if (upstream.isUnresolved()) {
            throw new IllegalArgumentException("proxy %s: upstream %s does not resolve".formatted(name, upstream));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("proxy %s: port %d is not 0 (a free one) to 65535".formatted(name, port));
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(port, BACKLOG, loopback());
        }
        catch (IOException e) {
            throw new UncheckedIOException("proxy %s: cannot listen on 127.0.0.1:%d: %s".formatted(name, port, e.getMessage()), e);
        }
        LoopbackProxy proxy = new LoopbackProxy(name, upstream, listener);
        proxy.acceptor.start();
        log.info("Proxy {} on {} in front of {}", name, proxy.address(), upstream);
        return proxy;
    }

    public String name()
    {
        return name;
    }

    public InetSocketAddress upstream()
    {
        return upstream;
    }

    public int port()
    {
        return listener.getLocalPort();
    }

    /** Where clients connect instead of the upstream server: 127.0.0.1 and {@link #port()}. */
    public InetSocketAddress address()
    {
        return new InetSocketAddress(listener.getInetAddress(), port());
    }

    /** Applies {@code impairment} to all connections from now on, replacing the one before. */
    public void impair(Impairment impairment)
    {
        requireNonNull(impairment, "impairment is null");
        log.info("Proxy {}: {}", name, impairment.isNone() ? "full speed" : impairment);
        gate.set(impairment);
    }

    /** Back to full speed, for existing connections too: data held back goes now. */
    public void restore()
    {
        impair(Impairment.NONE);
    }

    public Impairment impairment()
    {
        return gate.current();
    }

    /** Connections forwarded right now. */
    public int openConnections()
    {
        return connections.size();
    }

    /** Stops listening and closes every connection, both sides. */
    @Override
    public void close()
    {
        closed = true;
        try {
            listener.close();
        }
        catch (IOException e) {
            log.warn("Proxy {}: cannot close its listener: {}", name, e.toString());
        }
        connections.forEach(ProxiedConnection::close);
        try {
            acceptor.join(CONNECT_TIMEOUT);
        }
        catch (InterruptedException _) {
            Thread.currentThread().interrupt();
        }
        log.info("Proxy {} on port {} closed", name, port());
    }

    @Override
    public String toString()
    {
        return "proxy %s %s -> %s".formatted(name, address(), upstream);
    }

    private void accept()
    {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    log.error("Proxy {}: stopped accepting connections", name, e);
                }
                return;
            }
            long id = connectionIds.incrementAndGet();
            // connecting upstream can take long (a paused server): never hold up the next client for it
            Thread.ofVirtual().name("proxy-%s-%d-connect".formatted(name, id)).start(() -> forward(client, id));
        }
    }

    private void forward(Socket client, long id)
    {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, Math.toIntExact(CONNECT_TIMEOUT.toMillis()));
        }
        catch (IOException e) {
            // the client sees its connection end, as it would see the server refuse it
            log.debug("Proxy {}: cannot connect to {}: {}", name, upstream, e.toString());
            ProxiedConnection.closeQuietly(client);
            ProxiedConnection.closeQuietly(server);
            return;
        }
        ProxiedConnection connection = new ProxiedConnection("proxy-%s-%d".formatted(name, id), client, server, gate, connections::remove);
        connections.add(connection);
        connection.start();
        // close() may have gone over the connections before this one was added
        if (closed) {
            connection.close();
        }
    }

    private static InetAddress loopback()
    {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("an IPv4 address of 4 bytes is always valid", e);
        }
    }
}
