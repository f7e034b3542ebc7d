package io.perfweave.it.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.http.AgentHttpServer;
import io.perfweave.agent.http.MetricsRoutes;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/performance_test.sh} end to end: the seeds' performance test against the sample
 * orchestrator with the agent. At the default data size every criterion passes; with a history
 * large enough that one pattern analysis takes about 2 s on this machine (sized from the default
 * run's speed, since the analysis grows linearly with the history) it takes longer than its
 * 1-second limit, the script says FAIL for it and exits 1, and the run is flagged as a regression
 * against the first run's baseline; a run faster than a baseline is no regression. Bad options
 * exit 2, a missing tool 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerformanceScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("scripts/performance_test.sh");
    private static final Path ORCHESTRATOR = ROOT.resolve("sample-orchestrator/target/sample-orchestrator.jar");
    private static final Path CONFIG = ROOT.resolve("config/agent.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPERATIONS = List.of("enhanced_orchestration", "full_pattern_analysis",
            "similarity_analysis", "velocity_analysis", "success_pattern_detection", "insights_generation");
    private static final List<String> CRITERIA = List.of("total_orchestration_ms", "pattern_analysis_ms",
            "memory_increase_mb", "success_rate_percent", "simultaneous_without_degradation", "per_project_report");
    /** How long one pattern analysis of the slow run should take: twice the seeds' 1 s limit. */
    private static final double SLOW_TARGET_MS = 2000;

    /** The history size for the slow run, from the default run's speed; about 190,000 here. */
    private static int slowProjects = 200_000;

    @TempDir
    static Path dir;

    record Run(int exit, String stdout, String stderr) {
        boolean printed(String line) {
            return stdout.lines().anyMatch(l -> l.equals(line) || l.startsWith(line));
        }
    }

    @BeforeAll
    static void toolsArePresent() {
        for (String tool : List.of("bash", "curl", "jq")) {
            if (which(tool) == null) {
                String reason = tool + " is not installed (bash .ci/install-test-tools.sh installs it)";
                if (System.getenv("CI") != null) {
                    Assertions.fail(reason);
                }
                System.out.println("SKIPPED: " + reason);
                Assumptions.abort(reason);
            }
        }
        assertTrue(Files.isRegularFile(ORCHESTRATOR), ORCHESTRATOR + " is built by the sample-orchestrator module first");
    }

    @Test
    @Order(1)
    void everyCriterionPassesAtTheDefaultSizeAndTheBaselineIsSaved() throws Exception {
        Path out = dir.resolve("default");
        Path baseline = dir.resolve("baseline.json");
        Run run = script(Map.of(), "--out", out.toString(), "--save-baseline", baseline.toString());

        assertEquals(0, run.exit(), run.stdout() + run.stderr());
        for (String name : List.of("Total orchestration time < 2000 ms", "Pattern analysis time < 1000 ms",
                "Memory increase < 100 MB", "Success rate > 95 %", "5 simultaneous requests without degradation",
                "Per-project report served")) {
            assertTrue(run.printed("PASS  " + name + ": "), name + "\n" + run.stdout());
        }
        assertFalse(run.stdout().lines().anyMatch(l -> l.startsWith("FAIL")), run.stdout());
        assertTrue(run.stdout().contains("=== PASS: every criterion met ==="), run.stdout());
        // test 2 prints the client's time and the agent's timing of each request
        assertEquals(20, run.stdout().lines().filter(l -> l.matches("  request \\d+/20: HTTP 200, total response time .* ms "
                + "\\(< 2000 ms: PASS\\); agent: total orchestration .* ms, pattern analysis .* ms")).count(), run.stdout());

        JsonNode result = JSON.readTree(out.resolve("performance-result.json").toFile());
        assertTrue(result.path("passed").asBoolean(), result.toString());
        Set<String> ids = new HashSet<>();
        for (JsonNode criterion : result.path("criteria")) {
            ids.add(criterion.path("id").asText());
            assertTrue(criterion.path("pass").asBoolean(), criterion.toString());
            assertFalse(criterion.path("definition").asText().isBlank(), criterion.toString());
        }
        assertEquals(new HashSet<>(CRITERIA), ids);

        JsonNode tests = result.path("tests");
        assertEquals(20, tests.path("baseline").path("client").path("summary").path("http_200").asInt());
        assertEquals(20, tests.path("baseline").path("agent").path("enhanced_orchestration").path("total_calls").asInt());
        assertEquals(0, tests.path("baseline").path("agent").path("full_pattern_analysis").path("total_calls").asInt(),
                "pattern recognition off: no pattern analysis");
        JsonNode enhanced = tests.path("enhanced");
        for (String operation : OPERATIONS) {
            assertEquals(20, enhanced.path("agent").path(operation).path("total_calls").asInt(), operation);
        }
        // the agent times the decision inside each request, so less than the client waits for it
        double agentAvg = enhanced.path("agent").path("enhanced_orchestration").path("avg_duration_ms").asDouble();
        double clientAvg = enhanced.path("client").path("summary").path("avg_ms").asDouble();
        assertTrue(agentAvg > 0 && agentAvg < clientAvg, agentAvg + " ms in the agent, " + clientAvg + " ms at the client");
        assertEquals(agentAvg, criterion(result, "total_orchestration_ms").path("actual").asDouble(), 1e-9);
        // test 4: 4 rounds of 5 simultaneous requests for TEST-001, each after 5 one at a time for
        // TEST-002; the agent's per-project figures tell them apart
        assertEquals(20, tests.path("concurrent").path("agent").path("enhanced_orchestration").path("total_calls").asInt());
        assertEquals(20, tests.path("reference").path("agent").path("enhanced_orchestration").path("total_calls").asInt());
        JsonNode degradation = criterion(result, "simultaneous_without_degradation");
        assertEquals(tests.path("concurrent").path("agent").path("enhanced_orchestration").path("p95_ms").asDouble(),
                degradation.path("actual").asDouble(), 1e-9);
        assertEquals(degradation.path("factor").asDouble() * tests.path("reference").path("agent")
                .path("enhanced_orchestration").path("p95_ms").asDouble(), degradation.path("limit").asDouble(), 1e-6);
        assertEquals(20, tests.path("load").path("agent").path("enhanced_orchestration").path("total_calls").asInt());
        JsonNode memory = result.path("memory");
        assertEquals(memory.path("increase_mb").asDouble(), criterion(result, "memory_increase_mb").path("actual").asDouble(), 1e-9);
        assertEquals(3, memory.path("readings").size(), memory.toString());
        assertEquals("200", tests.path("report").path("status").asText());
        assertEquals(20, tests.path("report").path("report").path("component_metrics").path("enhanced_orchestration")
                .path("total_calls").asInt());

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("latency.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        List<String> texts = texts(svg);
        for (String operation : OPERATIONS) {
            assertTrue(texts.contains(operation), operation + " in " + texts);
        }
        assertEquals(OPERATIONS.size(), texts.stream().filter("one at a time (test 2)"::equals).count(), texts.toString());
        assertEquals(OPERATIONS.size(), texts.stream().filter("5 simultaneous (test 4)"::equals).count(), texts.toString());
        assertEquals(OPERATIONS.size(), texts.stream().filter("one at a time, beside test 4"::equals).count(), texts.toString());
        assertTrue(texts.contains("limit 1 s") && texts.contains("limit 2 s"), texts.toString());

        // the pattern analysis grows linearly with the history: size the slow run for this machine
        double patternMs = criterion(result, "pattern_analysis_ms").path("actual").asDouble();
        int defaultProjects = result.path("setup").path("projects").asInt();
        assertEquals(3000, defaultProjects, "the orchestrator's default history size");
        slowProjects = (int) Math.max(60_000, Math.min(400_000,
                Math.round(defaultProjects * SLOW_TARGET_MS / patternMs / 10_000) * 10_000));

        JsonNode saved = JSON.readTree(baseline.toFile());
        assertEquals("perfweave-performance-baseline", saved.path("format").asText());
        for (String operation : OPERATIONS) {
            assertTrue(saved.path("operations").path(operation).path("p95_ms").asDouble() > 0, saved.toString());
        }
    }

    @Test
    @Order(2)
    void aLargerHistoryFailsThePatternAnalysisLimitAndIsARegression() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        Assumptions.assumeTrue(Files.isRegularFile(baseline), "the default run saves the baseline");
        Path out = dir.resolve("slow");
        // fewer requests than the defaults, since each one takes about 2 s of a core
        Run run = script(Map.of(), "--projects", Integer.toString(slowProjects), "--warmup", "2", "--warmup-max-seconds", "0",
                "--requests", "3", "--rounds", "1", "--load", "3", "--out", out.toString(),
                "--baseline", baseline.toString(), "--save-baseline", dir.resolve("slow-baseline.json").toString());

        assertEquals(1, run.exit(), run.stdout() + run.stderr());
        assertTrue(run.printed("FAIL  Pattern analysis time < 1000 ms: avg "), run.stdout());
        JsonNode result = JSON.readTree(out.resolve("performance-result.json").toFile());
        assertFalse(result.path("passed").asBoolean());
        JsonNode pattern = criterion(result, "pattern_analysis_ms");
        assertFalse(pattern.path("pass").asBoolean());
        assertTrue(pattern.path("actual").asDouble() > 1000, pattern.toString());
        assertEquals(pattern.path("actual").asDouble(),
                result.path("tests").path("enhanced").path("agent").path("full_pattern_analysis").path("avg_duration_ms").asDouble(), 1e-9);
        assertTrue(run.stdout().contains("=== FAIL: ") && run.stdout().contains("Pattern analysis time < 1000 ms"), run.stdout());

        JsonNode regression = result.path("regression");
        assertFalse(regression.path("pass").asBoolean(), regression.toString());
        Map<String, Boolean> regressed = new HashMap<>();
        for (JsonNode comparison : regression.path("compared")) {
            regressed.put(comparison.path("operation").asText() + " " + comparison.path("metric").asText(),
                    comparison.path("regressed").asBoolean());
        }
        for (String operation : List.of("enhanced_orchestration", "full_pattern_analysis", "similarity_analysis")) {
            for (String metric : List.of("p95_ms", "avg_duration_ms")) {
                assertEquals(Boolean.TRUE, regressed.get(operation + " " + metric), operation + " " + metric + " " + regression);
                assertTrue(run.printed("REGRESSION  " + operation + " " + metric + ": "), run.stdout());
            }
        }
        assertTrue(run.printed("FAIL  no regression against the baseline: "), run.stdout());
    }

    @Test
    @Order(3)
    void aRunFasterThanItsBaselineIsNoRegression_againstAnOrchestratorAlreadyRunning() throws Exception {
        Path slowBaseline = dir.resolve("slow-baseline.json");
        Assumptions.assumeTrue(Files.isRegularFile(slowBaseline), "the slow run saves its baseline");
        try (ForkedJvm orchestrator = ForkedJvm.startJar(CONFIG, "port=0", ORCHESTRATOR, "--port", "0")) {
            int appPort = orchestrator.awaitOrchestratorPort();
            Path out = dir.resolve("attached");
            // insights_generation takes well under a millisecond whatever the history's size, so it is
            // no faster here than in the slow run; a GC pause during one of its calls can lengthen
            // that call (and so the p95 of 20) by a few ms, which the floor leaves out
            Run run = script(Map.of(), "--app-url", "http://127.0.0.1:" + appPort,
                    "--agent-url", "http://127.0.0.1:" + orchestrator.port(), "--out", out.toString(),
                    "--baseline", slowBaseline.toString(), "--regression-floor-ms", "5");

            assertEquals(0, run.exit(), run.stdout() + run.stderr());
            assertTrue(run.printed("PASS  no regression against the baseline: 0 regression(s)"), run.stdout());
            assertFalse(run.stdout().contains("Starting the sample orchestrator"), run.stdout());
            JsonNode result = JSON.readTree(out.resolve("performance-result.json").toFile());
            assertFalse(result.path("setup").path("started_by_script").asBoolean());
            assertTrue(result.path("regression").path("pass").asBoolean());
            assertTrue(result.path("regression").path("compared").size() >= 10, result.path("regression").toString());
            // the orchestrator the script did not start is left running
            assertEquals(200, ForkedJvm.http(appPort, "GET", "/health", null).statusCode());
        }
    }

    @Test
    void anAgentThatMeasuredNothingAndServesNoResourcesIsAFailNotAPass() throws Exception {
        // the orchestrator without the agent, and beside it a metrics port that knows the config's
        // operations but times nothing and serves no /resources, /thresholds or /recommendations
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(Files.readString(CONFIG),
                CONFIG.toString())));
        AgentHttpServer agentPort = new AgentHttpServer(new ServerConfig(true, "127.0.0.1", 0, null, 2),
                new MetricsRoutes(statistics));
        assertTrue(agentPort.startQuietly());
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(ORCHESTRATOR.toString()), List.of(),
                "io.perfweave.orchestrator.Main", "--port", "0")) {
            int appPort = plain.awaitOrchestratorPort();
            Run run = script(Map.of(), "--app-url", "http://127.0.0.1:" + appPort,
                    "--agent-url", "http://127.0.0.1:" + agentPort.getListeningPort(), "--warmup", "0", "--requests", "3",
                    "--rounds", "1", "--load", "3", "--out", dir.resolve("unmeasured").toString());

            assertEquals(1, run.exit(), run.stdout() + run.stderr());
            assertTrue(run.printed("  note: the agent does not serve /resources; what needs it will FAIL"), run.stdout());
            assertTrue(run.printed("FAIL  Total orchestration time < 2000 ms: no successful enhanced_orchestration call was measured"),
                    run.stdout());
            assertTrue(run.printed("FAIL  Pattern analysis time < 1000 ms: no successful full_pattern_analysis call was measured"),
                    run.stdout());
            assertTrue(run.printed("FAIL  Memory increase < 100 MB: the agent does not serve /resources"), run.stdout());
            assertTrue(run.printed("FAIL  Success rate > 95 %: agent n/a % (0 of 0 calls), client 100 %"), run.stdout());
            assertTrue(run.printed("FAIL  5 simultaneous requests without degradation: "), run.stdout());
            assertTrue(run.printed("FAIL  Per-project report served: "), run.stdout());
            assertFalse(run.stdout().lines().anyMatch(l -> l.startsWith("PASS")), run.stdout());
        } finally {
            agentPort.stop();
        }
    }

    @Test
    void badOptionsExitWith2AndNameTheProblem() throws Exception {
        Run zero = script(Map.of(), "--requests", "0");
        assertEquals(2, zero.exit(), zero.stderr());
        assertTrue(zero.stderr().contains("--requests expects a whole number from 1 to 10000, got '0'"), zero.stderr());

        Run unknown = script(Map.of(), "--requets", "5");
        assertEquals(2, unknown.exit(), unknown.stderr());
        assertTrue(unknown.stderr().contains("unknown option '--requets'"), unknown.stderr());

        Run half = script(Map.of(), "--app-url", "http://127.0.0.1:8080");
        assertEquals(2, half.exit(), half.stderr());
        assertTrue(half.stderr().contains("--app-url needs --agent-url too"), half.stderr());

        Run noFile = script(Map.of(), "--baseline", dir.resolve("none.json").toString());
        assertEquals(2, noFile.exit(), noFile.stderr());
        assertTrue(noFile.stderr().contains("--baseline: no such file"), noFile.stderr());

        Run help = script(Map.of(), "--help");
        assertEquals(0, help.exit());
        assertTrue(help.stdout().contains("--save-baseline FILE"), help.stdout());
    }

    @Test
    void aMissingToolIsNamed() throws Exception {
        // every program on the PATH but jq
        Path farm = Files.createDirectories(dir.resolve("path-without-jq"));
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path pathDir = Path.of(entry);
            if (!Files.isDirectory(pathDir)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(pathDir)) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = farm.resolve(program.getFileName().toString());
                    if (!program.getFileName().toString().equals("jq") && Files.isExecutable(program) && !Files.exists(link)) {
                        Files.createSymbolicLink(link, program.toAbsolutePath());
                    }
                }
            }
        }
        Run run = script(Map.of("PATH", farm.toString()));
        assertEquals(1, run.exit(), run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("missing jq: this test needs bash, curl, jq and Java"), run.stderr());
    }

    private static JsonNode criterion(JsonNode result, String id) {
        for (JsonNode criterion : result.path("criteria")) {
            if (criterion.path("id").asText().equals(id)) {
                return criterion;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + result.path("criteria"));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** Runs the script with bash; its output goes to files, shown on failure; 4 minutes at most. */
    private static Run script(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(which("bash").toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "script-", ".out");
        Path stderr = Files.createTempFile(dir, "script-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroy(); // the script's trap stops the orchestrator it started
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            throw new AssertionError("performance_test.sh " + String.join(" ", args) + " did not finish within 4 minutes:\n"
                    + Files.readString(stdout) + Files.readString(stderr));
        }
        Run run = new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        System.out.println("performance_test.sh " + String.join(" ", args) + " -> exit " + run.exit() + "\n" + run.stdout());
        return run;
    }

    private static Path which(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
