package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.LibraryUserApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host with its own, different versions of Jackson, Byte Buddy and JNA runs unchanged under the
 * agent, and the agent works beside it (the libraries' jars are copied by the build into
 * {@code target/conflicting-libraries}).
 */
class ConflictingLibrariesIT {
    private static final String APP = LibraryUserApp.class.getName();

    @Test
    void hostAndAgentEachUseTheirOwnLibraries() throws Exception {
        List<String> classPath = libraries();
        String config = "operations:\n  - name: '{method}'\n    class: " + APP + "\n    method: 'use*'\n";
        List<String> expected;
        try (ForkedJvm plain = ForkedJvm.start(null, null, classPath, List.of(), APP)) {
            assertEquals(0, plain.awaitExit(Duration.ofSeconds(60)), plain.stderr().toString());
            expected = plain.stdout();
        }
        assertTrue(expected.get(0).startsWith("jackson 2.17.2"), expected.toString());
        assertTrue(expected.get(1).startsWith("bytebuddy from byte-buddy-1.14.12.jar"), expected.toString());
        assertTrue(expected.get(2).startsWith("jna 5.13.0"), expected.toString());

        try (ForkedJvm jvm = ForkedJvm.start(config, "port=0", classPath, List.of(), APP, "wait")) {
            jvm.awaitStdout("ready", Duration.ofSeconds(60));
            List<String> output = jvm.stdout();
            assertEquals(expected, output.subList(0, expected.size()));
            for (String operation : List.of("useJackson", "useByteBuddy", "useJna")) {
                JsonNode metrics = jvm.getJson("/metrics/" + operation);
                assertEquals(1, metrics.path("successful_calls").asLong(), operation + ": " + metrics);
            }
        }
    }

    private static List<String> libraries() throws IOException {
        Path dir = Path.of(System.getProperty("perfweave.conflictingLibraries", "target/conflicting-libraries"));
        try (Stream<Path> jars = Files.list(dir)) {
            List<String> list = jars.map(p -> p.toAbsolutePath().toString()).sorted().toList();
            assertTrue(list.size() >= 5, "expected the conflicting libraries in " + dir + ", found " + list);
            return list;
        }
    }
}
