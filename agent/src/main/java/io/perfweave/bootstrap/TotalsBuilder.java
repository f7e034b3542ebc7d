package io.perfweave.bootstrap;

/**
 * The mutable sum a reader builds over an operation's cells, then freezes into {@link Totals}.
 * One reader thread uses it at a time; {@link #clear()} readies it for the next operation and
 * keeps its bucket chunks, so reading many operations allocates little beyond the results.
 */
public final class TotalsBuilder {
    long count;
    long failures;
    long sumNanos;
    long failedSumNanos;
    long minNanos;
    long maxNanos;
    long windowMinNanos;
    long windowMaxNanos;
    long allocatedBytes;
    long allocationCalls;
    ErrorRecord lastError;
    final ChunkedCounts buckets = new ChunkedCounts();
    final ChildSums children = new ChildSums();

    public TotalsBuilder() {
        clear();
    }

    public TotalsBuilder clear() {
        count = 0;
        failures = 0;
        sumNanos = 0;
        failedSumNanos = 0;
        minNanos = Long.MAX_VALUE;
        maxNanos = 0;
        windowMinNanos = Long.MAX_VALUE;
        windowMaxNanos = 0;
        allocatedBytes = 0;
        allocationCalls = 0;
        lastError = null;
        buckets.clear();
        children.clear();
        return this;
    }

    public Totals build() {
        return new Totals(count, failures, sumNanos, failedSumNanos, minNanos, maxNanos, windowMinNanos,
                windowMaxNanos, allocatedBytes, allocationCalls, lastError, buckets.toBucketCounts(), children.build());
    }
}
