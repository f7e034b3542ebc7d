package io.perfweave.bootstrap;

/**
 * The timed calls made directly inside one operation's calls, frozen: per child operation (by
 * recorder id) its calls and their time, and the operation's calls nested directly in a call of
 * itself, whose time is already part of the enclosing call's. Immutable.
 */
public final class ChildTotals {
    public static final ChildTotals NONE = new ChildTotals(new int[0], new long[0], new long[0], 0, 0);

    private final int[] children;
    private final long[] calls;
    private final long[] nanos;
    /** Calls of the operation made directly inside a call of itself, and their time. */
    public final long nestedCalls;
    public final long nestedNanos;

    ChildTotals(int[] children, long[] calls, long[] nanos, long nestedCalls, long nestedNanos) {
        this.children = children;
        this.calls = calls;
        this.nanos = nanos;
        this.nestedCalls = nestedCalls;
        this.nestedNanos = nestedNanos;
    }

    public int size() {
        return children.length;
    }

    /** The recorder id of the i-th child operation (see {@link Recorders#byId}). */
    public int child(int i) {
        return children[i];
    }

    public long calls(int i) {
        return calls[i];
    }

    public long nanos(int i) {
        return nanos[i];
    }
}
