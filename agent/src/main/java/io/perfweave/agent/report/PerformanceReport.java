package io.perfweave.agent.report;

import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.OperationThresholds;
import io.perfweave.agent.judge.Causes;
import io.perfweave.agent.judge.Recommendations;
import io.perfweave.agent.judge.ThresholdCheck;
import io.perfweave.agent.judge.ThresholdJudge;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.resources.ResourceSample;
import io.perfweave.agent.stats.Breakdown;
import io.perfweave.agent.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The judged half of the seeds' per-project report ({@code GET /orchestrate/intelligence/
 * performance/metrics/{project_id}}), made from one tag value's figures instead of a fresh run of
 * the application: {@code total_execution_time_ms}, {@code performance_thresholds} and
 * {@code recommendations}, plus the process's {@code resource_usage} as the seeds' report carried it.
 *
 * <p>The seeds timed one run end to end. Here the end-to-end operation ({@code total_operation})
 * is the one whose calls with this value took the most time in all: an enclosing operation's calls
 * contain the calls nested in them, so it is the outermost one. {@code total_execution_time_ms} is
 * its average duration per call for this value, and {@code target_total_time_ms} its {@code avg_ms}
 * limit. Each operation's thresholds are judged against this value's calls since start (a tag
 * value keeps no window of its own).
 */
public final class PerformanceReport {
    private final OperationCatalog catalog;
    private final Supplier<ResourceSample> resources;
    private final Function<String, Breakdown> breakdowns;
    private final Causes causes;

    public PerformanceReport(OperationCatalog catalog, Supplier<ResourceSample> resources) {
        this(catalog, resources, operation -> null, Causes.NONE);
    }

    /**
     * @param breakdowns an operation's breakdown (over all its calls) by name, null when it has none
     * @param causes what the recommendations name as the cause of a breached operation's time
     */
    public PerformanceReport(OperationCatalog catalog, Supplier<ResourceSample> resources,
                             Function<String, Breakdown> breakdowns, Causes causes) {
        this.catalog = catalog;
        this.resources = resources;
        this.breakdowns = breakdowns;
        this.causes = causes;
    }

    /**
     * The report's judged fields for one tag value.
     *
     * @param components each operation that carries the tag, and its summary for the value
     */
    public Map<String, Object> judgedFields(Map<String, Summary> components) {
        String totalOperation = null;
        double mostTime = -1;
        for (Map.Entry<String, Summary> entry : components.entrySet()) {
            Summary summary = entry.getValue();
            double time = summary.avgDurationMs() * summary.successfulCalls();
            if (summary.totalCalls() > 0 && time > mostTime) {
                mostTime = time;
                totalOperation = entry.getKey();
            }
        }
        double totalTime = totalOperation == null ? 0 : components.get(totalOperation).avgDurationMs();

        Map<String, Map<String, ThresholdCheck>> checks = new LinkedHashMap<>();
        List<ThresholdCheck> all = new ArrayList<>();
        for (Map.Entry<String, Summary> entry : components.entrySet()) {
            OperationConfig rule = Recommendations.ruleOf(catalog, entry.getKey());
            OperationThresholds thresholds = rule == null ? null : rule.thresholds();
            if (thresholds == null || thresholds.byName().isEmpty()) {
                continue;
            }
            Map<String, ThresholdCheck> judged = ThresholdJudge.judge(entry.getKey(), thresholds, entry.getValue(),
                    "since_start");
            checks.put(entry.getKey(), judged);
            all.addAll(judged.values());
        }
        ThresholdCheck totalCheck = totalOperation == null || !checks.containsKey(totalOperation) ? null
                : checks.get(totalOperation).get("avg_ms");

        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("target_total_time_ms", totalCheck == null ? null : totalCheck.limit());
        thresholds.put("actual_total_time_ms", totalTime);
        thresholds.put("threshold_met", totalCheck == null ? null : totalCheck.met());
        thresholds.put("thresholds_met", all.stream().allMatch(ThresholdCheck::met));
        thresholds.put("operations", checks);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total_execution_time_ms", totalTime);
        fields.put("total_operation", totalOperation);
        fields.put("performance_thresholds", thresholds);
        fields.put("breakdown", totalOperation == null ? null : breakdown(totalOperation, components));
        fields.put("recommendations", Recommendations.of(all, name -> Recommendations.ruleOf(catalog, name),
                catalog.config().resources(), causes));
        fields.put("resource_usage", resourceUsage(resources.get()));
        return fields;
    }

    /**
     * The end-to-end operation's breakdown for this value: its children are those of its breakdown
     * over all calls, and their figures this value's, from the children's own summaries for it
     * (child calls are not kept per value of the parent's tags). Exact when the children run only
     * inside the end-to-end operation, as components do; null when it has no breakdown.
     */
    private Map<String, Object> breakdown(String totalOperation, Map<String, Summary> components) {
        Breakdown overall = breakdowns.apply(totalOperation);
        Summary total = components.get(totalOperation);
        if (overall == null || total.totalCalls() == 0) {
            return null;
        }
        double totalMs = total.avgDurationMs() * total.successfulCalls();
        List<Map<String, Object>> children = new ArrayList<>();
        double shares = 0;
        for (Breakdown.Child child : overall.children()) {
            Summary mine = components.get(child.operation());
            if (mine == null) {
                continue; // the child does not carry this tag
            }
            double childMs = mine.avgDurationMs() * mine.successfulCalls();
            double share = totalMs > 0 ? 100 * childMs / totalMs : 0;
            shares += share;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("operation", child.operation());
            entry.put("calls_per_call", round((double) mine.successfulCalls() / total.successfulCalls()));
            entry.put("avg_ms", round(mine.avgDurationMs()));
            entry.put("share_percent", round(share));
            children.add(entry);
        }
        children.sort((a, b) -> Double.compare((double) b.get("share_percent"), (double) a.get("share_percent")));
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("operation", totalOperation);
        breakdown.put("self_percent", round(Math.max(0, 100 - shares)));
        breakdown.put("children", children);
        return breakdown;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The seeds' five resource figures, for the whole process (a tag value has no resources of its own). */
    private static Map<String, Object> resourceUsage(ResourceSample sample) {
        if (sample == null) {
            return null;
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("memory_usage_mb", sample.memoryUsageMb());
        usage.put("memory_increase_mb", sample.memoryIncreaseMb());
        usage.put("cpu_percent", sample.cpuPercent());
        usage.put("open_files", sample.openFiles());
        usage.put("threads", sample.threads());
        return usage;
    }
}
