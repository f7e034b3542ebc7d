package io.perfweave.bootstrap;

import java.util.Arrays;

/**
 * The mutable sum of an operation's {@link ChildTimes} over its cells, which a reader freezes
 * into {@link ChildTotals}. One reader thread uses it at a time.
 */
final class ChildSums {
    private int size;
    private int[] children = new int[4];
    private long[] calls = new long[4];
    private long[] nanos = new long[4];
    long nestedCalls;
    long nestedNanos;

    void add(int child, long moreCalls, long moreNanos) {
        for (int i = 0; i < size; i++) {
            if (children[i] == child) {
                calls[i] += moreCalls;
                nanos[i] += moreNanos;
                return;
            }
        }
        if (size == children.length) {
            children = Arrays.copyOf(children, size * 2);
            calls = Arrays.copyOf(calls, size * 2);
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        children[size] = child;
        calls[size] = moreCalls;
        nanos[size] = moreNanos;
        size++;
    }

    void clear() {
        size = 0;
        nestedCalls = 0;
        nestedNanos = 0;
    }

    ChildTotals build() {
        if (size == 0 && nestedCalls == 0) {
            return ChildTotals.NONE;
        }
        return new ChildTotals(Arrays.copyOf(children, size), Arrays.copyOf(calls, size), Arrays.copyOf(nanos, size),
                nestedCalls, nestedNanos);
    }
}
