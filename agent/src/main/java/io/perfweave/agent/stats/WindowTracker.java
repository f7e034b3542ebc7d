package io.perfweave.agent.stats;

import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.Cell;
import io.perfweave.bootstrap.ChunkedCounts;
import io.perfweave.bootstrap.ErrorRecord;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Totals;

import java.util.ArrayDeque;

/**
 * The sliding window of one operation. Writers keep only running totals; at a tick of the
 * agent's maintenance thread an operation whose call count moved is read, and what changed since
 * its previous reading is kept as a sparse delta (only the buckets that moved). The tick looks only
 * at operations that recorded calls or still hold deltas (see {@link Statistics#tick}); an
 * operation that did nothing keeps nothing. The window is the sum of the deltas that began inside
 * it plus what changed since the last reading: exact counts over a period that ends now and starts
 * on a tick, never more than {@code windowSeconds} ago.
 *
 * <p>Memory: the last reading (sparse) and one delta per tick at which the operation had calls.
 */
final class WindowTracker {
    /** Each reading thread's scratch histogram, so that reading thousands of windows allocates only their results. */
    private static final ThreadLocal<ChunkedCounts> SCRATCH = ThreadLocal.withInitial(ChunkedCounts::new);

    private final OperationRecorder recorder;
    private final long windowNanos;
    /** Created by the first delta: an operation that was never called keeps none. */
    private ArrayDeque<Delta> deltas;
    private Totals last = Totals.EMPTY;
    /** {@link OperationRecorder#callsSeen()} when {@link #last} was read; -1 forces a reading. */
    private long lastCalls;
    private long lastTickNanos;
    private long startedNanos;

    WindowTracker(OperationRecorder recorder, int windowSeconds, long nowNanos) {
        this.recorder = recorder;
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.lastTickNanos = nowNanos;
        this.startedNanos = nowNanos;
    }

    /** Called on reset: the window starts empty, now. */
    synchronized void restart(long nowNanos) {
        deltas = null;
        last = Totals.EMPTY;
        lastCalls = -1;
        lastTickNanos = nowNanos;
        startedNanos = nowNanos;
    }

    /** What a {@link #tick} did: no change, one or more deltas left the window, a delta was added. */
    static final int UNCHANGED = 0;
    static final int RETIRED = 1;
    static final int ADDED = 2;

    /**
     * Retires the deltas that left the window and, when calls were recorded since the last
     * reading, reads the operation and keeps what changed as a delta.
     *
     * @param previousTickNanos when the tick before this one ran: a tracker that it did not look
     *        at had no calls up to then, so what changed since its last reading began after it
     * @return {@link #RETIRED} and {@link #ADDED}, or'ed, or {@link #UNCHANGED}
     */
    synchronized int tick(long nowNanos, long previousTickNanos) {
        if (lastTickNanos - previousTickNanos < 0) {
            lastTickNanos = previousTickNanos;
        }
        if (deltas == null) {
            long calls = recorder.callsSeen();
            if (calls == lastCalls) {
                lastTickNanos = nowNanos;
                return UNCHANGED; // idle and holding nothing: the common case with a broad selection
            }
        }
        int changed = UNCHANGED;
        while (deltas != null && !deltas.isEmpty() && deltas.peekFirst().startNanos - (nowNanos - windowNanos) < 0) {
            deltas.removeFirst();
            changed = RETIRED;
            if (deltas.isEmpty()) {
                deltas = null; // an operation that went idle keeps nothing
            }
        }
        long calls = recorder.callsSeen();
        if (calls != lastCalls) {
            Totals current = read(nowNanos);
            Delta delta = new Delta(lastTickNanos, last, current);
            if (!delta.isEmpty()) {
                if (deltas == null) {
                    deltas = new ArrayDeque<>(4);
                }
                deltas.addLast(delta);
                changed |= ADDED;
            }
            last = current;
            lastCalls = calls;
        }
        lastTickNanos = nowNanos;
        return changed;
    }

    /** When the newest delta began: the window no longer holds it from {@code windowSeconds} later. */
    synchronized long newestDeltaStart() {
        return deltas == null ? Long.MIN_VALUE : deltas.peekLast().startNanos;
    }

    /** Since-start totals as of now, with the window's min and max. */
    Totals read(long nowNanos) {
        return Statistics.read(recorder, oldestSlotId(nowNanos));
    }

    /**
     * The window's totals, given {@code current} (a {@link #read} taken now), and in
     * {@code periodOut[0]} the seconds it covers.
     */
    synchronized Totals window(Totals current, long nowNanos, TickTimes ticks, double[] periodOut) {
        long from = nowNanos - windowNanos;
        ChunkedCounts buckets = SCRATCH.get();
        buckets.clear();
        long[] sums = new long[Delta.SUMS];
        for (Delta delta : deltas == null ? java.util.List.<Delta>of() : deltas) {
            if (delta.startNanos - from >= 0) {
                delta.addTo(sums, buckets);
            }
        }
        new Delta(lastTickNanos, last, current).addTo(sums, buckets);
        ErrorRecord error = current.lastError != null && current.lastError.atNanos - from >= 0 ? current.lastError : null;
        long start = Math.max(startedNanos, ticks.earliestAtOrAfter(from, lastTickNanos));
        periodOut[0] = Math.max(0, nowNanos - start) / 1e9;
        return new Totals(sums[0], sums[1], sums[2], sums[3], current.windowMinNanos, current.windowMaxNanos,
                current.windowMinNanos, current.windowMaxNanos, sums[4], sums[5], error, buckets.toBucketCounts());
    }

    /** The first window slot (see {@link Cell}) that lies wholly inside the window. */
    private long oldestSlotId(long nowNanos) {
        return ((nowNanos - windowNanos) >> Cell.SLOT_SHIFT) + 1;
    }

    OperationRecorder recorder() {
        return recorder;
    }

    /** Deltas this window keeps now. */
    synchronized int deltasKept() {
        return deltas == null ? 0 : deltas.size();
    }

    /** What changed between two readings; buckets kept sparse. */
    private static final class Delta {
        /** Sums a delta adds: count, failures, sum, failed sum, allocated bytes, allocation calls. */
        static final int SUMS = 6;
        final long startNanos;
        final long count;
        final long failures;
        final long sumNanos;
        final long failedSumNanos;
        final long allocatedBytes;
        final long allocationCalls;
        final BucketCounts buckets;

        Delta(long startNanos, Totals before, Totals after) {
            this.startNanos = startNanos;
            this.count = after.count - before.count;
            this.failures = after.failures - before.failures;
            this.sumNanos = after.sumNanos - before.sumNanos;
            this.failedSumNanos = after.failedSumNanos - before.failedSumNanos;
            this.allocatedBytes = after.allocatedBytes - before.allocatedBytes;
            this.allocationCalls = after.allocationCalls - before.allocationCalls;
            this.buckets = after.buckets.minus(before.buckets);
        }

        void addTo(long[] sums, ChunkedCounts into) {
            sums[0] += count;
            sums[1] += failures;
            sums[2] += sumNanos;
            sums[3] += failedSumNanos;
            sums[4] += allocatedBytes;
            sums[5] += allocationCalls;
            buckets.addTo(into);
        }

        boolean isEmpty() {
            return count == 0 && failures == 0;
        }
    }
}
