package io.perfweave.agent.judge;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.resources.ResourceSample;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thresholds judged against recorded calls of known durations. The operations' names are this
 * test's own: the recorders are global to the JVM.
 */
class ThresholdJudgeTest {
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: judge_test_lookup",
            "    class: x.Lookup",
            "    method: find",
            "    thresholds:",
            "      over: since_start",
            "      avg_ms: {target: 200, warning: 500, critical: 1000}",
            "      success_rate_min: {target: 95}",
            "    recommendations:",
            "      avg_ms: Cache the lookups",
            "  - name: judge_test_untouched",
            "    class: x.Lookup",
            "    method: other",
            "    thresholds:",
            "      over: since_start",
            "      max_ms: {critical: 10}",
            "resources:",
            "  thresholds:",
            "    memory_increase_mb: {target: 100, critical: 500}",
            "");

    private Statistics statistics;
    private final AtomicReference<ResourceSample> resources = new AtomicReference<>();
    private final List<LevelChange> told = new ArrayList<>();
    private ThresholdJudge judge;

    @BeforeEach
    void configure() throws Exception {
        statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(CONFIG, "judge.yaml")));
        statistics.reset(); // each test starts from no calls
        judge = new ThresholdJudge(statistics, resources::get).onLevelChange(told::add);
    }

    private void call(long millis, boolean fails) {
        int id = statistics.catalog().get("judge_test_lookup").recorder().id;
        Timing.exit(id, System.nanoTime() - millis * 1_000_000L, fails ? new IllegalStateException("lookup failed") : null);
    }

    private static ResourceSample memoryIncrease(double mb) {
        return new ResourceSample(300.0, mb, 5.0, 10L, 20, null,
                new ResourceSample.Machine(null, null, null, null, null, null, null, null, null, null),
                null, "now", 1.0, 1, "test", List.of(), null);
    }

    @Test
    void eachThresholdHasItsLimitActualLevelAndWhetherItIsMet() {
        for (int i = 0; i < 10; i++) {
            call(100, false);
        }
        Judgement judgement = judge.evaluate();
        ThresholdCheck avg = judgement.operations().get("judge_test_lookup").get("avg_ms");
        assertEquals(200.0, avg.limit());
        assertTrue(avg.actual() >= 100 && avg.actual() < 200, avg.toString());
        assertEquals(Level.TARGET, avg.level());
        assertTrue(avg.met());
        assertEquals("since_start", avg.over());
        assertEquals(100.0, judgement.operations().get("judge_test_lookup").get("success_rate_min").actual());
        ThresholdCheck untouched = judgement.operations().get("judge_test_untouched").get("max_ms");
        assertEquals(Level.NO_DATA, untouched.level(), "an operation without calls has nothing to judge");
        assertNull(untouched.actual());
        assertTrue(judgement.thresholdsMet());
        assertEquals(List.of(Recommendations.ALL_WITHIN), Recommendations.of(judgement, statistics.catalog()));
    }

    @Test
    void crossingALevelIsToldOnceAndBreachesTheOverallResult() {
        call(100, false);
        judge.evaluate();
        assertTrue(told.isEmpty());
        for (int i = 0; i < 3; i++) {
            call(3000, false); // the average is now past the critical level
        }
        Judgement breached = judge.evaluate();
        judge.evaluate();
        judge.tick();
        assertEquals(1, told.size(), told.toString());
        assertEquals(Level.TARGET, told.get(0).from());
        assertEquals(Level.CRITICAL, told.get(0).to());
        assertEquals("avg_ms", told.get(0).check().threshold());
        assertFalse(breached.thresholdsMet());
        assertEquals(List.of("Cache the lookups"), Recommendations.of(breached, statistics.catalog()));
    }

    @Test
    void aLowSuccessRateGetsTheBuiltInRecommendation() {
        for (int i = 0; i < 10; i++) {
            call(10, i < 2);
        }
        Judgement judgement = judge.evaluate();
        ThresholdCheck rate = judgement.operations().get("judge_test_lookup").get("success_rate_min");
        assertEquals(80.0, rate.actual(), 1e-9);
        assertEquals(Level.OFF_TARGET, rate.level());
        assertEquals(List.of("judge_test_lookup has low success rate (80 %, below 95 %, off_target) - investigate error handling"),
                Recommendations.of(judgement, statistics.catalog()));
    }

    @Test
    void resourceThresholdsJudgeTheLatestSample() {
        Judgement none = judge.evaluate();
        assertEquals(Level.NO_DATA, none.resources().get("memory_increase_mb").level(), "no sample yet");
        resources.set(memoryIncrease(150));
        Judgement judgement = judge.evaluate();
        ThresholdCheck memory = judgement.resources().get("memory_increase_mb");
        assertNull(memory.operation());
        assertEquals(150.0, memory.actual());
        assertEquals(Level.OFF_TARGET, memory.level());
        assertFalse(judgement.thresholdsMet());
        assertEquals(List.of("Memory increase of 150 MB exceeds the 100 MB threshold (off_target)"),
                Recommendations.of(judgement, statistics.catalog()));
        assertEquals(1, told.size());
        resources.set(memoryIncrease(600));
        judge.evaluate();
        assertEquals(Level.CRITICAL, told.get(1).to());
    }
}
