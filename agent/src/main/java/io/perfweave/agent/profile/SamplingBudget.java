package io.perfweave.agent.profile;

/**
 * Keeps the time spent taking stacks under a share of the time that passes, whatever the number of
 * slow calls: time is earned at {@link #SHARE} of the clock (up to {@link #BURST_NANOS} saved up)
 * and each stack taken spends what it took. When nothing is left, stacks are skipped (and counted)
 * until enough is earned again. Wall time, not CPU time: taking another thread's stack makes that
 * thread (and on JDK 17 every thread, at a safepoint) wait, which is a cost to the host as well.
 */
final class SamplingBudget {
    /** 1.5 % of the time, below the 2 % of one core that profiling may cost. */
    static final double SHARE = 0.015;
    static final long BURST_NANOS = 20_000_000;

    private long available = BURST_NANOS;
    private long earnedUntil;

    SamplingBudget(long now) {
        earnedUntil = now;
    }

    /** Whether a stack may be taken now. */
    boolean allows(long now) {
        available = Math.min(BURST_NANOS, available + (long) ((now - earnedUntil) * SHARE));
        earnedUntil = now;
        return available > 0;
    }

    /** Spends what taking a stack took. */
    void spend(long nanos) {
        available -= nanos;
    }
}
