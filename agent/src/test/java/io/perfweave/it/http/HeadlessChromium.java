package io.perfweave.it.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium without a window: loads a page in a fresh profile, lets its scripts run for a
 * stretch of virtual time, and gives back the resulting DOM or a screenshot, with the browser's
 * log (where every console message of the page appears as a {@code CONSOLE} line).
 */
final class HeadlessChromium {
    /** What one run left: the DOM (for --dump-dom) and the browser's log. */
    record Run(String dom, List<String> log) {
        /** The page's console messages: errors, warnings, failed loads, refused by the CSP. */
        List<String> consoleMessages() {
            return log.stream().filter(line -> line.contains(":CONSOLE")).toList();
        }
    }

    private final Path binary;
    private final Path workDir;

    HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    Run dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
        return run(url, virtualMillis, List.of("--dump-dom"));
    }

    Run screenshot(String url, int virtualMillis, Path png, int width, int height) throws IOException, InterruptedException {
        return run(url, virtualMillis, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
    }

    private Run run(String url, int virtualMillis, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path out = Files.createTempFile(workDir, "chromium-", ".out");
        Path err = Files.createTempFile(workDir, "chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=" + virtualMillis));
        command.addAll(extra);
        command.add(url);
        Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s:\n" + Files.readString(err));
        }
        List<String> log = Files.readAllLines(err, StandardCharsets.UTF_8);
        if (chromium.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + chromium.exitValue() + ":\n" + String.join("\n", log));
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), log);
    }
}
