package io.perfweave.agent.core;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnmatchedRulesTest {
    private static final long SECOND = 1_000_000_000L;

    /** Runs one check and answers what it logged. */
    private static String check(UnmatchedRules rules, long at) {
        PrintStream standardError = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            rules.check(at);
        } finally {
            System.setErr(standardError);
        }
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRuleIsReportedOnlyOnceWeavingIsIdleAndClassLoadingHasSettledThenWithdrawnWhenItMatches() throws Exception {
        OperationCatalog catalog = new OperationCatalog(new ConfigLoader().parse(
                "operations:\n  - name: unmatched_late\n    class: x.Late\n    method: run\n", "agent.yaml"));
        AtomicBoolean idle = new AtomicBoolean(false);
        AtomicLong classes = new AtomicLong(100);
        long start = 0;
        UnmatchedRules rules = new UnmatchedRules(catalog, idle::get, classes::get, start + 10 * SECOND);

        assertEquals("", check(rules, start + 11 * SECOND), "the first look only notes the class count");
        assertEquals("", check(rules, start + 12 * SECOND), "weaving is still busy");
        idle.set(true);
        classes.set(900);
        assertEquals("", check(rules, start + 13 * SECOND), "the application is still loading classes");
        String first = check(rules, start + 14 * SECOND);
        assertTrue(first.contains("'unmatched_late' has matched no method yet"), first);
        assertEquals("", check(rules, start + 15 * SECOND), "told once while nothing changes");

        classes.set(950);
        check(rules, start + 16 * SECOND);
        String again = check(rules, start + 17 * SECOND);
        assertTrue(again.contains("still matches no method after 50 more classes loaded"), again);

        catalog.get("unmatched_late").woven("x.Late#run()V");
        String withdrawn = check(rules, start + 18 * SECOND);
        assertTrue(withdrawn.contains("'unmatched_late' matches now"), withdrawn);
        assertEquals("", check(rules, start + 19 * SECOND));
    }

    @Test
    void nothingIsReportedBeforeTheFirstDelay() throws Exception {
        OperationCatalog catalog = new OperationCatalog(new ConfigLoader().parse(
                "operations:\n  - name: unmatched_early\n    class: x.Early\n    method: run\n", "agent.yaml"));
        UnmatchedRules rules = new UnmatchedRules(catalog, () -> true, () -> 5, 10 * SECOND);
        check(rules, SECOND);
        assertEquals("", check(rules, 2 * SECOND));
        assertTrue(check(rules, 10 * SECOND).contains("has matched no method yet"));
    }
}
