package io.perfweave.agent.stats;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatisticsTickTest {
    private static Statistics statistics(String prefix, int operations) throws Exception {
        List<String> yaml = new ArrayList<>(List.of("operations:"));
        for (int i = 0; i < operations; i++) {
            yaml.add("  - name: " + prefix + i);
            yaml.add("    class: x.TickTest" + i);
            yaml.add("    method: m");
        }
        return new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n", yaml) + "\n", "tick.yaml")));
    }

    private static void call(Statistics statistics, String operation, int calls) {
        int id = statistics.catalog().get(operation).recorder().id;
        for (int i = 0; i < calls; i++) {
            Timing.exit(id, System.nanoTime() - 1_000, null);
        }
    }

    @Test
    void aTickLooksOnlyAtTheOperationsThatRecordedCallsOrHoldAWindow() throws Exception {
        Statistics statistics = statistics("tick-test-", 200);
        statistics.tick();
        statistics.tick();
        statistics.tick();
        assertEquals(0, statistics.visitedAtLastTick(), "after the first ticks, idle operations are passed over");

        call(statistics, "tick-test-7", 3);
        statistics.tick();
        assertEquals(1, statistics.visitedAtLastTick());
        call(statistics, "tick-test-150", 2);
        statistics.tick();
        assertEquals(2, statistics.visitedAtLastTick(), "the new one, and the first once more: the tick after its mark");
        statistics.tick();
        assertEquals(1, statistics.visitedAtLastTick(), "the second once more; the first is idle, its calls in the window");
        statistics.tick();
        assertEquals(0, statistics.visitedAtLastTick(), "both idle, their calls still in the window");

        OperationCatalog.Operation first = statistics.catalog().get("tick-test-7");
        OperationCatalog.Operation second = statistics.catalog().get("tick-test-150");
        assertEquals(3, statistics.snapshot(first.recorder(), first.name()).window().count);
        assertEquals(2, statistics.snapshot(second.recorder(), second.name()).window().count);
        assertEquals(3, statistics.snapshot(first.recorder(), first.name()).sinceStart().count);
    }

    @Test
    void aResetMakesTheNextTicksLookAtEveryOperation() throws Exception {
        Statistics statistics = statistics("reset-test-", 50);
        statistics.tick();
        statistics.tick();
        statistics.tick();
        call(statistics, "reset-test-3", 1);
        statistics.reset();
        statistics.tick();
        assertEquals(50, statistics.visitedAtLastTick());
        call(statistics, "reset-test-4", 4);
        statistics.tick();
        assertEquals(50, statistics.visitedAtLastTick());
        statistics.tick();
        OperationCatalog.Operation operation = statistics.catalog().get("reset-test-4");
        assertEquals(4, statistics.snapshot(operation.recorder(), operation.name()).window().count);
        OperationCatalog.Operation reset = statistics.catalog().get("reset-test-3");
        assertEquals(0, statistics.snapshot(reset.recorder(), reset.name()).window().count);
    }

    @Test
    void aWindowIsLookedAtAgainWhenItsCallsLeaveIt() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "window_seconds: 1",
                "operations:",
                "  - name: retire-test-a",
                "    class: x.RetireA",
                "    method: m",
                "  - name: retire-test-b",
                "    class: x.RetireB",
                "    method: m",
                ""), "retire.yaml")));
        statistics.tick();
        statistics.tick();
        call(statistics, "retire-test-a", 2);
        OperationCatalog.Operation operation = statistics.catalog().get("retire-test-a");
        statistics.tick(); // reads the calls into a delta
        statistics.tick(); // the tick after the mark
        assertEquals(2, statistics.snapshot(operation.recorder(), operation.name()).window().count);
        long changes = statistics.windowChanges();
        long deadline = System.nanoTime() + 60_000_000_000L;
        // once the window's second has passed, a tick looks at the operation again and retires its delta
        while (statistics.windowChanges() == changes && System.nanoTime() < deadline) {
            Thread.sleep(50);
            statistics.tick();
        }
        assertEquals(changes + 1, statistics.windowChanges(), "the delta's leaving changed the window");
        assertEquals(1, statistics.visitedAtLastTick(), "only the operation whose delta left was looked at");
        assertEquals(0, statistics.snapshot(operation.recorder(), operation.name()).window().count);
        assertEquals(2, statistics.snapshot(operation.recorder(), operation.name()).sinceStart().count);
    }
}
