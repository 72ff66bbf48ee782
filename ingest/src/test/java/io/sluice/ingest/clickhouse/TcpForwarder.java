package io.sluice.ingest.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback port that forwards each connection to a target port, which may change: a restarted server on a
 * new port stays reachable at the same address for its clients. (The stack refuses to restart a server on
 * its old port while the killed server's connections linger in TIME_WAIT.) When the target is down,
 * connections are accepted and closed at once, as a client of a dead server sees it.
 */
final class TcpForwarder
        implements AutoCloseable
{
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;

    TcpForwarder(int targetPort)
    {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    int port()
    {
        return server.getLocalPort();
    }

    void retarget(int port)
    {
        targetPort = port;
    }

    private void accept()
    {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> connect(client));
            }
            catch (IOException e) {
                // closed
            }
        }
    }

    private void connect(Socket client)
    {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            Thread.ofVirtual().start(() -> pump(upstream, client));
            pump(client, upstream);
        }
        catch (IOException e) {
            close(client);
        }
    }

    private void pump(Socket from, Socket to)
    {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        }
        catch (IOException e) {
            // either side went away
        }
        finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket)
    {
        sockets.remove(socket);
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close()
    {
        try {
            server.close();
        }
        catch (IOException e) {
            // closing
        }
        sockets.forEach(this::close);
    }
}
