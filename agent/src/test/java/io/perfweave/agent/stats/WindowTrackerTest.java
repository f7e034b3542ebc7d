package io.perfweave.agent.stats;

import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Timing;
import io.perfweave.bootstrap.Totals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowTrackerTest {
    private static final long SECOND = 1_000_000_000L;

    private static void record(OperationRecorder recorder, int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            Timing.exit(recorder.id, System.nanoTime() - nanos, null);
        }
    }

    /** A tick a second after the one before. */
    private static void tick(WindowTracker tracker, TickTimes ticks, long at) {
        tracker.tick(at, at - SECOND);
        ticks.add(at);
    }

    private static Totals window(WindowTracker tracker, TickTimes ticks, long at, double[] period) {
        return tracker.window(tracker.read(at), at, ticks, period);
    }

    private static long bucketed(Totals totals) {
        long bucketed = 0;
        for (int i = 0; i < totals.buckets.size(); i++) {
            bucketed += totals.buckets.count(i);
        }
        return bucketed;
    }

    @Test
    void theWindowHoldsOnlyTheTicksInsideIt() {
        OperationRecorder recorder = Recorders.operation("window-test", null, OperationRecorder.RECURSION_ALL);
        long t0 = System.nanoTime();
        TickTimes ticks = new TickTimes(3);
        WindowTracker tracker = new WindowTracker(recorder, 3, t0);
        record(recorder, 10, 1_000);
        tick(tracker, ticks, t0 + SECOND);
        record(recorder, 20, 2_000);
        tick(tracker, ticks, t0 + 2 * SECOND);
        record(recorder, 30, 3_000);
        tick(tracker, ticks, t0 + 3 * SECOND);
        double[] period = new double[1];
        assertEquals(60, window(tracker, ticks, t0 + 3 * SECOND, period).count, "all three ticks are inside 3 s");

        record(recorder, 5, 4_000);
        tick(tracker, ticks, t0 + 4 * SECOND);
        Totals window = window(tracker, ticks, t0 + 4 * SECOND + SECOND / 2, period);
        // the window starts on the first tick that began at most 3 s before 4.5 s: the one at 2 s
        assertEquals(35, window.count);
        assertEquals(35, bucketed(window));
        assertEquals(2.5, period[0], 1e-9);
    }

    @Test
    void anIdleOperationKeepsNothingAndItsWindowEmptiesAsTimePasses() {
        OperationRecorder recorder = Recorders.operation("window-idle-test", null, OperationRecorder.RECURSION_ALL);
        long t0 = System.nanoTime();
        TickTimes ticks = new TickTimes(3);
        WindowTracker tracker = new WindowTracker(recorder, 3, t0);
        record(recorder, 4, 1_000);
        tick(tracker, ticks, t0 + SECOND);
        for (int s = 2; s <= 3; s++) {
            assertEquals(WindowTracker.UNCHANGED, tracker.tick(t0 + s * SECOND, t0 + (s - 1) * SECOND),
                    "nothing changed at tick " + s);
            ticks.add(t0 + s * SECOND);
        }
        assertEquals(1, tracker.deltasKept(), "idle ticks keep no delta");
        double[] period = new double[1];
        assertEquals(4, window(tracker, ticks, t0 + 3 * SECOND, period).count);
        tick(tracker, ticks, t0 + 5 * SECOND);
        assertEquals(0, tracker.deltasKept());
        Totals window = window(tracker, ticks, t0 + 5 * SECOND, period);
        assertEquals(0, window.count, "the calls left the window");
        assertEquals(4, tracker.read(t0 + 5 * SECOND).count, "and stay in the totals since start");
        assertEquals(3.0, period[0], 1e-9, "the window covers its full length: from the tick at 2 s");
    }

    @Test
    void aResetEmptiesTheWindow() {
        OperationRecorder recorder = Recorders.operation("window-reset-test", null, OperationRecorder.RECURSION_ALL);
        long t0 = System.nanoTime();
        TickTimes ticks = new TickTimes(60);
        WindowTracker tracker = new WindowTracker(recorder, 60, t0);
        record(recorder, 7, 1_000);
        tick(tracker, ticks, t0 + SECOND);
        Recorders.reset();
        tracker.restart(t0 + SECOND);
        assertEquals(0, window(tracker, ticks, t0 + 2 * SECOND, new double[1]).count);
        record(recorder, 3, 1_000);
        assertEquals(3, window(tracker, ticks, t0 + 2 * SECOND, new double[1]).count);
    }

    @Test
    void callsAfterTicksThatPassedTheOperationOverCountFromTheTickBefore() {
        OperationRecorder recorder = Recorders.operation("window-passed-over-test", null, OperationRecorder.RECURSION_ALL);
        long t0 = System.nanoTime();
        TickTimes ticks = new TickTimes(3);
        WindowTracker tracker = new WindowTracker(recorder, 3, t0);
        record(recorder, 4, 1_000);
        tick(tracker, ticks, t0 + SECOND);
        for (int s = 2; s <= 9; s++) {
            ticks.add(t0 + s * SECOND); // ticks that did not look at this idle operation
        }
        record(recorder, 5, 1_000);
        tick(tracker, ticks, t0 + 10 * SECOND);
        double[] period = new double[1];
        // the new calls began after the tick at 9 s, inside the window: not at the last reading (1 s)
        assertEquals(5, window(tracker, ticks, t0 + 10 * SECOND, period).count);
        assertEquals(1, tracker.deltasKept(), "the first calls' delta left the window");
        assertEquals(9, tracker.read(t0 + 10 * SECOND).count);
    }
}
