package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Everything recorded for one operation (or one tag value of one): shared cells that any thread
 * writes with atomic adds, striped by thread so that threads running side by side seldom write
 * the same cache line; one owned cell per promoted thread that has called it (see
 * {@link ThreadDirectory}); and an accumulator holding the owned cells of threads that have ended.
 * Stripes are created by the first call that lands in them. An operation that was never called
 * holds none of them: about 40 bytes.
 *
 * <p>Writers never take the lock: it guards the list of owned cells, which changes when a promoted
 * thread first calls the operation and when the agent's tick folds ended threads' cells, and it is
 * held while a reader sums the cells.
 */
public final class OperationRecorder {
    /** What the advice does with nested calls of the same operation on one thread. */
    public static final int RECURSION_ALL = 0;
    public static final int RECURSION_OUTERMOST = 1;
    private static final Cell[] NONE = new Cell[0];
    /**
     * Shared stripes per operation: twice the processors, a power of two, at least 16 and at most
     * 64. Fewer than 16 made two carriers of virtual threads meet on one stripe often enough to
     * double a task's cost on two cores (scale-check: 4 stripes 590-660 ns a task, 16 stripes
     * 280-330 ns, 64 no better); a stripe is created only by a call that lands in it.
     */
    static final int STRIPES = Math.max(16, Math.min(64,
            Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) << 1));
    private static final VarHandle STRIPE = MethodHandles.arrayElementVarHandle(Cell[].class);
    private static final VarHandle SHARED;

    static {
        try {
            SHARED = MethodHandles.lookup().findVarHandle(OperationRecorder.class, "shared", Cell[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final int id;
    public final String name;
    /** Null for an untagged operation; else how to turn the tag source argument into tag values. */
    public final TagExtractor tags;
    public final int recursion;
    /** Stripes written by threads without owned cells; each replaced, not cleared, after a reset. Null until the first such call. */
    private volatile Cell[] shared;
    private volatile Cell[] owned = NONE;
    /** The cells of ended threads, summed; created by the first fold. Guarded by this. */
    private volatile Cell retired;

    OperationRecorder(int id, String name, TagExtractor tags, int recursion) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.recursion = recursion;
    }

    /** The shared stripe for a thread of this hash in the current epoch, created by the first call that needs it. */
    Cell shared(int epoch, int hash) {
        Cell[] stripes = shared;
        if (stripes == null) {
            Cell[] fresh = new Cell[STRIPES];
            Cell[] witness = (Cell[]) SHARED.compareAndExchange(this, (Cell[]) null, fresh);
            stripes = witness == null ? fresh : witness;
        }
        int at = (hash >>> 16) & (STRIPES - 1);
        Cell cell = stripes[at];
        while (cell == null || cell.epochPlain() != epoch) {
            Cell fresh = new Cell(null, epoch);
            Cell witness = (Cell) STRIPE.compareAndExchange(stripes, at, cell, fresh);
            if (witness == cell) {
                return fresh;
            }
            cell = witness;
        }
        return cell;
    }

    synchronized Cell register(Thread thread) {
        Cell cell = new Cell(thread, Recorders.epoch());
        Cell[] grown = Arrays.copyOf(owned, owned.length + 1);
        grown[grown.length - 1] = cell;
        owned = grown;
        return cell;
    }

    /**
     * Sums every cell into {@code into}.
     *
     * @param oldestSlotId window slots older than this are left out of the window min and max
     */
    public synchronized void addTo(TotalsBuilder into, long oldestSlotId) {
        int epoch = Recorders.epoch();
        if (retired != null) {
            retired.addTo(into, epoch, oldestSlotId);
        }
        Cell[] stripes = shared;
        if (stripes != null) {
            for (int i = 0; i < stripes.length; i++) {
                Cell stripe = (Cell) STRIPE.getAcquire(stripes, i);
                if (stripe != null) {
                    stripe.addTo(into, epoch, oldestSlotId);
                }
            }
        }
        for (Cell cell : owned) {
            cell.addTo(into, epoch, oldestSlotId);
        }
    }

    /** Everything recorded since start or the last reset, as of now. */
    public Totals totals() {
        TotalsBuilder builder = new TotalsBuilder();
        addTo(builder, Long.MAX_VALUE);
        return builder.build();
    }

    /**
     * All calls recorded so far, read without the lock: it changes whenever a call ends (or a
     * reset is applied), so the agent's tick can pass over operations that did nothing.
     */
    public long callsSeen() {
        Cell sum = retired;
        long calls = sum == null ? 0 : sum.calls();
        Cell[] stripes = shared;
        if (stripes != null) {
            for (int i = 0; i < stripes.length; i++) {
                Cell stripe = (Cell) STRIPE.getAcquire(stripes, i);
                if (stripe != null) {
                    calls += stripe.calls();
                }
            }
        }
        for (Cell cell : owned) {
            calls += cell.calls();
        }
        return calls;
    }

    /**
     * Folds the cells of ended threads into the accumulator, so that the list stays bounded; run by
     * the agent's tick for the recorders that an ended thread wrote.
     */
    public synchronized int foldEndedThreads() {
        Cell[] cells = owned;
        int ended = 0;
        for (Cell cell : cells) {
            if (!cell.owner.isAlive()) {
                ended++;
            }
        }
        if (ended == 0) {
            return 0;
        }
        int epoch = Recorders.epoch();
        Cell[] keep = new Cell[cells.length - ended];
        int kept = 0;
        for (Cell cell : cells) {
            // isAlive() returning false happens-after everything the thread did.
            if (cell.owner.isAlive() && kept < keep.length) {
                keep[kept++] = cell;
            } else {
                if (retired == null) {
                    retired = new Cell(null, epoch);
                }
                retired.absorb(cell, epoch);
            }
        }
        owned = kept == keep.length ? keep : Arrays.copyOf(keep, kept);
        return cells.length - kept;
    }

    /** Turns pending failures into records, so that no exception stays pinned; run by the agent's tick. */
    void settleErrors() {
        Cell[] stripes = shared;
        if (stripes != null) {
            for (int i = 0; i < stripes.length; i++) {
                Cell stripe = (Cell) STRIPE.getAcquire(stripes, i);
                if (stripe != null) {
                    stripe.settleError();
                }
            }
        }
        for (Cell cell : owned) {
            cell.settleError();
        }
    }

    /** Number of threads whose owned cells are currently kept apart. */
    public synchronized int liveCells() {
        return owned.length;
    }
}
