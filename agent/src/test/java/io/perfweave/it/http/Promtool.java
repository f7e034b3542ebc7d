package io.perfweave.it.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus' own checker, on what the agent writes: expositions, rules files, rule tests. */
final class Promtool {
    private Promtool() {
    }

    /** What promtool said: its exit status and its output, both streams together. */
    record Result(int exit, String output) {
    }

    /** Runs {@code promtool ARGS} in {@code dir}, reading standard input from {@code input} (or nothing). */
    static Result run(Path dir, Path input, String... args) throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promtool " + String.join(" ", args) + " did not end");
        return new Result(process.exitValue(), output);
    }

    /** {@code promtool check metrics} accepts the exposition text, without remarks. */
    static void assertAcceptsExposition(Path dir, String exposition) throws Exception {
        Path file = Files.createTempFile(dir, "metrics", ".txt");
        Files.writeString(file, exposition);
        Result check = run(dir, file, "check", "metrics");
        assertEquals(0, check.exit(), "promtool check metrics:\n" + check.output() + "\non:\n" + exposition);
        assertEquals("", check.output().strip(), "promtool has remarks");
    }
}
