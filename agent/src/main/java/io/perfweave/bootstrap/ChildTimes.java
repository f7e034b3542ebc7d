package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * What one cell of an operation knows about the timed calls made directly inside its calls: one
 * {@link ChildTime} per child operation seen, and the calls of the operation nested directly in a
 * call of itself (recursion), whose time is already part of the enclosing call's. Created by the
 * first such call: an operation that never encloses another keeps none.
 *
 * <p>Finding a child's entry is a scan of a short array; adding one (once per cell and child)
 * takes this object's lock and replaces the array, keeping the entries, so a writer still holding
 * the old array loses nothing.
 */
final class ChildTimes {
    private static final ChildTime[] NONE = new ChildTime[0];
    private static final VarHandle NESTED_CALLS;
    private static final VarHandle NESTED_NANOS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NESTED_CALLS = lookup.findVarHandle(ChildTimes.class, "nestedCalls", long.class);
            NESTED_NANOS = lookup.findVarHandle(ChildTimes.class, "nestedNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile ChildTime[] children = NONE;
    private long nestedCalls;
    private long nestedNanos;

    ChildTime of(int child) {
        ChildTime[] known = children;
        for (ChildTime entry : known) {
            if (entry.child == child) {
                return entry;
            }
        }
        return add(child);
    }

    private synchronized ChildTime add(int child) {
        ChildTime[] known = children;
        for (ChildTime entry : known) {
            if (entry.child == child) {
                return entry;
            }
        }
        ChildTime entry = new ChildTime(child);
        ChildTime[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = entry;
        children = grown;
        return entry;
    }

    void nestedInItself(long nanos, boolean shared) {
        if (shared) {
            NESTED_CALLS.getAndAdd(this, 1L);
            NESTED_NANOS.getAndAdd(this, nanos);
        } else {
            NESTED_CALLS.setOpaque(this, nestedCalls + 1);
            NESTED_NANOS.setOpaque(this, nestedNanos + nanos);
        }
    }

    /** Folds another cell's child times into these; by the one thread that folds cells. */
    void absorb(ChildTimes other) {
        for (ChildTime entry : other.children) {
            of(entry.child).absorb(entry.calls(), entry.nanos());
        }
        NESTED_CALLS.setOpaque(this, nestedCalls + (long) NESTED_CALLS.getOpaque(other));
        NESTED_NANOS.setOpaque(this, nestedNanos + (long) NESTED_NANOS.getOpaque(other));
    }

    void addTo(ChildSums into) {
        for (ChildTime entry : children) {
            into.add(entry.child, entry.calls(), entry.nanos());
        }
        into.nestedCalls += (long) NESTED_CALLS.getOpaque(this);
        into.nestedNanos += (long) NESTED_NANOS.getOpaque(this);
    }
}
