package io.perfweave.orchestrator.intelligence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DynamicTimeWarpingTest {

    @Test
    void identicalCurvesAreZeroApart() {
        assertEquals(0.0, DynamicTimeWarping.normalisedDistance(new double[] {1, 3, 2}, new double[] {1, 3, 2}));
    }

    @Test
    void aCurveShiftedInTimeAlignsAtNoCost() {
        assertEquals(0.0, DynamicTimeWarping.normalisedDistance(new double[] {0, 0, 1}, new double[] {0, 1, 1}));
    }

    @Test
    void distanceMatchesTheCostMatrixWorkedOutByHand() {
        // Best path (1,2)(2,2)(3,3)(3,4) costs 1 + 0 + 0 + 1 = 2, over 3 + 3 points.
        assertEquals(2.0 / 6, DynamicTimeWarping.normalisedDistance(new double[] {1, 2, 3}, new double[] {2, 3, 4}), 1e-12);
        // Curves of different lengths: the single point 5 is compared with each of 1, 2, 3.
        assertEquals((4 + 3 + 2) / 4.0, DynamicTimeWarping.normalisedDistance(new double[] {5}, new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void refusesEmptyCurves() {
        assertThrows(IllegalArgumentException.class,
                () -> DynamicTimeWarping.normalisedDistance(new double[0], new double[] {1}));
    }
}
