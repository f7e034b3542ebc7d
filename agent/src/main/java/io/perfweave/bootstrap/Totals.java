package io.perfweave.bootstrap;

/**
 * The sum of every thread's cells for one operation at one moment: the raw material of a summary.
 * A mutable accumulator owned by the reader that fills it.
 */
public final class Totals {
    /** Successful calls; durations, min, max and buckets describe these. */
    public long count;
    public long failures;
    public long sumNanos;
    public long failedSumNanos;
    public long minNanos = Long.MAX_VALUE;
    public long maxNanos;
    /** Min and max over the window slots asked for; MAX_VALUE / 0 when none. */
    public long windowMinNanos = Long.MAX_VALUE;
    public long windowMaxNanos;
    public Throwable lastError;
    /** {@code System.nanoTime()} when the last error happened. */
    public long lastErrorAtNanos = Long.MIN_VALUE;
    /** Bytes allocated during the calls whose allocation was measured, and how many calls those were. */
    public long allocatedBytes;
    public long allocationCalls;
    /** Counts per bucket of {@link DurationBuckets}. */
    public final long[] buckets = new long[DurationBuckets.BUCKETS];
}
