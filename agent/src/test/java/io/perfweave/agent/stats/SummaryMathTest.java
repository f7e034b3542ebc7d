package io.perfweave.agent.stats;

import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.ErrorRecord;
import io.perfweave.bootstrap.Totals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SummaryMathTest {
    private static Totals of(long... nanos) {
        return withFailures(0, null, nanos);
    }

    private static Totals withFailures(long failures, ErrorRecord lastError, long... nanos) {
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long[] buckets = new long[DurationBuckets.BUCKETS];
        for (long value : nanos) {
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            buckets[DurationBuckets.index(value)]++;
        }
        return new Totals(nanos.length, failures, sum, 0, min, max, min, max, 0, 0, lastError,
                BucketCounts.ofDense(buckets));
    }

    @Test
    void anOperationWithoutCallsReportsZeros() {
        Summary summary = SummaryMath.summarize("idle", Totals.EMPTY, 10, false);
        assertEquals(0, summary.totalCalls());
        assertEquals(0, summary.avgDurationMs());
        assertEquals(0, summary.minDurationMs());
        assertEquals(0, summary.maxDurationMs());
        assertEquals(0, summary.p99Ms());
        assertEquals(0, summary.successRate());
        assertNull(summary.lastError());
    }

    @Test
    void countsAverageMinAndMaxAreExact() {
        Totals totals = withFailures(1, ErrorRecord.of(new IllegalStateException("x".repeat(2000)), System.nanoTime()),
                1_000_000, 2_000_000, 3_000_000, 10_000_000);
        Summary summary = SummaryMath.summarize("op", totals, 2, false);
        assertEquals(5, summary.totalCalls());
        assertEquals(4, summary.successfulCalls());
        assertEquals(1, summary.failedCalls());
        assertEquals(4.0, summary.avgDurationMs(), 1e-12);
        assertEquals(1.0, summary.minDurationMs(), 1e-12);
        assertEquals(10.0, summary.maxDurationMs(), 1e-12);
        assertEquals(80.0, summary.successRate(), 1e-12);
        assertEquals(2.5, summary.callsPerSecond(), 1e-12);
        assertEquals("java.lang.IllegalStateException", summary.lastError().type());
        assertEquals(SummaryMath.MAX_MESSAGE + 3, summary.lastError().message().length());
    }

    @Test
    void percentilesAreWithinTheStatedPrecision() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i + 1) * 10_000L; // 0.01 ms .. 10 ms
        }
        Summary summary = SummaryMath.summarize("op", of(values), 1, false);
        assertEquals(5.0, summary.p50Ms(), 5.0 * DurationBuckets.RELATIVE_PRECISION);
        assertEquals(9.5, summary.p95Ms(), 9.5 * DurationBuckets.RELATIVE_PRECISION);
        assertEquals(9.9, summary.p99Ms(), 9.9 * DurationBuckets.RELATIVE_PRECISION);
        double exactStddev = 2.886_749; // of 0.01..10 ms in steps of 0.01 ms
        assertEquals(exactStddev, summary.stddevMs(), exactStddev * 0.01);
    }

    @Test
    void aSingleValueIsReportedExactly() {
        Summary summary = SummaryMath.summarize("op", of(1_234_567), 1, false);
        assertEquals(1.234567, summary.p50Ms(), 1e-12);
        assertEquals(1.234567, summary.p99Ms(), 1e-12);
    }

    @Test
    void prometheusBucketCountsAreCumulative() {
        Totals totals = of(500_000, 1_500_000, 1_500_000, 20_000_000);
        assertEquals(1, SummaryMath.countAtOrBelow(totals.buckets, 1_000_000));
        assertEquals(3, SummaryMath.countAtOrBelow(totals.buckets, 5_000_000));
        assertEquals(4, SummaryMath.countAtOrBelow(totals.buckets, 1e12));
    }
}
