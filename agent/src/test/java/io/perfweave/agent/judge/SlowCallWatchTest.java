package io.perfweave.agent.judge;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowCallWatchTest {
    private record Slow(String operation, double limitMs, long calls, double slowestMs) {
    }

    @Test
    void callsOverTheLimitSinceTheLastCheckAreCountedWithTheSlowest() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "jfr: true",
                "operations:",
                "  - name: slow_watch_test",
                "    class: x.Slow",
                "    method: run",
                "    thresholds:",
                "      slow_call_ms: 50",
                ""), "slow.yaml")));
        int id = statistics.catalog().get("slow_watch_test").recorder().id;
        List<Slow> found = new ArrayList<>();
        SlowCallWatch watch = new SlowCallWatch();
        SlowCallWatch.Sink sink = (operation, limit, calls, slowest, period) ->
                found.add(new Slow(operation, limit, calls, slowest));

        Timing.exit(id, System.nanoTime() - 80_000_000L, null);
        watch.check(statistics, sink);
        assertTrue(found.isEmpty(), "the first check only sets the starting point");

        for (int i = 0; i < 5; i++) {
            Timing.exit(id, System.nanoTime() - 10_000_000L, null);
        }
        Timing.exit(id, System.nanoTime() - 60_000_000L, null);
        Timing.exit(id, System.nanoTime() - 120_000_000L, null);
        watch.check(statistics, sink);
        assertEquals(1, found.size(), found.toString());
        assertEquals("slow_watch_test", found.get(0).operation());
        assertEquals(2, found.get(0).calls());
        assertEquals(50.0, found.get(0).limitMs());
        assertTrue(found.get(0).slowestMs() >= 120 * (1 - DurationBuckets.RELATIVE_PRECISION)
                && found.get(0).slowestMs() < 200, found.toString());

        watch.check(statistics, sink);
        assertEquals(1, found.size(), "no new slow call, no event");
    }

    @Test
    void theFirstSlowBucketHasItsMidpointAboveTheLimit() {
        int first = SlowCallWatch.firstSlowBucket(50e6);
        assertTrue(DurationBuckets.midpoint(first) > 50e6);
        assertTrue(DurationBuckets.midpoint(first - 1) <= 50e6);
    }
}
