package io.perfweave.benchmarks;

import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The measured methods: a few nanoseconds of arithmetic, never inlined into the benchmark so that
 * every variant pays for a real call. {@link #work} and {@link #fail} are left alone;
 * {@link #timedWork}, {@link #timedFail} and {@link #allocationMeasuredWork} are the same code,
 * named in the agent's config (the last with {@code allocation: true}); {@link #timedTaggedWork}
 * is {@link #taggedWork} timed with its argument as a tag exported to Prometheus.
 */
public final class Target {
    /** Thrown without a stack trace, so that throwing allocates nothing in any variant. */
    static final StacklessFailure FAILURE = new StacklessFailure();

    /** An exception without a stack trace: throwing it allocates nothing. */
    static final class StacklessFailure extends RuntimeException {
        StacklessFailure() {
            super("benchmark failure", null, false, false);
        }
    }

    private Target() {
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int work(int x) {
        int r = x;
        for (int i = 0; i < 8; i++) {
            r = r * 31 + (r >>> 7);
        }
        return r;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int timedWork(int x) {
        int r = x;
        for (int i = 0; i < 8; i++) {
            r = r * 31 + (r >>> 7);
        }
        return r;
    }

    /** A timed call with one timed call inside it: what the breakdown counts as a parent and its child. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int timedParent(int x) {
        return timedWork(x) + 1;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int allocationMeasuredWork(int x) {
        int r = x;
        for (int i = 0; i < 8; i++) {
            r = r * 31 + (r >>> 7);
        }
        return r;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int taggedWork(String project) {
        int r = project.length();
        for (int i = 0; i < 8; i++) {
            r = r * 31 + (r >>> 7);
        }
        return r;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int timedTaggedWork(String project) {
        int r = project.length();
        for (int i = 0; i < 8; i++) {
            r = r * 31 + (r >>> 7);
        }
        return r;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int fail(int x) {
        if (x != 0) {
            throw FAILURE;
        }
        return x;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public static int timedFail(int x) {
        if (x != 0) {
            throw FAILURE;
        }
        return x;
    }
}
