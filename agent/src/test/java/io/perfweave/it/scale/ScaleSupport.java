package io.perfweave.it.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the scale tests share: the forked JVM's version, polling the agent, reading its output. */
final class ScaleSupport {
    private static final Pattern COUNT = Pattern.compile("(\\w+)=(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"(\\d+)(?:[.\"+-]|$)");
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)\\} (\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleSupport() {
    }

    /** The feature version (17, 21, 25, ...) of the JDK the forked JVMs run on, as ForkedJvm picks it. */
    static int forkedJavaFeature() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("perfweave.itJavaHome", System.getProperty("java.home")));
        Path release = home.resolve("release");
        String text;
        if (Files.isRegularFile(release)) {
            text = Files.readString(release); // JAVA_VERSION="25.0.1"
        } else {
            Process version = new ProcessBuilder(home.resolve("bin").resolve("java").toString(), "-version")
                    .redirectErrorStream(true).start();
            text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor(30, TimeUnit.SECONDS);
        }
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no Java version for " + home + " in: " + text);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The {@code key=number} pairs of a line such as {@code done calls=10 failures=1}. */
    static Map<String, Long> counts(String line) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher matcher = COUNT.matcher(line);
        while (matcher.find()) {
            counts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return counts;
    }

    /**
     * Polls {@code GET path} until its answer satisfies {@code done}, and returns that answer. A
     * failed request counts as not done yet; at the deadline the last answer or error is reported.
     */
    static JsonNode awaitJson(ForkedJvm jvm, String path, Predicate<JsonNode> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (true) {
            if (!isAlive(jvm)) {
                throw new AssertionError("the JVM ended while waiting for " + path + "; last: " + last
                        + "\nstderr:\n" + String.join("\n", jvm.stderr()));
            }
            try {
                JsonNode answer = jvm.getJson(path);
                if (done.test(answer)) {
                    return answer;
                }
                last = abbreviate(answer.toString());
            } catch (IOException | AssertionError e) {
                last = e.toString();
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("GET " + path + " did not reach the expected state within " + timeout
                        + "; last: " + last);
            }
            Thread.sleep(200);
        }
    }

    /**
     * {@code GET path}, answered 200, or an AssertionError that carries the end of the JVM's
     * standard error: when a scrape fails, the reason (such as an OutOfMemoryError on an agent
     * thread) is there, not in the client's exception.
     */
    static HttpResponse<String> get(ForkedJvm jvm, String path) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = jvm.http("GET", path);
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e + stderrTail(jvm), e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()) + stderrTail(jvm));
        }
        return response;
    }

    static JsonNode getJson(ForkedJvm jvm, String path) throws IOException, InterruptedException {
        return JSON.readTree(get(jvm, path).body());
    }

    /** Whether the JVM runs, its first OutOfMemoryError (a long stack trace may push it out of the tail), its last lines. */
    private static String stderrTail(ForkedJvm jvm) {
        List<String> lines = jvm.stderr();
        String outOfMemory = lines.stream().filter(line -> line.contains("OutOfMemoryError")).findFirst()
                .map(line -> "; it ran out of memory: " + line).orElse("");
        return "\nthe JVM is " + (isAlive(jvm) ? "running" : "gone") + outOfMemory + "\nthe end of its stderr:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static boolean isAlive(ForkedJvm jvm) {
        return ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The samples of one metric in a Prometheus text exposition, keyed by their label text as
     * written, e.g. {@code operation="work",outcome="failure"}.
     */
    static Map<String, Double> samples(String exposition, String metric) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{")) {
                Matcher matcher = SAMPLE.matcher(line);
                if (matcher.matches() && matcher.group(1).equals(metric)) {
                    samples.put(matcher.group(2), Double.parseDouble(matcher.group(3)));
                }
            }
        }
        return samples;
    }

    /** Label text for {@link #samples}: {@code operation="name",outcome="outcome"}. */
    static String callsLabels(String operation, String outcome) {
        return "operation=\"" + operation + "\",outcome=\"" + outcome + "\"";
    }

    static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " characters)";
    }
}
