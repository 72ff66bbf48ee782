package io.sluice.faults.local.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A plain TCP server on 127.0.0.1 that sends back every byte it receives, and ends its stream when the client does. */
final class EchoServer
        implements AutoCloseable
{
    private final ServerSocket listener;

    EchoServer()
    {
        try {
            listener = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("echo-accept").start(this::accept);
    }

    InetSocketAddress address()
    {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    @Override
    public void close()
            throws IOException
    {
        listener.close();
    }

    private void accept()
    {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("echo").start(() -> echo(socket));
            }
            catch (IOException _) {
                // closed
            }
        }
    }

    private static void echo(Socket socket)
    {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.getInputStream().transferTo(socket.getOutputStream());
            socket.shutdownOutput();
        }
        catch (IOException _) {
            // the client went away
        }
    }
}
