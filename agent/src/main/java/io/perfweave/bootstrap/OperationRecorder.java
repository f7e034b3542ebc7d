package io.perfweave.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything recorded for one operation: one {@link ThreadCell} per thread that has called it,
 * plus an accumulator holding the cells of threads that have since ended.
 *
 * <p>Writers never take the lock: it guards only the list of cells, which changes when a thread
 * makes its first call (registration) and when the maintenance thread folds dead threads' cells
 * into the accumulator, and it is held while a reader sums the cells.
 */
public final class OperationRecorder {
    /** What the advice does with nested calls of the same operation on one thread. */
    public static final int RECURSION_ALL = 0;
    public static final int RECURSION_OUTERMOST = 1;

    public final int id;
    public final String name;
    /** Null for an untagged operation; else how to turn the tag source argument into tag values. */
    public final TagExtractor tags;
    public final int recursion;
    private final List<ThreadCell> cells = new ArrayList<>();
    private final ThreadCell retired = new ThreadCell(null, 0);

    OperationRecorder(int id, String name, TagExtractor tags, int recursion) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.recursion = recursion;
    }

    synchronized ThreadCell register(Thread thread) {
        ThreadCell cell = new ThreadCell(thread, Recorders.epoch());
        cells.add(cell);
        return cell;
    }

    /**
     * Sums every cell into {@code into}.
     *
     * @param oldestSlotId window slots older than this are left out of the window min and max
     */
    public synchronized void addTo(Totals into, long oldestSlotId) {
        int epoch = Recorders.epoch();
        retired.addTo(into, epoch, oldestSlotId);
        for (ThreadCell cell : cells) {
            cell.addTo(into, epoch, oldestSlotId);
        }
    }

    /** Folds the cells of terminated threads into the accumulator, so that the list stays bounded. */
    public synchronized int foldDeadThreads() {
        int epoch = Recorders.epoch();
        int folded = 0;
        for (int i = cells.size() - 1; i >= 0; i--) {
            ThreadCell cell = cells.get(i);
            // isAlive() returning false happens-after everything the thread did.
            if (!cell.owner.isAlive()) {
                retired.absorb(cell, epoch);
                cells.remove(i);
                folded++;
            }
        }
        return folded;
    }

    /** Number of threads whose cells are currently kept separately. */
    public synchronized int liveCells() {
        return cells.size();
    }
}
