package io.perfweave.agent.http;

import io.perfweave.agent.judge.Causes;
import io.perfweave.agent.judge.Recommendations;
import io.perfweave.agent.judge.ThresholdJudge;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.report.PerformanceReport;
import io.perfweave.agent.resources.ResourceMonitor;

/**
 * The judged side of the port: {@code GET /thresholds} (the last judgement of the agent's tick),
 * {@code GET /resources} (the latest resource sample), {@code GET /recommendations} (a list of
 * strings, each breached operation's followed by what its time goes to), the seeds' judged fields in {@code GET /report/{tag}/{value}}, and the resource and
 * threshold families in the Prometheus exposition.
 */
public final class InsightRoutes {
    private InsightRoutes() {
    }

    public static void register(MetricsRoutes routes, OperationCatalog catalog, ResourceMonitor resources,
                                ThresholdJudge judge, PerformanceReport report, Causes causes) {
        routes.withEndpoint("/thresholds", request -> judge.latest())
                .withEndpoint("/resources", request -> resources.latest())
                .withEndpoint("/recommendations", request -> Recommendations.of(judge.latest(), catalog, causes))
                .withMetricFamilies(new ResourceFamilies(resources::latest, judge::latest))
                .withReportExtension((tag, value, components) -> report.judgedFields(components));
    }
}
