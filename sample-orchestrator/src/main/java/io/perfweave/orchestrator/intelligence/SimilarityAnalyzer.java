package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the past projects most like a given one, comparing every comparable project in the
 * chronicle on standardised features and on the shape of its velocity curve.
 */
public class SimilarityAnalyzer {

    public static final int DEFAULT_TOP_K = 10;

    /**
     * Relative importance of each feature (order of {@link ProjectProfile#FEATURE_NAMES}):
     * delivering what was planned says most about how a project will go, team size least.
     */
    private static final double[] FEATURE_WEIGHTS = {1.0, 1.5, 0.75, 1.0, 1.0};

    /** Brings the curve distance (typically 0.02 to 0.3) to the scale of the feature distance. */
    private static final double CURVE_WEIGHT = 5.0;

    private static final Comparator<SimilarProject> MOST_SIMILAR_FIRST =
            Comparator.comparingDouble(SimilarProject::similarityScore).reversed()
                    .thenComparing(SimilarProject::projectId);

    private final int topK;

    public SimilarityAnalyzer() {
        this(DEFAULT_TOP_K);
    }

    public SimilarityAnalyzer(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1: " + topK);
        }
        this.topK = topK;
    }

    /** The {@code topK} most similar comparable projects, most similar first. */
    public List<SimilarProject> findSimilarProjects(String projectId, ChronicleHistory history) {
        Project project = history.require(projectId);
        ProjectProfile target = ProjectProfile.of(project);
        List<ProjectProfile> candidates = ProjectProfile.ofComparableProjects(history, projectId);

        List<ProjectProfile> population = new ArrayList<>(candidates);
        population.add(target);
        FeatureScaling scaling = FeatureScaling.fit(population, ProjectProfile.FEATURE_NAMES.size());
        double[] targetFeatures = scaling.scale(target.features());

        // Keeps only the best k seen so far: the weakest of them sits at the head, ready to go.
        PriorityQueue<SimilarProject> best = new PriorityQueue<>(topK + 1, MOST_SIMILAR_FIRST.reversed());
        for (ProjectProfile candidate : candidates) {
            double featureDistance = weightedDistance(targetFeatures, scaling.scale(candidate.features()));
            double curveDistance = DynamicTimeWarping.normalisedDistance(
                    target.velocityShape(), candidate.velocityShape());
            double similarity = 1.0 / (1.0 + featureDistance + CURVE_WEIGHT * curveDistance);
            Project match = candidate.project();
            best.add(new SimilarProject(match.projectId(), match.name(), match.domain(), match.outcome(),
                    similarity, featureDistance, curveDistance));
            if (best.size() > topK) {
                best.poll();
            }
        }
        List<SimilarProject> ranked = new ArrayList<>(best);
        ranked.sort(MOST_SIMILAR_FIRST);
        return ranked;
    }

    private static double weightedDistance(double[] a, double[] b) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            double difference = a[f] - b[f];
            sum += FEATURE_WEIGHTS[f] * difference * difference;
        }
        return Math.sqrt(sum);
    }
}
