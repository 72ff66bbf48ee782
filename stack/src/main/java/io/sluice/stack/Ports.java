package io.sluice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

/** Loopback ports for the servers of the stack. */
public final class Ports {
    private Ports() {}

    /** A port that is free on 127.0.0.1 now; the caller's server binds it shortly after. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /**
     * Checks that a port the user asked for is free on 127.0.0.1.
     *
     * @throws StackException naming the port, the server and the option that chooses another
     */
    public static int requireFree(int port, String server) {
        if (port < 1 || port > 65535) {
            throw new StackException("port %d (%s) is not a valid port; choose one in 1-65535 with --%s-port"
                    .formatted(port, server, server));
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return port;
        } catch (IOException e) {
            throw new StackException("port %d (%s) is already in use; choose another with --%s-port or stop what holds it"
                    .formatted(port, server, server));
        }
    }

    /** The port the user fixed if any (checked free), else a free one. */
    public static int fixedOrFree(OptionalInt fixed, String server) {
        return fixed.isPresent() ? requireFree(fixed.getAsInt(), server) : freeLoopbackPort();
    }
}
