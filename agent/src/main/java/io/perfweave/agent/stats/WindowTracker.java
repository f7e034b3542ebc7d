package io.perfweave.agent.stats;

import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Totals;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The sliding window of one operation. Writers keep only running totals; once a second the
 * agent's maintenance thread takes the totals and keeps what changed since the previous tick, as
 * a sparse delta (only the buckets that moved). The window is the sum of the deltas of the last
 * {@code windowSeconds} plus what changed since the last tick: exact counts over a period that
 * ends now and starts on a tick, never more than {@code windowSeconds} ago.
 *
 * <p>Memory: one flattened bucket array (about 30 KB) plus one small delta per second of window.
 */
final class WindowTracker {
    private final OperationRecorder recorder;
    private final long windowNanos;
    private final ArrayDeque<Delta> deltas = new ArrayDeque<>();
    private Totals last;
    private long lastTickNanos;

    WindowTracker(OperationRecorder recorder, int windowSeconds, long nowNanos) {
        this.recorder = recorder;
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.last = new Totals();
        this.lastTickNanos = nowNanos;
    }

    /** Called on reset: the window starts empty, now. */
    synchronized void restart(long nowNanos) {
        deltas.clear();
        last = new Totals();
        lastTickNanos = nowNanos;
    }

    synchronized void tick(long nowNanos) {
        Totals current = snapshot(nowNanos);
        deltas.addLast(new Delta(lastTickNanos, nowNanos, last, current));
        last = current;
        lastTickNanos = nowNanos;
        while (!deltas.isEmpty() && deltas.peekFirst().startNanos < nowNanos - windowNanos) {
            deltas.removeFirst();
        }
    }

    /** The window's totals as of now, and (in {@code periodOut[0]}) the seconds it covers. */
    synchronized Totals window(long nowNanos, double[] periodOut) {
        Totals current = snapshot(nowNanos);
        Totals window = new Totals();
        long start = lastTickNanos;
        for (Iterator<Delta> it = deltas.iterator(); it.hasNext(); ) {
            Delta delta = it.next();
            if (delta.startNanos < nowNanos - windowNanos) {
                continue;
            }
            start = Math.min(start, delta.startNanos);
            delta.addTo(window);
        }
        window.count += current.count - last.count;
        window.failures += current.failures - last.failures;
        window.sumNanos += current.sumNanos - last.sumNanos;
        window.failedSumNanos += current.failedSumNanos - last.failedSumNanos;
        window.allocatedBytes += current.allocatedBytes - last.allocatedBytes;
        window.allocationCalls += current.allocationCalls - last.allocationCalls;
        for (int i = 0; i < window.buckets.length; i++) {
            window.buckets[i] += current.buckets[i] - last.buckets[i];
        }
        window.windowMinNanos = current.windowMinNanos;
        window.windowMaxNanos = current.windowMaxNanos;
        if (current.lastError != null && current.lastErrorAtNanos - (nowNanos - windowNanos) >= 0) {
            window.lastError = current.lastError;
            window.lastErrorAtNanos = current.lastErrorAtNanos;
        }
        periodOut[0] = (nowNanos - start) / 1e9;
        return window;
    }

    private Totals snapshot(long nowNanos) {
        Totals totals = new Totals();
        recorder.addTo(totals, oldestSlotId(nowNanos));
        return totals;
    }

    /** The first window slot (see {@code ThreadCell}) that lies wholly inside the window. */
    private long oldestSlotId(long nowNanos) {
        return ((nowNanos - windowNanos) >> io.perfweave.bootstrap.ThreadCell.SLOT_SHIFT) + 1;
    }

    /** What changed between two ticks; buckets kept sparse. */
    private static final class Delta {
        final long startNanos;
        final long count;
        final long failures;
        final long sumNanos;
        final long failedSumNanos;
        final long allocatedBytes;
        final long allocationCalls;
        final int[] indexes;
        final long[] counts;

        Delta(long startNanos, long endNanos, Totals before, Totals after) {
            this.startNanos = startNanos;
            this.count = after.count - before.count;
            this.failures = after.failures - before.failures;
            this.sumNanos = after.sumNanos - before.sumNanos;
            this.failedSumNanos = after.failedSumNanos - before.failedSumNanos;
            this.allocatedBytes = after.allocatedBytes - before.allocatedBytes;
            this.allocationCalls = after.allocationCalls - before.allocationCalls;
            int changed = 0;
            for (int i = 0; i < after.buckets.length; i++) {
                if (after.buckets[i] != before.buckets[i]) {
                    changed++;
                }
            }
            indexes = new int[changed];
            counts = new long[changed];
            int n = 0;
            for (int i = 0; i < after.buckets.length; i++) {
                if (after.buckets[i] != before.buckets[i]) {
                    indexes[n] = i;
                    counts[n++] = after.buckets[i] - before.buckets[i];
                }
            }
        }

        void addTo(Totals window) {
            window.count += count;
            window.failures += failures;
            window.sumNanos += sumNanos;
            window.failedSumNanos += failedSumNanos;
            window.allocatedBytes += allocatedBytes;
            window.allocationCalls += allocationCalls;
            for (int i = 0; i < indexes.length; i++) {
                window.buckets[indexes[i]] += counts[i];
            }
        }
    }
}
