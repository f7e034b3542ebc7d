package io.perfweave.orchestrator.intelligence;

/**
 * Mean and spread of a series of values.
 *
 * <p>The standard deviation is the population one (divide by n): the analyses describe the
 * sprints a project actually ran, not a sample drawn from some larger set of sprints.
 */
public record SeriesStatistics(int count, double mean, double standardDeviation) {

    public static SeriesStatistics of(double[] values) {
        if (values.length == 0) {
            return new SeriesStatistics(0, 0.0, 0.0);
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            double deviation = value - mean;
            squares += deviation * deviation;
        }
        return new SeriesStatistics(values.length, mean, Math.sqrt(squares / values.length));
    }

    /** Standard deviation relative to the mean; 0 when the mean is 0, where it means nothing. */
    public double coefficientOfVariation() {
        return mean == 0 ? 0.0 : standardDeviation / Math.abs(mean);
    }
}
