package io.sluice.faults.local.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A client's connection through the proxy and the proxy's connection to the upstream server, forwarded both ways
 * by four virtual threads (a reader and a writer per direction), which cost next to nothing while idle. Each side
 * ending its stream is passed on (half-close); the connection closes when both have, or at once when either
 * side fails or resets.
 */
final class ProxiedConnection
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(ProxiedConnection.class);

    private final String name;
    private final Socket client;
    private final Socket upstream;
    private final Consumer<ProxiedConnection> onClose;
    private final List<Thread> threads;
    private final AtomicInteger directionsEnded = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    ProxiedConnection(String name, Socket client, Socket upstream, ImpairmentGate gate, Consumer<ProxiedConnection> onClose)
    {
        this.name = name;
        this.client = client;
        this.upstream = upstream;
        this.onClose = onClose;
        Forwarder toUpstream = new Forwarder(client, upstream, gate);
        Forwarder toClient = new Forwarder(upstream, client, gate);
        this.threads = List.of(
                thread("read-client", toUpstream::read, false),
                thread("write-upstream", toUpstream::write, true),
                thread("read-upstream", toClient::read, false),
                thread("write-client", toClient::write, true));
    }

    void start()
    {
        threads.forEach(Thread::start);
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        closeQuietly(upstream);
        // wakes a thread waiting on its queue or on the gate; one blocked on a socket has just seen it close
        threads.forEach(Thread::interrupt);
        onClose.accept(this);
    }

    private Thread thread(String role, Step step, boolean endsDirection)
    {
        return Thread.ofVirtual().name(name + "-" + role).unstarted(() -> {
            try {
                step.run();
                if (endsDirection && directionsEnded.incrementAndGet() == 2) {
                    close();
                }
            }
            catch (IOException | InterruptedException e) {
                if (!closed.get()) {
                    log.debug("{}: {} ended: {}", name, role, e.toString());
                }
                close();
            }
        });
    }

    static void closeQuietly(Socket socket)
    {
        try {
            socket.close();
        }
        catch (IOException _) {
            // closing anyway; nothing is left to tell the peer
        }
    }

    @FunctionalInterface
    private interface Step
    {
        void run()
                throws IOException, InterruptedException;
    }
}
