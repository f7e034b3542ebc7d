package io.perfweave.agent.profile;

import java.util.function.LongSupplier;

/**
 * Keeps the sampler's CPU time under {@link #SHARE} of one core whatever the number of slow calls:
 * time is earned at that share of the clock (up to {@link #BURST_NANOS} saved up), and everything
 * the sampler's thread uses is spent, its waking and looking as well as the stacks it takes. While
 * the balance is negative no stack is taken, and the sampler sleeps until it is even again.
 *
 * <p>CPU time rather than wall time: on a busy machine, or on JDK 17 where another thread's stack is
 * taken at a safepoint run by the VM's own thread, the sampler mostly waits for its stack, which
 * costs no CPU, and the application's threads stop only for the short safepoint itself.
 */
final class SamplingBudget {
    /** 1.5 % of a core, under the 2 % that profiling may cost. */
    static final double SHARE = 0.015;
    static final long BURST_NANOS = 20_000_000;

    private final LongSupplier cpuClock;
    private long balance = BURST_NANOS;
    private long settledWall;
    private long settledCpu;
    /** CPU at the end of the last look that took stacks, and what such a look, with the wake before it, usually uses. */
    private long lookEndedCpu;
    private long typicalLook;

    /**
     * @param cpuClock the CPU time of the thread that samples (the one calling {@link #owed} and {@link #rest})
     */
    SamplingBudget(LongSupplier cpuClock, long now) {
        this.cpuClock = cpuClock;
        settledWall = now;
        settledCpu = cpuClock.getAsLong();
        lookEndedCpu = settledCpu;
    }

    /**
     * Settles what was earned and used since the last call.
     *
     * @return 0 when a stack may be taken now, else how long until the balance is even again
     */
    long owed(long now) {
        settle(now, cpuClock.getAsLong());
        return balance >= 0 ? 0 : (long) (-balance / SHARE);
    }

    /**
     * Settles at the end of a look at slow calls, and answers how long to rest before the next
     * one: 0 while saved-up time remains, else until the balance pays the debt and one more look
     * like the recent ones. Waking costs CPU too (on a virtual machine, about as much as taking a
     * stack), so a sampler short of time sleeps rather than waking to find it has none.
     */
    long rest(long now) {
        long cpu = cpuClock.getAsLong();
        settle(now, cpu);
        long used = cpu - lookEndedCpu;
        lookEndedCpu = cpu;
        typicalLook = typicalLook == 0 ? used : typicalLook + (used - typicalLook) / 8;
        return balance >= 0 ? 0 : (long) ((typicalLook - balance) / SHARE);
    }

    private void settle(long now, long cpu) {
        balance = Math.min(BURST_NANOS, balance + (long) ((now - settledWall) * SHARE) - (cpu - settledCpu));
        settledWall = now;
        settledCpu = cpu;
    }
}
