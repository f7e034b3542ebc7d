package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules {@code perfweave-agent.jar rules} writes, as Prometheus' own tool reads them:
 * {@code promtool check rules} (syntax, PromQL, templates, lint), and {@code promtool test rules}
 * with the tests shipped in {@code src/test/resources/alerting}, which show each kind of rule
 * firing and not firing on synthetic series.
 */
class AlertRulesPromtoolIT {
    private static final Path TESTS = Path.of("src/test/resources/alerting");

    /** Writes the rules of {@code config} to {@code dir/NAME.rules.yml} with the agent jar, beside a copy of NAME.test.yaml. */
    static Path generate(Path config, Path dir, String name) throws Exception {
        Path rules = dir.resolve(name + ".rules.yml");
        List<String> output = new ArrayList<>();
        assertEquals(0, ForkedJvm.runCommand(output, "rules", config.toString(), rules.toString()), output.toString());
        Files.copy(TESTS.resolve(name + ".test.yaml"), dir.resolve(name + ".test.yaml"));
        return rules;
    }

    /** promtool's exit status, a line break, and what it said. */
    private static String promtool(Path dir, String... args) throws Exception {
        Promtool.Result result = Promtool.run(dir, null, args);
        return result.exit() + "\n" + result.output();
    }

    /** promtool check rules on the rules of {@code config}, then promtool test rules with NAME.test.yaml. */
    private static void assertPassesPromtool(Path config, String name, int rules, Path dir) throws Exception {
        generate(config, dir, name);
        String check = promtool(dir, "check", "rules", name + ".rules.yml");
        assertTrue(check.startsWith("0\n") && check.contains("SUCCESS: " + rules + " rules found"), check);
        String test = promtool(dir, "test", "rules", name + ".test.yaml");
        assertTrue(test.startsWith("0\n") && test.contains("SUCCESS"), test);
    }

    @Test
    void theShippedConfigsRulesPassPromtoolAndItsTests(@TempDir Path dir) throws Exception {
        assertPassesPromtool(Path.of("../config/agent.yaml"), "agent-yaml", 6, dir);
    }

    @Test
    void rulesOfEveryKindPassPromtoolAndFireAsTheTestsExpect(@TempDir Path dir) throws Exception {
        assertPassesPromtool(TESTS.resolve("every-kind.yaml"), "every-kind", 18, dir);
    }

    @Test
    void theTestsFailForRulesThatDoNotFireAsTheyExpect(@TempDir Path dir) throws Exception {
        // work's average target raised from 200 to 2000 ms: the slow fleet no longer breaches it
        Path config = dir.resolve("every-kind.yaml");
        String text = Files.readString(TESTS.resolve("every-kind.yaml"));
        assertTrue(text.contains("avg_ms: {target: 200, warning: 500, critical: 1000}"));
        Files.writeString(config, text.replace("avg_ms: {target: 200, warning: 500, critical: 1000}",
                "avg_ms: {target: 2000, warning: 3000, critical: 4000}"));
        Path tests = dir.resolve("tests");
        Files.createDirectory(tests);
        generate(config, tests, "every-kind");
        String test = promtool(tests, "test", "rules", "every-kind.test.yaml");
        assertNotEquals("0", test.substring(0, test.indexOf('\n')), test);
        assertTrue(test.contains("alertname: PerfweaveAverageDurationHigh"), test);
    }
}
