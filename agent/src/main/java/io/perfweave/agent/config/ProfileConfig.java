package io.perfweave.agent.config;


/**
 * An operation's {@code profile}: while one of its calls has run longer than
 * {@code slower_than_ms}, its thread's stack is sampled (at {@code profiling.interval_ms}) into the
 * operation's profile of slow calls.
 *
 * @param slowerThanMs how long a call runs before it is sampled, in milliseconds (more than 0)
 */
public record ProfileConfig(Double slowerThanMs) {
    /** An hour: a call slower than that is sampled, but a threshold beyond it is surely a typo. */
    private static final double MAX_MS = 3_600_000;

    public ProfileConfig {
        if (slowerThanMs == null) {
            throw new IllegalArgumentException("profile needs slower_than_ms: how long a call runs before its stack is sampled, in ms");
        }
        if (!(slowerThanMs > 0 && slowerThanMs <= MAX_MS)) {
            throw new IllegalArgumentException("slower_than_ms of a profile must be more than 0 and at most "
                    + (long) MAX_MS + " (an hour), was " + slowerThanMs);
        }
    }

    /** The threshold in nanoseconds, as the sampler compares it with a call's age. */
    public long slowerThanNanos() {
        return (long) (slowerThanMs * 1_000_000);
    }
}
