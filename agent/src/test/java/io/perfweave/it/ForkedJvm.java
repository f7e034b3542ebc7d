package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real JVM started with {@code -javaagent:perfweave-agent.jar} (or without it, for comparison),
 * running one of the test applications. Its output is collected line by line; the agent's port is
 * found from its log line.
 */
public final class ForkedJvm implements AutoCloseable {
    static final Path AGENT_JAR = Path.of(System.getProperty("perfweave.agentJar", "target/perfweave-agent.jar"));
    public static final Path TEST_CLASSES = Path.of(System.getProperty("perfweave.testClasses", "target/test-classes"));
    static final String JAVA_HOME = System.getProperty("perfweave.itJavaHome", System.getProperty("java.home"));
    private static final Pattern PORT_LINE = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private Integer port;

    private ForkedJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    /** Starts {@code mainClass} with the agent and the given config text (null: no agent). */
    public static ForkedJvm start(String configYaml, String agentExtraArgs, List<String> classPath,
                                  List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(JAVA_HOME, "bin", "java").toString());
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        if (configYaml != null) {
            Path config = Files.createTempFile("perfweave-it-", ".yaml");
            Files.writeString(config, configYaml);
            config.toFile().deleteOnExit();
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=config=" + config
                    + (agentExtraArgs == null ? "" : "," + agentExtraArgs));
        }
        List<String> cp = new ArrayList<>();
        cp.add(TEST_CLASSES.toAbsolutePath().toString());
        cp.addAll(classPath);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, cp));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ForkedJvm(new ProcessBuilder(command).start());
    }

    /** Starts {@code mainClass} from the test classes with the agent and a config file the test may change. */
    public static ForkedJvm startFile(Path config, String agentExtraArgs, List<String> jvmOptions, String mainClass,
                                      String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(JAVA_HOME, "bin", "java").toString());
        command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=config=" + config.toAbsolutePath()
                + (agentExtraArgs == null ? "" : "," + agentExtraArgs));
        if (!jvmOptions.contains("-cp")) {
            command.add("-cp");
            command.add(TEST_CLASSES.toAbsolutePath().toString());
        }
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ForkedJvm(new ProcessBuilder(command).start());
    }

    /** Starts an executable jar with the agent and the config file given. */
    public static ForkedJvm startJar(Path config, String agentExtraArgs, Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(JAVA_HOME, "bin", "java").toString());
        command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=config=" + config.toAbsolutePath()
                + (agentExtraArgs == null ? "" : "," + agentExtraArgs));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return new ForkedJvm(new ProcessBuilder(command).start());
    }

    /**
     * Runs the agent jar's command line ({@code java -jar perfweave-agent.jar ARGS}) to its end and
     * returns its exit status; what it printed, both streams together, goes to {@code output}.
     */
    public static int runCommand(List<String> output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(JAVA_HOME, "bin", "java").toString(), "-jar",
                AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        output.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("perfweave-agent.jar " + String.join(" ", args) + " did not end within 60 s");
        }
        return process.exitValue();
    }

    public static ForkedJvm start(String configYaml, String mainClass, String... args) throws IOException {
        return start(configYaml, "port=0", List.of(), List.of(), mainClass, args);
    }

    private static void pump(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for a line of standard output that contains {@code text}. */
    public String awaitStdout(String text, Duration timeout) throws InterruptedException {
        return await(stdout, text, timeout);
    }

    public String awaitStderr(String text, Duration timeout) throws InterruptedException {
        return await(stderr, text, timeout);
    }

    private String await(List<String> lines, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long deadSince = 0;
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
                long now = System.nanoTime();
                if (!process.isAlive() && deadSince == 0) {
                    deadSince = now;
                }
                boolean drained = deadSince != 0 && now - deadSince > TimeUnit.MILLISECONDS.toNanos(500);
                if (now >= deadline || drained) {
                    throw new AssertionError("no line containing '" + text + "' within " + timeout
                            + (drained ? " (the process ended)" : "")
                            + "\nstdout:\n" + String.join("\n", lines == stdout ? lines : stdout())
                            + "\nstderr:\n" + String.join("\n", lines == stderr ? lines : stderr()));
                }
                lines.wait(100);
            }
        }
    }

    /** The sample orchestrator's own port, from the line it prints when it is ready. */
    public int awaitOrchestratorPort() throws InterruptedException {
        String ready = awaitStdout("sample-orchestrator listening on port", Duration.ofSeconds(60));
        return Integer.parseInt(ready.substring(ready.lastIndexOf(' ') + 1).trim());
    }

    /** The agent's HTTP port, from its log line. */
    public int port() throws InterruptedException {
        if (port == null) {
            Matcher matcher = PORT_LINE.matcher(awaitStderr("metrics on http://", Duration.ofSeconds(30)));
            if (!matcher.find()) {
                throw new AssertionError("no port in the agent's log");
            }
            port = Integer.parseInt(matcher.group(1));
        }
        return port;
    }

    public HttpResponse<String> http(String method, String path) throws IOException, InterruptedException {
        return http(port(), method, path, null);
    }

    /** A request to any port on this machine; {@code jsonBody} may be null. */
    public static HttpResponse<String> http(int port, String method, String path, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
                .timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http("GET", path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Waits for the process to end and returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not end within " + timeout + "\nstdout:\n"
                    + String.join("\n", stdout()) + "\nstderr:\n" + String.join("\n", stderr()));
        }
        Thread.sleep(50); // let the pumps drain
        return process.exitValue();
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return new ArrayList<>(stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return new ArrayList<>(stderr);
        }
    }

    /** Lines the agent wrote (prefixed {@code [perfweave]}). */
    public List<String> agentLog() {
        return stderr().stream().filter(line -> line.startsWith("[perfweave]")).toList();
    }

    public long pid() {
        return process.pid();
    }

    /** Writes a line to the application's standard input. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
