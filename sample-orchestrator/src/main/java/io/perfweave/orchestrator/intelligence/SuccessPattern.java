package io.perfweave.orchestrator.intelligence;

/**
 * A feature on which successful projects differ from the rest.
 *
 * @param successfulMean        mean over successful comparable projects
 * @param unsuccessfulMean      mean over challenged and failed comparable projects
 * @param effectSize            difference of the two means in standard deviations of the whole population;
 *                              positive when successful projects have more of the feature
 * @param similarSuccessfulMean mean over the successful projects among the similar ones, {@code null} if none succeeded
 * @param projectValue          the analysed project's own value
 * @param projectOnSuccessfulSide whether that value is nearer the successful mean than the unsuccessful one
 */
public record SuccessPattern(
        String feature,
        double successfulMean,
        double unsuccessfulMean,
        double effectSize,
        Double similarSuccessfulMean,
        double projectValue,
        boolean projectOnSuccessfulSide) {
}
