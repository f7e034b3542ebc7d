package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns from the whole chronicle which features separate successful projects from the rest,
 * and checks how the similar projects fared and where the analysed project stands.
 */
public class SuccessPatternDetector {

    /**
     * Differences smaller than a fifth of a standard deviation are too small to act on
     * (the conventional threshold for a "small" effect).
     */
    static final double MIN_EFFECT_SIZE = 0.2;

    public SuccessIndicators identifySuccessPatterns(
            String projectId, List<SimilarProject> similarProjects, ChronicleHistory history) {
        ProjectProfile project = ProjectProfile.of(history.require(projectId));
        List<ProjectProfile> population = ProjectProfile.ofComparableProjects(history, projectId);

        List<ProjectProfile> successful = new ArrayList<>();
        List<ProjectProfile> unsuccessful = new ArrayList<>();
        for (ProjectProfile profile : population) {
            (profile.outcome() == ProjectOutcome.SUCCESS ? successful : unsuccessful).add(profile);
        }

        Map<String, Integer> similarOutcomes = new LinkedHashMap<>();
        for (ProjectOutcome outcome : ProjectOutcome.values()) {
            similarOutcomes.put(outcome.wireName(), 0);
        }
        List<ProjectProfile> similarSuccessful = new ArrayList<>();
        for (SimilarProject similar : similarProjects) {
            similarOutcomes.merge(similar.outcome().wireName(), 1, Integer::sum);
            if (similar.outcome() == ProjectOutcome.SUCCESS) {
                similarSuccessful.add(ProjectProfile.of(history.require(similar.projectId())));
            }
        }

        List<SuccessPattern> patterns = contrasts(project, population, successful, unsuccessful, similarSuccessful);
        long aligned = patterns.stream().filter(SuccessPattern::projectOnSuccessfulSide).count();
        return new SuccessIndicators(
                similarProjects.size(),
                share(similarSuccessful.size(), similarProjects.size()),
                share(successful.size(), population.size()),
                similarOutcomes,
                patterns,
                share((int) aligned, patterns.size()));
    }

    private static List<SuccessPattern> contrasts(
            ProjectProfile project,
            List<ProjectProfile> population,
            List<ProjectProfile> successful,
            List<ProjectProfile> unsuccessful,
            List<ProjectProfile> similarSuccessful) {
        List<SuccessPattern> patterns = new ArrayList<>();
        if (successful.isEmpty() || unsuccessful.isEmpty()) {
            return patterns; // Nothing to contrast: every project ended the same way.
        }
        int featureCount = ProjectProfile.FEATURE_NAMES.size();
        FeatureScaling scaling = FeatureScaling.fit(population, featureCount);
        for (int f = 0; f < featureCount; f++) {
            double deviation = scaling.standardDeviation(f);
            if (deviation == 0) {
                continue;
            }
            double successfulMean = mean(successful, f);
            double unsuccessfulMean = mean(unsuccessful, f);
            double effectSize = (successfulMean - unsuccessfulMean) / deviation;
            if (Math.abs(effectSize) < MIN_EFFECT_SIZE) {
                continue;
            }
            double value = project.feature(f);
            boolean onSuccessfulSide = Math.abs(value - successfulMean) <= Math.abs(value - unsuccessfulMean);
            patterns.add(new SuccessPattern(
                    ProjectProfile.FEATURE_NAMES.get(f),
                    successfulMean,
                    unsuccessfulMean,
                    effectSize,
                    similarSuccessful.isEmpty() ? null : mean(similarSuccessful, f),
                    value,
                    onSuccessfulSide));
        }
        patterns.sort(Comparator.comparingDouble((SuccessPattern p) -> Math.abs(p.effectSize())).reversed());
        return patterns;
    }

    private static double mean(List<ProjectProfile> profiles, int feature) {
        double sum = 0;
        for (ProjectProfile profile : profiles) {
            sum += profile.feature(feature);
        }
        return sum / profiles.size();
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
