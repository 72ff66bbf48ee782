package io.sluice.faults.local.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One direction of a proxied connection. Without an impairment, {@link #read} writes what it reads straight on, a
 * plain copy loop. Under one, it stamps each chunk with its read time and its random draws and queues it, and
 * {@link #write} writes the chunks in order as the gate lets them go. The bounded queue is the proxy's buffer
 * (like a router's): a reader whose writer is held back stops reading, so TCP's flow control slows the sender.
 */
final class Forwarder
{
    // chunks in flight per direction: under 100 ms of latency a direction still moved 45-55 MiB/s here
    private static final int QUEUE_CHUNKS = 128;
    private static final Chunk END = new Chunk(new byte[0], 0, 0, 1);

    private final Socket from;
    private final Socket to;
    private final ImpairmentGate gate;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    // chunks queued and not yet written: only when there are none may the reader write itself, or it would
    // overtake them
    private final AtomicInteger queued = new AtomicInteger();

    Forwarder(Socket from, Socket to, ImpairmentGate gate)
    {
        this.from = from;
        this.to = to;
        this.gate = gate;
    }

    /** Reads until the end of the stream, which it queues too. */
    void read()
            throws IOException, InterruptedException
    {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[LoopbackProxy.CHUNK_BYTES];
        while (true) {
            int length = in.read(buffer);
            if (length < 0) {
                enqueue(END);
                return;
            }
            if (queued.get() == 0 && gate.current().isNone()) {
                out.write(buffer, 0, length);
                continue;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            enqueue(new Chunk(Arrays.copyOf(buffer, length), System.nanoTime(), random.nextDouble(-1, 1), 1 - random.nextDouble()));
        }
    }

    /** Writes until the end of the stream, then shuts the output down, so the other side sees it end too. */
    void write()
            throws IOException, InterruptedException
    {
        OutputStream out = to.getOutputStream();
        while (true) {
            Chunk chunk = queue.take();
            if (chunk == END) {
                to.shutdownOutput();
                return;
            }
            gate.awaitRelease(chunk.readAtNanos(), chunk.jitterDraw(), chunk.lossDraw());
            out.write(chunk.bytes());
            queued.decrementAndGet();
        }
    }

    private void enqueue(Chunk chunk)
            throws InterruptedException
    {
        queued.incrementAndGet();
        queue.put(chunk);
    }

    /**
     * @param jitterDraw in [-1, 1]: where in the jitter range this chunk's latency falls
     * @param lossDraw in (0, 1]: how often this chunk is lost in a row, see {@link Impairment#holdNanos}
     */
    private record Chunk(byte[] bytes, long readAtNanos, double jitterDraw, double lossDraw) {}
}
