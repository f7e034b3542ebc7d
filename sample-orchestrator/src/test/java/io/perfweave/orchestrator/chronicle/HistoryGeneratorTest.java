package io.perfweave.orchestrator.chronicle;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryGeneratorTest {

    private final HistoryGenerator generator = new HistoryGenerator();

    @Test
    void sameCountAndSeedGiveTheSameHistory() {
        assertEquals(generator.generate(300, 11), generator.generate(300, 11));
    }

    @Test
    void anotherSeedGivesOtherProjectsButTheSameFixtures() {
        ChronicleHistory first = generator.generate(100, 1);
        ChronicleHistory second = generator.generate(100, 2);
        assertNotEquals(first.require("PROJ-00001"), second.require("PROJ-00001"));
        for (String fixture : Set.of("TEST-001", "TEST-002", "TEST-003", "TEST-004", "TEST-005",
                "CORRUPT-001", "CORRUPT-002")) {
            assertEquals(first.require(fixture), second.require(fixture), fixture);
        }
    }

    @Test
    void aProjectDoesNotDependOnHowManyOthersAreGenerated() {
        assertEquals(generator.generate(10, 5).require("PROJ-00007"),
                generator.generate(50, 5).require("PROJ-00007"));
    }

    @Test
    void containsTheNumberedProjectsAndTheFixtures() {
        ChronicleHistory history = generator.generate(25, 9);
        assertEquals(25 + 7, history.size());
        assertEquals("PROJ-00001", history.projects().get(0).projectId());
        assertTrue(history.find("PROJ-00025").isPresent());
        assertFalse(history.find("PROJ-00026").isPresent());
        assertTrue(history.find("TEST-001").isPresent());
        assertTrue(history.find("TEST-005").isPresent());
        assertEquals(2, history.require("TEST-004").sprints().size());
    }

    @Test
    void onlyTheCorruptFixturesHaveImpossibleSprints() {
        ChronicleHistory history = generator.generate(400, 42);
        Set<String> unusable = history.projects().stream()
                .filter(project -> !project.hasUsableHistory())
                .map(Project::projectId)
                .collect(Collectors.toSet());
        assertEquals(Set.of("CORRUPT-001", "CORRUPT-002"), unusable);
        assertEquals(-5, history.require("CORRUPT-001").sprints().get(2).durationDays());
        assertEquals(0, history.require("CORRUPT-002").sprints().get(3).plannedPoints());
    }

    @Test
    void generatedOutcomesAreMixedSoThereIsSomethingToLearn() {
        Set<ProjectOutcome> outcomes = generator.generate(400, 42).projects().stream()
                .map(Project::outcome)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProjectOutcome.class)));
        assertEquals(EnumSet.allOf(ProjectOutcome.class), outcomes);
    }
}
