package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Everything recorded for one operation (or one tag value of one): a shared cell that any thread
 * writes with atomic adds, one owned cell per promoted thread that has called it (see
 * {@link ThreadDirectory}), and an accumulator holding the owned cells of threads that have ended.
 * An operation that was never called holds only the empty accumulator: about 250 bytes.
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
    private static final VarHandle SHARED;

    static {
        try {
            SHARED = MethodHandles.lookup().findVarHandle(OperationRecorder.class, "shared", Cell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final int id;
    public final String name;
    /** Null for an untagged operation; else how to turn the tag source argument into tag values. */
    public final TagExtractor tags;
    public final int recursion;
    /** Written by threads without owned cells; replaced, not cleared, after a reset. */
    private volatile Cell shared;
    private volatile Cell[] owned = NONE;
    private final Cell retired = new Cell(null, 0);

    OperationRecorder(int id, String name, TagExtractor tags, int recursion) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.recursion = recursion;
    }

    /** The shared cell of the current epoch, created by the first call that needs it. */
    Cell shared(int epoch) {
        Cell cell = shared;
        while (cell == null || cell.epochPlain() != epoch) {
            Cell fresh = new Cell(null, epoch);
            Cell witness = (Cell) SHARED.compareAndExchange(this, cell, fresh);
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
        retired.addTo(into, epoch, oldestSlotId);
        Cell sharedCell = shared;
        if (sharedCell != null) {
            sharedCell.addTo(into, epoch, oldestSlotId);
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
        long calls = retired.calls();
        Cell sharedCell = shared;
        if (sharedCell != null) {
            calls += sharedCell.calls();
        }
        for (Cell cell : owned) {
            calls += cell.calls();
        }
        return calls;
    }

    /**
     * Folds the cells of ended threads into the accumulator, so that the list stays bounded, and
     * turns pending failures into records, so that no exception stays pinned. Run by the agent's tick.
     */
    public int foldEndedThreads() {
        Cell sharedCell = shared;
        if (owned.length == 0 && (sharedCell == null || !sharedCell.hasPendingError())) {
            return 0; // the common case of an operation without promoted callers: no lock, no work
        }
        return foldUnderLock();
    }

    private synchronized int foldUnderLock() {
        int epoch = Recorders.epoch();
        Cell[] cells = owned;
        int kept = 0;
        Cell[] keep = cells.length == 0 ? cells : new Cell[cells.length];
        for (Cell cell : cells) {
            // isAlive() returning false happens-after everything the thread did.
            if (cell.owner.isAlive()) {
                cell.settleError();
                keep[kept++] = cell;
            } else {
                retired.absorb(cell, epoch);
            }
        }
        if (kept < cells.length) {
            owned = kept == 0 ? NONE : Arrays.copyOf(keep, kept);
        }
        Cell sharedCell = shared;
        if (sharedCell != null) {
            sharedCell.settleError();
        }
        return cells.length - kept;
    }

    /** Number of threads whose owned cells are currently kept apart. */
    public synchronized int liveCells() {
        return owned.length;
    }
}
