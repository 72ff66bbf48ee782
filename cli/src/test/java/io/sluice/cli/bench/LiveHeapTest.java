package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveHeapTest
{
    private static final int MB = 1 << 20;
    private static final int RETAINED = 64 * MB;

    @Test
    void seesWhatIsStillReferencedAfterACollectionButNotGarbage()
    {
        try (LiveHeap liveHeap = new LiveHeap()) {
            liveHeap.reset();
            long start = liveHeap.peakBytes();

            // 1 GB of short-lived garbage in chunks well below a G1 region, so young collections run and free it
            long sink = 0;
            for (int i = 0; i < 4096; i++) {
                byte[] garbage = new byte[256 * 1024];
                garbage[i % garbage.length] = 1;
                sink += garbage.length;
            }
            assertThat(sink).isEqualTo(1L << 30);
            byte[] retained = new byte[RETAINED];
            System.gc();
            // collections are notified in order: once this one is seen, so were the garbage's
            await().atMost(Duration.ofSeconds(30)).until(() -> liveHeap.peakBytes() >= start + RETAINED);

            assertThat(liveHeap.peakBytes()).isLessThan(start + RETAINED + 32L * MB);
            Reference.reachabilityFence(retained);
        }
    }

    @Test
    void resetForgetsWhatWasReleased()
    {
        try (LiveHeap liveHeap = new LiveHeap()) {
            liveHeap.reset();
            long start = liveHeap.peakBytes();
            byte[] retained = new byte[RETAINED];
            System.gc();
            await().atMost(Duration.ofSeconds(30)).until(() -> liveHeap.peakBytes() >= start + RETAINED);
            Reference.reachabilityFence(retained);
            retained = null;

            liveHeap.reset();

            assertThat(liveHeap.peakBytes()).isLessThan(start + RETAINED / 2);
        }
    }
}
