package io.perfweave.agent.config;


/**
 * How the slow calls of operations with a {@code profile} are sampled.
 *
 * @param intervalMs how often a slow call's thread stack is taken, in milliseconds (1..1000, default 10)
 * @param maxStacks distinct stacks kept per operation (1..100000, default 2000); samples of further
 *                  new stacks are counted together under {@code [other]}, so that memory stays
 *                  bounded and no sample is lost
 */
public record ProfilingConfig(Integer intervalMs,
                              Integer maxStacks) {
    public static final ProfilingConfig DEFAULT = new ProfilingConfig(null, null);

    public ProfilingConfig {
        intervalMs = intervalMs == null ? 10 : intervalMs;
        if (intervalMs < 1 || intervalMs > 1000) {
            throw new IllegalArgumentException("interval_ms of profiling must be between 1 and 1000, was " + intervalMs);
        }
        maxStacks = maxStacks == null ? 2000 : maxStacks;
        if (maxStacks < 1 || maxStacks > 100_000) {
            throw new IllegalArgumentException("max_stacks of profiling must be between 1 and 100000, was " + maxStacks);
        }
    }
}
