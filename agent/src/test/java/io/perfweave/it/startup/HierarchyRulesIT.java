package io.perfweave.it.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.startup.HierarchyApp;
import io.perfweave.it.apps.startup.HierarchyClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rules without a class glob in an application of 2,000 classes, which are let through without
 * the weaver when their class files show they cannot match: the one class that does is still
 * woven, and its call measured, also while the weaver is starting.
 */
class HierarchyRulesIT {
    @TempDir
    static Path dir;
    private static Path classes;

    @BeforeAll
    static void compile() throws Exception {
        classes = HierarchyClasses.compile(dir.resolve("gen"), 2000);
    }

    private static JsonNode run(String rule, String name) throws Exception {
        Path report = dir.resolve(name + ".json");
        String config = String.join("\n",
                "server: {enabled: false}",
                "report_on_exit: " + report,
                "operations:",
                "  - " + rule,
                "");
        try (ForkedJvm jvm = ForkedJvm.start(config, null,
                List.of(ForkedJvm.TEST_CLASSES.toAbsolutePath() + File.pathSeparator + classes), List.of(),
                HierarchyApp.class.getName(), "2000")) {
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(120)), String.join("\n", jvm.stderr()));
            assertEquals("answered 193", jvm.stdout().get(jvm.stdout().size() - 1));
        }
        return new ObjectMapper().readTree(Files.readString(report));
    }

    @Test
    void theOneSubtypeAmongManyClassesIsMeasured() throws Exception {
        JsonNode report = run("{name: repository_find, subtype_of: " + HierarchyClasses.REPOSITORY + ", method: find}",
                "subtype");
        assertEquals(1, report.path("repository_find").path("total_calls").asLong(), report.toString());
        assertEquals(1, report.path("repository_find").path("matched").asInt(), report.toString());
    }

    @Test
    void theOneAnnotatedClassAmongManyIsMeasured() throws Exception {
        JsonNode report = run("{name: marked_find, annotated_with: " + HierarchyClasses.MARKER + ", method: find}",
                "annotated");
        assertEquals(1, report.path("marked_find").path("total_calls").asLong(), report.toString());
        assertEquals(1, report.path("marked_find").path("matched").asInt(), report.toString());
    }
}
