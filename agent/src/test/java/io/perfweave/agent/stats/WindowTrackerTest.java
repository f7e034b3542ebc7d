package io.perfweave.agent.stats;

import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Timing;
import io.perfweave.bootstrap.Totals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowTrackerTest {
    private static void record(OperationRecorder recorder, int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            Timing.exit(recorder.id, System.nanoTime() - nanos, null);
        }
    }

    @Test
    void theWindowHoldsOnlyTheTicksInsideIt() {
        OperationRecorder recorder = Recorders.operation("window-test", null, OperationRecorder.RECURSION_ALL);
        long second = 1_000_000_000L;
        long t0 = System.nanoTime();
        WindowTracker tracker = new WindowTracker(recorder, 3, t0);
        record(recorder, 10, 1_000);
        tracker.tick(t0 + second);
        record(recorder, 20, 2_000);
        tracker.tick(t0 + 2 * second);
        record(recorder, 30, 3_000);
        tracker.tick(t0 + 3 * second);
        double[] period = new double[1];
        assertEquals(60, tracker.window(t0 + 3 * second, period).count, "all three ticks are inside 3 s");

        record(recorder, 5, 4_000);
        tracker.tick(t0 + 4 * second);
        Totals window = tracker.window(t0 + 4 * second + second / 2, period);
        // the window starts on the first tick that began at most 3 s before 4.5 s: the one at 2 s
        assertEquals(35, window.count);
        long bucketed = 0;
        for (long count : window.buckets) {
            bucketed += count;
        }
        assertEquals(35, bucketed);
        assertEquals(2.5, period[0], 1e-9);
    }

    @Test
    void aResetEmptiesTheWindow() {
        OperationRecorder recorder = Recorders.operation("window-reset-test", null, OperationRecorder.RECURSION_ALL);
        long t0 = System.nanoTime();
        WindowTracker tracker = new WindowTracker(recorder, 60, t0);
        record(recorder, 7, 1_000);
        tracker.tick(t0 + 1_000_000_000L);
        Recorders.reset();
        tracker.restart(t0 + 1_000_000_000L);
        assertEquals(0, tracker.window(t0 + 2_000_000_000L, new double[1]).count);
        record(recorder, 3, 1_000);
        assertEquals(3, tracker.window(t0 + 2_000_000_000L, new double[1]).count);
    }
}
