package io.perfweave.it;

import io.perfweave.it.apps.CountingApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent copies its nested jars to the temporary directory once per build; copying a new
 * build removes other builds' copies that have gone unused for a week, and leaves recent ones.
 */
class ExtractedJarsIT {
    @Test
    void aNewBuildRemovesCopiesOfOtherBuildsUnusedForAWeek(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("perfweave-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_"));
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path stale = dir.resolve("perfweave-core-0badc0de-12345.jar");
        Path recent = dir.resolve("perfweave-core-0c0ffee0-12345.jar");
        Path staleBootstrap = dir.resolve("perfweave-bootstrap-0badc0de-123.jar");
        for (Path copy : List.of(stale, recent, staleBootstrap)) {
            Files.writeString(copy, "an older build");
        }
        FileTime weekAndADayAgo = FileTime.from(Instant.now().minus(8, ChronoUnit.DAYS));
        Files.setLastModifiedTime(stale, weekAndADayAgo);
        Files.setLastModifiedTime(staleBootstrap, weekAndADayAgo);
        Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        String config = "operations:\n  - name: work\n    class: " + CountingApp.class.getName() + "\n    method: work\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, "port=0", List.of(), List.of("-Djava.io.tmpdir=" + tmp),
                CountingApp.class.getName(), "1", "100", "0")) {
            jvm.awaitStdout("done calls=100", Duration.ofSeconds(60));
            assertEquals(100, jvm.getJson("/metrics").get("work").get("total_calls").asLong(), "the agent runs");
            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(30)), String.join("\n", jvm.stderr()));
        }
        assertFalse(Files.exists(stale), "a copy unused for 8 days is removed");
        assertFalse(Files.exists(staleBootstrap));
        assertTrue(Files.exists(recent), "a copy used 2 days ago stays");
        try (Stream<Path> copies = Files.list(dir)) {
            List<String> names = copies.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString()); // the recent one, and this build's two copies
            assertTrue(names.stream().anyMatch(n -> n.startsWith("perfweave-core-") && !n.contains("0c0ffee0")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("perfweave-bootstrap-")), names.toString());
        }
    }
}
