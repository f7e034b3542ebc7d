package io.perfweave.orchestrator.intelligence;

import java.util.List;

/**
 * Puts features measured in different units (people, ratios, points) on one scale: each becomes
 * the number of standard deviations from the population mean.
 */
final class FeatureScaling {

    private final double[] means;
    private final double[] deviations;

    private FeatureScaling(double[] means, double[] deviations) {
        this.means = means;
        this.deviations = deviations;
    }

    static FeatureScaling fit(List<ProjectProfile> population, int featureCount) {
        double[] means = new double[featureCount];
        double[] deviations = new double[featureCount];
        double[] column = new double[population.size()];
        for (int f = 0; f < featureCount; f++) {
            for (int p = 0; p < column.length; p++) {
                column[p] = population.get(p).feature(f);
            }
            SeriesStatistics statistics = SeriesStatistics.of(column);
            means[f] = statistics.mean();
            deviations[f] = statistics.standardDeviation();
        }
        return new FeatureScaling(means, deviations);
    }

    double[] scale(double[] features) {
        double[] scaled = new double[features.length];
        for (int f = 0; f < features.length; f++) {
            // A feature every project shares tells projects apart by nothing.
            scaled[f] = deviations[f] == 0 ? 0.0 : (features[f] - means[f]) / deviations[f];
        }
        return scaled;
    }

    double standardDeviation(int feature) {
        return deviations[feature];
    }
}
