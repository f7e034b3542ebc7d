package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which threads write owned cells, found by thread id in a fixed table without a
 * {@link ThreadLocal}: a thread's first calls change nothing in the thread itself, allocate
 * nothing and take no lock, so a virtual thread per task costs no more than the shared cells'
 * atomic adds.
 *
 * <p>A thread earns owned cells (plain writes, no atomics) by making {@link #PROMOTE_AFTER}
 * calls in a row from its home slot: long-lived platform threads get there at once, a thread
 * that makes a few calls and ends never does. Two busy threads whose ids share a home slot take
 * turns there and stay on the shared cells, counted just as exactly. Entries of threads that have
 * ended are cleared by the agent's tick ({@link #forgetEndedThreads()}).
 */
final class ThreadDirectory {
    static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    /** Table positions tried from a thread's home slot when it is promoted. */
    private static final int PROBES = 4;
    static final int PROMOTE_AFTER = 64;
    private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(ThreadCells[].class);

    private static final ThreadCells[] table = new ThreadCells[SIZE];
    /**
     * Per home slot, side by side (one cache line for both): at [2 h] 1 + the id of the thread that
     * called from it last, at [2 h + 1] how many calls it made there in a row.
     */
    private static final long[] runs = new long[2 * SIZE];

    private ThreadDirectory() {
    }

    /**
     * Spreads thread ids over the table and the shared stripes: consecutive ids (virtual threads
     * started one after another, running side by side on different carriers) land far apart,
     * so that they write different cache lines.
     */
    static int hash(Thread thread) {
        return (int) ((thread.getId() * 0x9E3779B97F4A7C15L) >>> 32);
    }

    /** The calling thread's cells when it has been promoted, else null (it writes shared cells). */
    static ThreadCells current(Thread thread) {
        return current(thread, hash(thread));
    }

    static ThreadCells current(Thread thread, int hash) {
        long tid = thread.getId();
        int home = hash & MASK;
        ThreadCells cells = table[home];
        if (cells != null && cells.owner == thread) {
            return cells;
        }
        return notAtHome(thread, tid, home);
    }

    /** The calling thread's cells when it has been promoted, else null; unlike {@link #current} it never counts towards a promotion. */
    static ThreadCells find(Thread thread, int hash) {
        int home = hash & MASK;
        ThreadCells cells = table[home];
        if (cells != null && cells.owner == thread) { // the common case first, as in current
            return cells;
        }
        return pastHome(thread, home);
    }

    /** The thread's cells in one of the slots after its home slot, where a taken home put them; else null. */
    private static ThreadCells pastHome(Thread thread, int home) {
        for (int k = 1; k < PROBES; k++) {
            ThreadCells cells = (ThreadCells) ENTRIES.getAcquire(table, (home + k) & MASK);
            if (cells != null && cells.owner == thread) {
                return cells;
            }
        }
        return null;
    }

    private static ThreadCells notAtHome(Thread thread, long tid, int home) {
        ThreadCells cells = pastHome(thread, home);
        if (cells != null) {
            return cells;
        }
        // Plain, racy counting: two threads racing on a slot only delay a promotion.
        if (runs[2 * home] == tid + 1) {
            if (++runs[2 * home + 1] >= PROMOTE_AFTER) {
                return promote(thread, home, false);
            }
            return null;
        }
        runs[2 * home] = tid + 1;
        runs[2 * home + 1] = 1;
        if (isAgentThread(thread)) {
            return promote(thread, home, true);
        }
        return null;
    }

    /**
     * The agent's own threads are plain {@code java.lang.Thread}s named with its prefix. The class
     * is looked at first: a virtual thread per task then costs a compare here, not a string match.
     */
    static boolean isAgentThread(Thread thread) {
        return thread.getClass() == Thread.class && thread.getName().startsWith(Recorders.AGENT_THREAD_PREFIX);
    }

    /** The calling thread's cells, promoting it now if needed (for state that must be per thread); null when the table is full. */
    static ThreadCells promoted(Thread thread) {
        ThreadCells cells = current(thread);
        if (cells != null) {
            return cells;
        }
        return promote(thread, hash(thread) & MASK, isAgentThread(thread));
    }

    private static ThreadCells promote(Thread thread, int home, boolean ignored) {
        ThreadCells cells = new ThreadCells(thread, ignored);
        for (int k = 0; k < PROBES; k++) {
            if (ENTRIES.compareAndSet(table, (home + k) & MASK, (ThreadCells) null, cells)) {
                runs[2 * home + 1] = 0;
                CallFrames.adopt(thread, home, cells);
                return cells;
            }
        }
        // the table is full around this slot: the thread stays on the shared cells, and tries
        // again only after a very long run
        runs[2 * home + 1] = Long.MIN_VALUE;
        return null;
    }

    /**
     * Drops the entries of threads that have ended and answers them, so that the recorders they
     * wrote can fold their cells; run by the agent's tick. Work proportional to the table, not to
     * the operations.
     */
    static java.util.List<ThreadCells> forgetEndedThreads() {
        java.util.List<ThreadCells> ended = new java.util.ArrayList<>(0);
        for (int i = 0; i < SIZE; i++) {
            ThreadCells cells = (ThreadCells) ENTRIES.getAcquire(table, i);
            if (cells != null && !cells.owner.isAlive() && ENTRIES.compareAndSet(table, i, cells, (ThreadCells) null)) {
                ended.add(cells);
            }
        }
        return ended;
    }
}
