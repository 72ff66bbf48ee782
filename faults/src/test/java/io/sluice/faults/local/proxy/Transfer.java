package io.sluice.faults.local.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * Random bytes sent to an echo server while what comes back is read at the same time, with CRC-32C checksums of
 * both: a transfer is exact when they and the byte counts match. Both are cheap (SplittableRandom, the CRC
 * intrinsic), so a throughput figure is the network path's, not the test's.
 */
record Transfer(long bytes, long sentChecksum, long receivedBytes, long receivedChecksum, long elapsedNanos)
{
    private static final int WRITE_BYTES = 64 * 1024;

    static Transfer through(InetSocketAddress address, long bytes, long seed)
    {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address);
            long start = System.nanoTime();
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> send(socket, bytes, seed), Transfer::virtual);
            CRC32C received = new CRC32C();
            long receivedBytes = 0;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[WRITE_BYTES];
            int length;
            while ((length = in.read(buffer)) >= 0) {
                received.update(buffer, 0, length);
                receivedBytes += length;
            }
            long elapsed = System.nanoTime() - start;
            return new Transfer(bytes, sent.join(), receivedBytes, received.getValue(), elapsed);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exact()
    {
        return receivedBytes == bytes && receivedChecksum == sentChecksum;
    }

    /** Both ways together, in MiB/s. */
    double mibPerSecond()
    {
        return 2.0 * bytes / (1 << 20) / (elapsedNanos / 1e9);
    }

    private static long send(Socket socket, long bytes, long seed)
    {
        SplittableRandom random = new SplittableRandom(seed);
        CRC32C checksum = new CRC32C();
        byte[] buffer = new byte[WRITE_BYTES];
        try {
            OutputStream out = socket.getOutputStream();
            for (long left = bytes; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                int length = (int) Math.min(left, buffer.length);
                checksum.update(buffer, 0, length);
                out.write(buffer, 0, length);
            }
            socket.shutdownOutput();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checksum.getValue();
    }

    private static void virtual(Runnable task)
    {
        Thread.ofVirtual().name("transfer-send").start(task);
    }
}
