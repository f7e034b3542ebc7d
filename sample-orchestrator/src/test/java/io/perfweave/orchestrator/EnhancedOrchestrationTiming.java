package io.perfweave.orchestrator;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.decision.EnhancedDecisionEngine;
import io.perfweave.orchestrator.decision.ProjectData;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measures one enhanced orchestration (pattern recognition on) at a given history size, in
 * process, without HTTP. Not a test: run it by hand to size the default history, e.g.
 * {@code java -cp target/sample-orchestrator.jar:target/test-classes
 * io.perfweave.orchestrator.EnhancedOrchestrationTiming 3000 TEST-001}.
 */
public final class EnhancedOrchestrationTiming {

    private static final int WARM_UP_CALLS = 20;
    private static final int MEASURED_CALLS = 20;

    private EnhancedOrchestrationTiming() {
    }

    public static void main(String[] args) {
        int projects = args.length > 0 ? Integer.parseInt(args[0]) : HistoryGenerator.DEFAULT_PROJECT_COUNT;
        String projectId = args.length > 1 ? args[1] : "TEST-001";
        ChronicleHistory history = new HistoryGenerator().generate(projects, HistoryGenerator.DEFAULT_SEED);
        EnhancedDecisionEngine engine = new EnhancedDecisionEngine(history);
        ProjectData request = new ProjectData(projectId, true);

        for (int i = 0; i < WARM_UP_CALLS; i++) {
            engine.makeOrchestrationDecision(request);
        }
        double[] millis = new double[MEASURED_CALLS];
        for (int i = 0; i < MEASURED_CALLS; i++) {
            long start = System.nanoTime();
            engine.makeOrchestrationDecision(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double median = (millis[MEASURED_CALLS / 2 - 1] + millis[MEASURED_CALLS / 2]) / 2;
        System.out.printf(Locale.ROOT,
                "projects=%d (+7 fixtures) project=%s calls=%d median_ms=%.1f min_ms=%.1f max_ms=%.1f java=%s%n",
                projects, projectId, MEASURED_CALLS, median, millis[0], millis[MEASURED_CALLS - 1],
                System.getProperty("java.version"));
    }
}
