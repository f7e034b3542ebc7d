package io.perfweave.orchestrator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher as scripts use it: a separate JVM, its exit code and its one line of output. */
class MainProcessTest {

    private static final Pattern READY = Pattern.compile("sample-orchestrator listening on port (\\d+)");

    @Test
    void badFlagExitsWithStatus2AndNamesTheFlag() throws Exception {
        Process process = launch("--port", "eighty");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue());
        assertTrue(stderr.contains("--port expects a whole number"), stderr);
    }

    @Test
    void unreadableDataFileExitsWithStatus2(@TempDir Path dir) throws Exception {
        Process process = launch("--data", dir.resolve("missing.json").toString());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue());
        assertTrue(stderr.contains("--data"), stderr);
    }

    @Test
    void printsTheReadyLineOnceServing() throws Exception {
        Process process = launch("--port", "0", "--projects", "50", "--seed", "3");
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher ready = READY.matcher(line == null ? "" : line);
            assertTrue(ready.matches(), "first line was: " + line);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ready.group(1) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"projects\":57"), health.body());
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
