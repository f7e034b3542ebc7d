package io.perfweave.agent.stats;

/**
 * When the agent's recent ticks ran, shared by every operation's window so that an operation
 * that was idle at a tick keeps nothing for it. Ticks are told in increasing time order.
 */
final class TickTimes {
    private final long[] times;
    private int next;
    private int size;

    TickTimes(int windowSeconds) {
        // twice the window, so that a window whose ticks ran late still finds its first one
        this.times = new long[2 * windowSeconds + 8];
    }

    synchronized void add(long nanos) {
        times[next] = nanos;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The earliest tick at or after {@code fromNanos}; {@code otherwise} when there is none. */
    synchronized long earliestAtOrAfter(long fromNanos, long otherwise) {
        long earliest = otherwise;
        boolean found = false;
        for (int i = 0; i < size; i++) {
            long t = times[(next - 1 - i + times.length) % times.length];
            if (t - fromNanos < 0) {
                break;
            }
            earliest = t;
            found = true;
        }
        return found ? earliest : otherwise;
    }
}
