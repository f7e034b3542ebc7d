package io.perfweave.agent.judge;

import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.OperationThresholds;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.Totals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds, at each check, the calls that took longer than their operation's {@code slow_call_ms}
 * since the previous check, from the duration histogram: the timed calls do no extra work for it.
 * A call counts as slow when its histogram bucket's midpoint is above the limit, so the count is
 * exact but for calls within 0.8 % of the limit. Kept per watched operation: the bucket counts
 * above its limit at the previous check.
 */
final class SlowCallWatch {
    private final Map<String, Tail> tails = new HashMap<>();

    /** Where the slow calls found at a check go: a JFR event each. */
    @FunctionalInterface
    interface Sink {
        void slowCalls(String operation, double limitMs, long calls, double slowestMs, double periodSeconds);
    }

    /** Tells {@code sink} of each operation that had slow calls since the previous check. */
    void check(Statistics statistics, Sink sink) {
        long now = System.nanoTime();
        Set<String> watched = new HashSet<>();
        for (OperationCatalog.Operation operation : statistics.catalog().all()) {
            OperationConfig rule = operation.rule(); // null when a reload removed it meanwhile
            OperationThresholds thresholds = rule == null ? null : rule.thresholds();
            if (thresholds == null || thresholds.slowCallMs() == null) {
                continue;
            }
            watched.add(operation.name());
            double limitMs = thresholds.slowCallMs();
            Totals totals = statistics.totals(operation.recorder());
            int first = firstSlowBucket(limitMs * 1e6);
            Tail before = tails.get(operation.name());
            Tail after = new Tail(first, totals.buckets, now);
            tails.put(operation.name(), after);
            if (before == null || before.first != first) {
                continue; // a new watch (or a new limit): this check only sets the starting point
            }
            int slowest = -1;
            long calls = 0;
            boolean reset = false;
            for (int i = 0; i < after.counts.length; i++) {
                long grown = after.counts[i] - before.counts[i];
                if (grown < 0) {
                    reset = true;
                    break;
                }
            }
            for (int i = after.counts.length - 1; i >= 0; i--) {
                long grown = after.counts[i] - (reset ? 0 : before.counts[i]);
                if (grown > 0) {
                    calls += grown;
                    slowest = slowest < 0 ? i : slowest;
                }
            }
            if (calls > 0) {
                double slowestMs = Math.min(DurationBuckets.midpoint(first + slowest), totals.maxNanos) / 1e6;
                sink.slowCalls(operation.name(), limitMs, calls, slowestMs, (now - before.atNanos) / 1e9);
            }
        }
        tails.keySet().retainAll(watched);
    }

    /** The first bucket whose midpoint is above {@code limitNanos}. */
    static int firstSlowBucket(double limitNanos) {
        int index = DurationBuckets.index((long) Math.min(limitNanos, Long.MAX_VALUE / 2));
        while (index < DurationBuckets.BUCKETS && DurationBuckets.midpoint(index) <= limitNanos) {
            index++;
        }
        return index;
    }

    /** The bucket counts from {@code first} on, at one check. */
    private static final class Tail {
        final int first;
        final long[] counts;
        final long atNanos;

        Tail(int first, BucketCounts buckets, long atNanos) {
            this.first = first;
            this.counts = new long[Math.max(0, DurationBuckets.BUCKETS - first)];
            for (int i = 0; i < buckets.size(); i++) {
                if (buckets.index(i) >= first) {
                    counts[buckets.index(i) - first] = buckets.count(i);
                }
            }
            this.atNanos = atNanos;
        }
    }
}
