package io.perfweave.agent.judge;

import io.perfweave.agent.stats.Breakdown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CausesTest {
    private static final Map<String, Breakdown> BREAKDOWNS = Map.of(
            "full_pattern_analysis", new Breakdown(12, List.of(
                    new Breakdown.Child("similarity_analysis", 1, 25, 78),
                    new Breakdown.Child("velocity_analysis", 1, 3, 10))),
            "spread", new Breakdown(40, List.of(
                    new Breakdown.Child("a", 1, 1, 20),
                    new Breakdown.Child("b", 1, 1, 20),
                    new Breakdown.Child("c", 1, 1, 20))));

    @Test
    void namesTheLargestChildAndWhereTheSlowCallSamplesAre() {
        Causes causes = new Causes(BREAKDOWNS::get, operation -> operation.equals("full_pattern_analysis")
                ? new Causes.HotFrame("DynamicTimeWarping.distance", 64.2) : null);
        assertEquals("similarity_analysis takes 78 % of full_pattern_analysis; 64 % of full_pattern_analysis's slow-call samples are in "
                + "DynamicTimeWarping.distance", causes.of("full_pattern_analysis"));
    }

    @Test
    void fallsBackOnTheChildsSamplesAndNamesNoChildWithoutALargeShare() {
        Causes causes = new Causes(BREAKDOWNS::get, operation -> operation.equals("similarity_analysis")
                || operation.equals("spread") ? new Causes.HotFrame("X.y", 50) : null);
        assertEquals("similarity_analysis takes 78 % of full_pattern_analysis; 50 % of similarity_analysis's slow-call samples are in X.y",
                causes.of("full_pattern_analysis"));
        assertEquals("50 % of spread's slow-call samples are in X.y", causes.of("spread"), "no child takes 25 %");
        assertNull(Causes.NONE.of("full_pattern_analysis"));
        assertNull(new Causes(BREAKDOWNS::get, operation -> null).of("spread"));
    }

    @Test
    void recommendationsFollowABreachWithItsCause() {
        ThresholdCheck breached = ThresholdCheck.judge("full_pattern_analysis", ThresholdKind.AVG_MS,
                new io.perfweave.agent.config.Levels(1000.0, null, null), 1500.0, "since_start");
        Causes causes = new Causes(BREAKDOWNS::get, operation -> null);
        assertEquals(List.of("slow", "similarity_analysis takes 78 % of full_pattern_analysis"),
                Recommendations.of(List.of(breached), operation -> null, io.perfweave.agent.config.ResourcesConfig.DEFAULT,
                        causes).stream().map(text -> text.startsWith("full_pattern_analysis") ? "slow" : text).toList());
    }
}
