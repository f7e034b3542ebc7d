package io.perfweave.orchestrator.intelligence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeastSquaresLineTest {

    @Test
    void fitsAPerfectLineExactly() {
        LeastSquaresLine line = LeastSquaresLine.fit(new double[] {10, 12, 14, 16});
        assertEquals(2.0, line.slope(), 1e-12);
        assertEquals(10.0, line.intercept(), 1e-12);
        assertEquals(1.0, line.rSquared(), 1e-12);
        assertEquals(18.0, line.valueAt(4), 1e-12);
    }

    @Test
    void fitsNoisyDataAsWorkedOutByHand() {
        // x = 0..4, mean x = 2, mean y = 4; Sxy = 6, Sxx = 10, Syy = 6.
        LeastSquaresLine line = LeastSquaresLine.fit(new double[] {2, 4, 5, 4, 5});
        assertEquals(0.6, line.slope(), 1e-12);
        assertEquals(2.8, line.intercept(), 1e-12);
        assertEquals(0.6, line.rSquared(), 1e-12);
    }

    @Test
    void flatAndSinglePointSeriesHaveNoSlope() {
        LeastSquaresLine flat = LeastSquaresLine.fit(new double[] {7, 7, 7});
        assertEquals(0.0, flat.slope(), 1e-12);
        assertEquals(7.0, flat.intercept(), 1e-12);
        assertEquals(0.0, flat.rSquared());
        assertEquals(new LeastSquaresLine(0.0, 9.0, 0.0), LeastSquaresLine.fit(new double[] {9}));
    }
}
