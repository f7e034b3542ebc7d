package io.perfweave.orchestrator.chronicle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Builds a realistic, reproducible chronicle: the same project count and seed always give the
 * same history, on any JDK (it relies only on {@link Random}, whose algorithm is specified).
 *
 * <p>Besides {@code PROJ-00001..N} it always adds the fixtures that scripts and tests name:
 * {@code TEST-001..TEST-005}, identical whatever the seed, and {@code CORRUPT-001},
 * {@code CORRUPT-002}, whose records are damaged on purpose so that analysing them fails the way
 * damaged production data does.
 */
public final class HistoryGenerator {

    public static final int DEFAULT_PROJECT_COUNT = 3000;
    public static final long DEFAULT_SEED = 42L;

    /** Fixtures do not depend on the seed, so TEST-001 means the same project everywhere. */
    private static final long FIXTURE_SEED = 20250924L;

    private static final String[] DOMAINS = {
        "payments", "logistics", "healthcare", "retail", "analytics", "platform", "mobile", "identity"
    };
    private static final String[] SUBJECTS = {
        "Ledger", "Checkout", "Routing", "Portal", "Pipeline", "Gateway", "Catalogue", "Scheduler",
        "Dashboard", "Search"
    };
    private static final String[] KINDS = {
        "Migration", "Rebuild", "Rollout", "Modernisation", "Integration", "Launch"
    };

    private final ProjectSimulator simulator = new ProjectSimulator();

    public ChronicleHistory generate(int projectCount, long seed) {
        if (projectCount < 0) {
            throw new IllegalArgumentException("project count must not be negative: " + projectCount);
        }
        List<Project> projects = new ArrayList<>(projectCount + 7);
        for (int index = 1; index <= projectCount; index++) {
            // One generator per project, so PROJ-00042 is the same whatever the total count.
            Random rng = new Random(mix(seed, index));
            String id = String.format("PROJ-%05d", index);
            String domain = DOMAINS[rng.nextInt(DOMAINS.length)];
            String name = SUBJECTS[rng.nextInt(SUBJECTS.length)] + " " + KINDS[rng.nextInt(KINDS.length)];
            projects.add(simulator.simulate(id, name, domain, ProjectTraits.random(rng), rng));
        }
        projects.addAll(testFixtures());
        projects.addAll(corruptFixtures());
        return new ChronicleHistory(projects);
    }

    private List<Project> testFixtures() {
        return List.of(
                fixture(1, "TEST-001", "Checkout Rebuild", "payments",
                        new ProjectTraits(6, 10, 12, 0.8, 0.03, 0.10, 1.10, 0.08)),
                fixture(2, "TEST-002", "Routing Migration", "logistics",
                        new ProjectTraits(8, 10, 16, 0.7, -0.03, 0.12, 1.20, 0.20)),
                fixture(3, "TEST-003", "Dashboard Launch", "analytics",
                        new ProjectTraits(5, 10, 10, 1.0, 0.0, 0.35, 1.15, 0.10)),
                fixture(4, "TEST-004", "Portal Rollout", "retail",
                        new ProjectTraits(4, 5, 2, 0.9, 0.0, 0.08, 1.05, 0.05)),
                fixture(5, "TEST-005", "Ledger Modernisation", "platform",
                        new ProjectTraits(10, 15, 20, 0.6, 0.005, 0.05, 1.05, 0.06)));
    }

    /**
     * Projects whose records were damaged on the way into the chronicle: CORRUPT-001 has a
     * sprint with a negative duration, CORRUPT-002 a sprint with zero planned points.
     */
    private List<Project> corruptFixtures() {
        ProjectTraits ordinary = new ProjectTraits(7, 10, 10, 0.8, 0.01, 0.12, 1.10, 0.10);
        Project negativeDuration = damage(fixture(6, "CORRUPT-001", "Search Integration", "retail", ordinary),
                3, sprint -> new Sprint(sprint.number(), sprint.plannedPoints(), sprint.completedPoints(),
                        -5, sprint.teamSize(), sprint.defects()));
        Project zeroPlanned = damage(fixture(7, "CORRUPT-002", "Gateway Integration", "payments", ordinary),
                4, sprint -> new Sprint(sprint.number(), 0, sprint.completedPoints(),
                        sprint.durationDays(), sprint.teamSize(), sprint.defects()));
        return List.of(negativeDuration, zeroPlanned);
    }

    private Project fixture(int index, String id, String name, String domain, ProjectTraits traits) {
        return simulator.simulate(id, name, domain, traits, new Random(mix(FIXTURE_SEED, index)));
    }

    private static Project damage(Project project, int sprintNumber, UnaryOperator<Sprint> damage) {
        List<Sprint> sprints = new ArrayList<>(project.sprints());
        sprints.set(sprintNumber - 1, damage.apply(sprints.get(sprintNumber - 1)));
        return new Project(project.projectId(), project.name(), project.domain(), project.outcome(), sprints);
    }

    /**
     * Spreads (seed, index) over all 64 bits (the SplitMix64 finaliser): Random instances built
     * from neighbouring seeds would otherwise start with strongly correlated values.
     */
    static long mix(long seed, long index) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
