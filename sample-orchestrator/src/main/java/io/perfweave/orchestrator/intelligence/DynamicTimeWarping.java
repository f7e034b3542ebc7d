package io.perfweave.orchestrator.intelligence;

/**
 * Distance between two curves that tolerates shifts in time: two teams whose velocity ramps up
 * the same way, one a sprint later than the other, should count as alike.
 */
public final class DynamicTimeWarping {

    private DynamicTimeWarping() {
    }

    /**
     * The cheapest total of {@code |a[i] - b[j]|} along a monotone alignment of the two curves,
     * divided by {@code a.length + b.length} so curves of different lengths compare fairly.
     */
    public static double normalisedDistance(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("cannot align an empty curve");
        }
        // Two rolling rows of the cost matrix are enough, and keep each call allocation-light.
        double[] previous = new double[b.length];
        double[] current = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double cost = Math.abs(a[i] - b[j]);
                double best;
                if (i == 0 && j == 0) {
                    best = 0;
                } else if (i == 0) {
                    best = current[j - 1];
                } else if (j == 0) {
                    best = previous[j];
                } else {
                    best = Math.min(previous[j - 1], Math.min(previous[j], current[j - 1]));
                }
                current[j] = cost + best;
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length - 1] / (a.length + b.length);
    }
}
