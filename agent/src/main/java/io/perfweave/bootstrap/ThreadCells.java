package io.perfweave.bootstrap;

/**
 * The owned cells of one thread that has made enough calls to be worth them, indexed by
 * operation id. Only the owner reads or writes the array; readers reach the cells through their
 * recorders. The array grows to the highest id the thread has called: one reference per
 * operation, paid only by threads that earned owned cells.
 */
final class ThreadCells {
    private static final Cell[] NONE = new Cell[0];

    final Thread owner;
    /** An agent thread: its calls are never recorded. */
    final boolean ignored;
    private Cell[] cells = NONE;
    /**
     * The operations of the innermost tracked call in progress and of the one enclosing it, packed
     * as a {@link CallFrames} frame (one load and one store a call); owner only.
     */
    long top = CallFrames.OUTSIDE;

    ThreadCells(Thread owner, boolean ignored) {
        this.owner = owner;
        this.ignored = ignored;
    }

    /** This thread's cell for operation {@code id}, or null when it has none yet. */
    Cell get(int id) {
        Cell[] mine = cells;
        return id < mine.length ? mine[id] : null;
    }

    /** Ids of the operations this thread holds cells for. */
    java.util.stream.IntStream operations() {
        Cell[] mine = cells;
        return java.util.stream.IntStream.range(0, mine.length).filter(id -> mine[id] != null);
    }

    void put(int id, Cell cell) {
        if (id >= cells.length) {
            cells = java.util.Arrays.copyOf(cells, Math.max(id + 1, cells.length + (cells.length >> 1)));
        }
        cells[id] = cell;
    }
}
