package io.perfweave.agent.judge;

import io.perfweave.agent.config.Levels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelTrackerTest {
    private static final Levels LEVELS = new Levels(200.0, 500.0, 1000.0);

    private static Judgement judgement(Double avgMs, Double memoryMb) {
        ThresholdCheck avg = ThresholdCheck.judge("op", ThresholdKind.AVG_MS, LEVELS, avgMs, "window");
        ThresholdCheck memory = ThresholdCheck.judge(null, ThresholdKind.MEMORY_INCREASE_MB, new Levels(100.0, null, null),
                memoryMb, "latest_sample");
        return new Judgement(avg.met() && memory.met(), "now", Map.of("op", Map.of("avg_ms", avg)),
                Map.of("memory_increase_mb", memory));
    }

    @Test
    void eachChangeIsToldOnceWithTheLevelBefore() {
        LevelTracker tracker = new LevelTracker();
        assertEquals(List.of(), tracker.observe(judgement(100.0, 10.0)));
        List<LevelChange> changes = tracker.observe(judgement(1500.0, 10.0));
        assertEquals(1, changes.size());
        assertEquals(Level.TARGET, changes.get(0).from());
        assertEquals(Level.CRITICAL, changes.get(0).to());
        assertEquals("op", changes.get(0).check().operation());
        assertEquals(List.of(), tracker.observe(judgement(1700.0, 10.0)), "still critical: nothing new to tell");
        List<LevelChange> back = tracker.observe(judgement(600.0, 10.0));
        assertEquals(Level.CRITICAL, back.get(0).from());
        assertEquals(Level.WARNING, back.get(0).to());
    }

    @Test
    void aBreachSeenFirstIsToldFromNoData() {
        LevelTracker tracker = new LevelTracker();
        List<LevelChange> changes = tracker.observe(judgement(null, 150.0));
        assertEquals(1, changes.size());
        assertEquals(Level.NO_DATA, changes.get(0).from());
        assertEquals(Level.OFF_TARGET, changes.get(0).to());
        assertEquals("memory_increase_mb", changes.get(0).check().threshold());
    }

    @Test
    void movingBetweenNoDataAndTargetIsNotAChange() {
        LevelTracker tracker = new LevelTracker();
        assertTrue(tracker.observe(judgement(null, null)).isEmpty());
        assertTrue(tracker.observe(judgement(100.0, 10.0)).isEmpty());
        assertTrue(tracker.observe(judgement(null, 10.0)).isEmpty());
        List<LevelChange> quiet = tracker.observe(judgement(null, null));
        assertTrue(quiet.isEmpty());
        tracker.observe(judgement(700.0, 10.0));
        List<LevelChange> emptied = tracker.observe(judgement(null, 10.0));
        assertEquals(Level.WARNING, emptied.get(0).from(), "a breach that ends because the window emptied is told");
        assertEquals(Level.NO_DATA, emptied.get(0).to());
    }

    @Test
    void aThresholdThatLeavesTheConfigIsForgotten() {
        LevelTracker tracker = new LevelTracker();
        tracker.observe(judgement(1500.0, 10.0));
        tracker.observe(new Judgement(true, "now", Map.of(), Map.of()));
        List<LevelChange> again = tracker.observe(judgement(1500.0, 10.0));
        assertEquals(Level.NO_DATA, again.get(0).from(), "it comes back as new");
    }
}
