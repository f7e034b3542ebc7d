package io.perfweave.agent.http;

import java.util.Locale;

/**
 * The text formats {@code /metrics} speaks besides JSON, and how a request picks one: a
 * {@code format} query parameter wins; otherwise the {@code Accept} header, by quality and then by
 * how specific the media range is. A request that names none of them gets JSON, so a browser or
 * {@code curl} without options sees the contract's JSON.
 */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0.0 text, which Prometheus asks for first when it scrapes. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Thrown for a {@code format} parameter that names no format. */
    public static final class UnknownFormat extends Exception {
        UnknownFormat(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The format a request asks for, or null for JSON.
     *
     * @param formatParameter the {@code format} query parameter, or null
     * @param accept the {@code Accept} header, or null
     */
    public static ExpositionFormat choose(String formatParameter, String accept) throws UnknownFormat {
        if (formatParameter != null) {
            switch (formatParameter.toLowerCase(Locale.ROOT)) {
                case "prometheus", "text" -> {
                    return PROMETHEUS_TEXT;
                }
                case "openmetrics" -> {
                    return OPENMETRICS;
                }
                case "json" -> {
                    return null;
                }
                default -> throw new UnknownFormat("unknown format '" + formatParameter
                        + "'; expected prometheus, openmetrics or json");
            }
        }
        if (accept == null || accept.isBlank()) {
            return null;
        }
        // Each candidate's best match: quality first, then specificity (2 exact, 1 type/*, 0 */*).
        double[] quality = new double[3];
        int[] specificity = {-1, -1, -1};
        final int json = 0;
        final int text = 1;
        final int openMetrics = 2;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        q = Double.parseDouble(parameter.substring(2).trim());
                    } catch (NumberFormatException malformed) {
                        q = 0; // a range whose quality cannot be read is not a preference
                    }
                }
            }
            if (!(q > 0)) {
                continue;
            }
            switch (type) {
                case "application/json" -> offer(quality, specificity, json, q, 2);
                case "application/*" -> offer(quality, specificity, json, q, 1);
                case "*/*" -> offer(quality, specificity, json, q, 0);
                case "text/plain" -> offer(quality, specificity, text, q, 2);
                case "text/*" -> offer(quality, specificity, text, q, 1);
                case "application/openmetrics-text" -> offer(quality, specificity, openMetrics, q, 2);
                default -> {
                    // another type: no preference for any of ours
                }
            }
        }
        int best = json;
        for (int candidate : new int[] {openMetrics, text}) {
            if (specificity[candidate] < 0) {
                continue;
            }
            boolean better = specificity[best] < 0
                    || quality[candidate] > quality[best]
                    || (quality[candidate] == quality[best] && specificity[candidate] > specificity[best]);
            if (better) {
                best = candidate;
            }
        }
        return best == openMetrics ? OPENMETRICS : best == text ? PROMETHEUS_TEXT : null;
    }

    private static void offer(double[] quality, int[] specificity, int candidate, double q, int specific) {
        if (specific > specificity[candidate] || (specific == specificity[candidate] && q > quality[candidate])) {
            // the most specific range that matches decides the quality (RFC 9110, 12.5.1)
            quality[candidate] = q;
            specificity[candidate] = specific;
        }
    }
}
