package io.perfweave.bootstrap;

/**
 * The owned cells of one thread that has made enough calls to be worth them, by operation id, in
 * pages of 32 so that a thread calling one operation of ten thousand holds one page. Only the
 * owner reads or writes the pages; readers reach the cells through their recorders.
 */
final class ThreadCells {
    private static final int PAGE_BITS = 5;
    private static final int PAGE = 1 << PAGE_BITS;

    final Thread owner;
    /** An agent thread: its calls are never recorded. */
    final boolean ignored;
    private Cell[][] pages = new Cell[0][];

    ThreadCells(Thread owner, boolean ignored) {
        this.owner = owner;
        this.ignored = ignored;
    }

    /** This thread's cell for operation {@code id}, or null when it has none yet. */
    Cell get(int id) {
        Cell[][] p = pages;
        int page = id >>> PAGE_BITS;
        if (page < p.length) {
            Cell[] cells = p[page];
            if (cells != null) {
                return cells[id & (PAGE - 1)];
            }
        }
        return null;
    }

    void put(int id, Cell cell) {
        int page = id >>> PAGE_BITS;
        if (page >= pages.length) {
            pages = java.util.Arrays.copyOf(pages, page + 1);
        }
        Cell[] cells = pages[page];
        if (cells == null) {
            cells = new Cell[PAGE];
            pages[page] = cells;
        }
        cells[id & (PAGE - 1)] = cell;
    }
}
