package io.perfweave.bootstrap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An owned cell keeps its current window slot in fields of its own and moves it into the ring when
 * the next slot starts: every slot still counts, for readers, for the accumulator a finished
 * thread's cell is folded into, and not after a reset.
 */
class CellWindowTest {
    private static long inSlot(long slot) {
        return (slot << Cell.SLOT_SHIFT) + 12_345;
    }

    private static long[] window(Cell cell, int epoch, long oldestSlot) {
        TotalsBuilder into = new TotalsBuilder();
        cell.addTo(into, epoch, oldestSlot);
        return new long[] {into.windowMinNanos, into.windowMaxNanos};
    }

    private static Cell threeSlots() {
        Cell cell = new Cell(Thread.currentThread(), 0);
        cell.recordOwned(100, inSlot(5), null, 0);
        cell.recordOwned(300, inSlot(5), null, 0);
        cell.recordOwned(200, inSlot(6), null, 0);
        cell.recordOwned(50, inSlot(7), null, 0);
        cell.recordOwned(70, inSlot(7), null, 0);
        return cell;
    }

    @Test
    void slotsThatEndedStayInTheWindowBesideTheCurrentOne() {
        Cell cell = threeSlots();
        assertEquals(50, window(cell, 0, 5)[0]);
        assertEquals(300, window(cell, 0, 5)[1], "slot 5, moved into the ring, still counts");
        assertEquals(200, window(cell, 0, 6)[1]);
        assertEquals(50, window(cell, 0, 7)[0]);
        assertEquals(70, window(cell, 0, 7)[1], "the current slot alone");
        assertEquals(Long.MAX_VALUE, window(cell, 0, 8)[0], "nothing newer than the current slot");
        assertEquals(0, window(cell, 0, 8)[1]);
    }

    @Test
    void aFoldedCellBringsItsCurrentSlotAndItsRing() {
        Cell retired = threeSlots();
        Cell accumulator = new Cell(null, 0);
        accumulator.absorb(retired, 0);
        assertEquals(300, window(accumulator, 0, 5)[1]);
        assertEquals(200, window(accumulator, 0, 6)[1]);
        assertEquals(50, window(accumulator, 0, 7)[0]);
        assertEquals(70, window(accumulator, 0, 7)[1]);
    }

    @Test
    void aResetForgetsTheCurrentSlotToo() {
        Cell cell = threeSlots();
        cell.recordOwned(10, inSlot(7), null, 1);
        assertEquals(10, window(cell, 1, 5)[0]);
        assertEquals(10, window(cell, 1, 5)[1], "neither the ring's slots nor the old current slot are left");
        cell.recordOwned(20, inSlot(8), null, 1);
        assertEquals(20, window(cell, 1, 5)[1]);
        assertEquals(10, window(cell, 1, 5)[0]);
    }

    @Test
    void aReaderNeverMissesTheSlotThatIsMovingIntoTheRing() throws Exception {
        for (int round = 0; round < 200; round++) {
            Cell cell = new Cell(null, 0);
            // the writer owns the cell: its first slot holds the largest duration the window will see
            Cell[] owned = new Cell[1];
            Thread writer = new Thread(() -> {
                Cell mine = new Cell(Thread.currentThread(), 0);
                owned[0] = mine;
                mine.recordOwned(10_000, inSlot(1), null, 0);
                synchronized (owned) {
                    owned.notifyAll();
                }
                for (long slot = 2; slot <= 30; slot++) {
                    mine.recordOwned(10_000 - slot, inSlot(slot), null, 0);
                }
            });
            synchronized (owned) {
                writer.start();
                while (owned[0] == null || window(owned[0], 0, 1)[1] == 0) {
                    owned.wait(10);
                }
            }
            while (writer.isAlive()) {
                assertEquals(10_000, window(owned[0], 0, 1)[1], "round " + round);
            }
            writer.join();
            assertEquals(10_000, window(owned[0], 0, 1)[1]);
            assertEquals(10_000 - 30, window(owned[0], 0, 1)[0]);
            cell.absorb(owned[0], 0);
            assertEquals(10_000, window(cell, 0, 1)[1]);
        }
    }
}
