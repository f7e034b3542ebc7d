package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The calls of one operation made directly inside the calls of another (its parent), as one cell
 * of the parent recorded them: how many, and their time. Written as its cell is (plain stores by
 * the owner of an owned cell, atomic adds on a shared one).
 */
final class ChildTime {
    private static final VarHandle CALLS;
    private static final VarHandle NANOS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CALLS = lookup.findVarHandle(ChildTime.class, "calls", long.class);
            NANOS = lookup.findVarHandle(ChildTime.class, "nanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The child operation's recorder id. */
    final int child;
    private long calls;
    private long nanos;

    ChildTime(int child) {
        this.child = child;
    }

    void addOwned(long callNanos) {
        CALLS.setOpaque(this, calls + 1);
        NANOS.setOpaque(this, nanos + callNanos);
    }

    void addShared(long callNanos) {
        CALLS.getAndAdd(this, 1L);
        NANOS.getAndAdd(this, callNanos);
    }

    /** Adds a whole count, by the one thread that folds cells. */
    void absorb(long moreCalls, long moreNanos) {
        CALLS.setOpaque(this, calls + moreCalls);
        NANOS.setOpaque(this, nanos + moreNanos);
    }

    long calls() {
        return (long) CALLS.getOpaque(this);
    }

    long nanos() {
        return (long) NANOS.getOpaque(this);
    }
}
