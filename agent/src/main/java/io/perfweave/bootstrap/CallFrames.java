package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The innermost timed call in progress on each thread and the one enclosing it, so that a call
 * that ends can be counted in the breakdown of the call it ran in ({@code breakdown: true}).
 *
 * <p>Entering a call pushes its operation: the advice keeps what it replaced as a {@code long}
 * frame in a local variable, and the call's exit restores it. A promoted thread keeps its two ids
 * in its {@link ThreadCells}; any other thread (a virtual thread per task, say) in a fixed table
 * slot at its home position, claimed with one compare-and-set by its outermost call and given back
 * when that call ends: nothing is allocated, registered or locked. A thread whose home slot is
 * held by another thread's call runs that call untracked: it is still timed and counted, only
 * left out of its parent's breakdown (its time then shows as the parent's self time).
 */
final class CallFrames {
    /** No operation: a thread outside any tracked call. */
    static final int NONE = -1;
    /** The frame of a call that pushed nothing and has no parent to be counted in. */
    static final long UNTRACKED = 0;
    /** The frame of a call made directly inside a call of the same operation (recursion). */
    static final long NESTED_IN_ITSELF = -1;
    /** The frame of a thread outside any tracked call: no current operation, no parent. */
    static final long OUTSIDE = (1L << 32) | 1; // frame(NONE, NONE), a constant

    private static final int SIZE = ThreadDirectory.SIZE;
    private static final int MASK = SIZE - 1;
    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Thread[].class);
    private static final Thread[] owners = new Thread[SIZE];
    /** Per slot, its owner's current and parent operation, packed as a frame: one cache line beside the owner's. */
    private static final long[] tops = new long[SIZE];

    private CallFrames() {
    }

    /** Enters a call of operation {@code id} on the calling thread; the answer goes to {@link #parentOf} and {@link #pop}. */
    static long push(int id) {
        Thread thread = Thread.currentThread();
        int hash = ThreadDirectory.hash(thread);
        ThreadCells mine = ThreadDirectory.find(thread, hash);
        if (mine != null) {
            if (mine.ignored) {
                return UNTRACKED;
            }
            long top = mine.top;
            int current = (int) (top >>> 32) - 2;
            if (current == id) {
                return NESTED_IN_ITSELF;
            }
            mine.top = frame(id, current);
            return top;
        }
        int home = hash & MASK;
        Thread owner = (Thread) OWNERS.getOpaque(owners, home);
        if (owner == thread) {
            long top = tops[home];
            int current = (int) (top >>> 32) - 2;
            if (current == id) {
                return NESTED_IN_ITSELF;
            }
            tops[home] = frame(id, current);
            return top;
        }
        if (owner != null || !OWNERS.compareAndSet(owners, home, (Thread) null, thread)) {
            return UNTRACKED;
        }
        tops[home] = frame(id, NONE);
        return OUTSIDE;
    }

    private static long frame(int current, int parent) {
        return ((long) (current + 2) << 32) | ((parent + 2) & 0xFFFF_FFFFL);
    }

    /** The operation whose call encloses the call that {@code frame} entered, or {@link #NONE}. */
    static int parentOf(long frame) {
        return frame > 0 ? (int) (frame >>> 32) - 2 : NONE;
    }

    /** Leaves the call that {@code frame} entered; {@code mine} is the thread's cells as {@link ThreadDirectory#current} found them. */
    static void pop(Thread thread, int hash, ThreadCells mine, long frame) {
        if (frame <= 0) {
            return;
        }
        if (mine != null) {
            mine.top = frame;
            return;
        }
        int current = (int) (frame >>> 32) - 2;
        int home = hash & MASK;
        if (OWNERS.getOpaque(owners, home) != thread) {
            return;
        }
        if (current == NONE) {
            OWNERS.setRelease(owners, home, (Thread) null);
        } else {
            tops[home] = frame;
        }
    }

    /** Moves a thread's frames from its table slot into the cells it was just promoted to; on that thread. */
    static void adopt(Thread thread, int home, ThreadCells cells) {
        if (OWNERS.getOpaque(owners, home) == thread) {
            cells.top = tops[home];
            OWNERS.setRelease(owners, home, (Thread) null);
        }
    }

    /** Gives back the slots of threads that ended inside a call (a call's exit did not run); by the agent's tick. */
    static void forgetEndedThreads() {
        for (int i = 0; i < SIZE; i++) {
            Thread owner = (Thread) OWNERS.getAcquire(owners, i);
            if (owner != null && !owner.isAlive()) {
                OWNERS.compareAndSet(owners, i, owner, (Thread) null);
            }
        }
    }
}
