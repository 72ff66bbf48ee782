package io.sluice.faults.local.proxy;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link LoopbackProxy} does to the bytes it forwards, in each direction on its own.
 * <ul>
 *   <li>{@code latency}: every chunk read from one side is written to the other this much later, give or take up to
 *   {@code jitter} (uniformly). Chunks are timed from when they were read, not one after the other, so a delay
 *   costs latency, not throughput (like netem's).</li>
 *   <li>{@code lossPercent}: TCP never hands a lost segment's loss to the application, it retransmits; what the
 *   application sees is a stall. So each chunk counts as lost with this probability and is then held back for a
 *   {@link #RETRANSMISSION_TIMEOUT}; a retransmission is lost again with the same probability, each time doubling
 *   the timeout (TCP's backoff), up to {@value #MAX_RETRANSMISSIONS} times. The chunks behind a held chunk wait
 *   for it (head-of-line blocking), no byte is dropped, reordered or corrupted. At 100 % nothing passes until the
 *   impairment changes.</li>
 * </ul>
 * A chunk is what one read returned (up to {@value LoopbackProxy#CHUNK_BYTES} bytes), not a segment, so a large
 * transfer sees fewer stalls than the same loss on the wire would cause.
 */
public record Impairment(Duration latency, Duration jitter, int lossPercent)
{
    /** Forward at full speed. */
    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0);
    /** The first stall a lost chunk causes: Linux's minimum retransmission timeout ({@code TCP_RTO_MIN}). */
    public static final Duration RETRANSMISSION_TIMEOUT = Duration.ofMillis(200);
    /** How often one chunk is lost in a row at most: a stall stays under 63 retransmission timeouts. */
    public static final int MAX_RETRANSMISSIONS = 6;

    public Impairment
    {
        requireNonNull(latency, "latency is null");
        requireNonNull(jitter, "jitter is null");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("impairment latency %s and jitter %s must not be negative".formatted(latency, jitter));
        }
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("impairment loss must be 0 to 100 percent: " + lossPercent);
        }
    }

    /** Latency alone, added in each direction. */
    public static Impairment delay(Duration latency, Duration jitter)
    {
        return new Impairment(latency, jitter, 0);
    }

    /** Loss alone. */
    public static Impairment loss(int percent)
    {
        return new Impairment(Duration.ZERO, Duration.ZERO, percent);
    }

    public boolean isNone()
    {
        return equals(NONE);
    }

    /**
     * How long after it was read a chunk is written, for a chunk that drew {@code jitterDraw} in [-1, 1] and
     * {@code lossDraw} in (0, 1]; {@link Long#MAX_VALUE} when it waits for the impairment to change. The draws are
     * the chunk's own, so a chunk held back is let go as soon as the impairment is lifted.
     */
    long holdNanos(double jitterDraw, double lossDraw)
    {
        long delay = Math.max(0, latency.toNanos() + Math.round(jitterDraw * jitter.toNanos()));
        if (lossPercent == 0) {
            return delay;
        }
        if (lossPercent == 100) {
            return Long.MAX_VALUE;
        }
        // lost k times in a row with probability p^k: lossDraw <= p^k <=> k <= ln(lossDraw) / ln(p)
        double perTransmission = lossPercent / 100.0;
        int losses = (int) Math.min(MAX_RETRANSMISSIONS, Math.floor(Math.log(lossDraw) / Math.log(perTransmission)));
        return delay + RETRANSMISSION_TIMEOUT.toNanos() * ((1L << losses) - 1);
    }
}
