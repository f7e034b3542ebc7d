package io.perfweave.orchestrator.intelligence;

/**
 * The straight line {@code y = intercept + slope * x} that best fits a series in the
 * least-squares sense, with x the position in the series (0, 1, 2, ...).
 *
 * @param rSquared the share of the series' variance the line explains (0 when the series is flat)
 */
public record LeastSquaresLine(double slope, double intercept, double rSquared) {

    public static LeastSquaresLine fit(double[] y) {
        int n = y.length;
        if (n == 0) {
            return new LeastSquaresLine(0.0, 0.0, 0.0);
        }
        if (n == 1) {
            return new LeastSquaresLine(0.0, y[0], 0.0);
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double value : y) {
            meanY += value;
        }
        meanY /= n;

        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int x = 0; x < n; x++) {
            double dx = x - meanX;
            double dy = y[x] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        double slope = covariance / varianceX;
        double intercept = meanY - slope * meanX;
        double rSquared = varianceY == 0 ? 0.0 : (covariance * covariance) / (varianceX * varianceY);
        return new LeastSquaresLine(slope, intercept, rSquared);
    }

    public double valueAt(double x) {
        return intercept + slope * x;
    }
}
