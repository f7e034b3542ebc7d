package io.perfweave.orchestrator.intelligence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeriesStatisticsTest {

    @Test
    void populationStandardDeviationAndCoefficientOfVariation() {
        SeriesStatistics statistics = SeriesStatistics.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(5.0, statistics.mean(), 1e-12);
        assertEquals(2.0, statistics.standardDeviation(), 1e-12);
        assertEquals(0.4, statistics.coefficientOfVariation(), 1e-12);
    }

    @Test
    void emptyAndZeroMeanSeriesHaveNoVariation() {
        assertEquals(0.0, SeriesStatistics.of(new double[0]).coefficientOfVariation());
        assertEquals(0.0, SeriesStatistics.of(new double[] {-1, 1}).coefficientOfVariation());
    }
}
