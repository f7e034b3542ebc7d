package io.perfweave.agent.judge;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.Levels;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.OperationThresholds;
import io.perfweave.agent.config.ResourcesConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.resources.ResourceSample;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.stats.Summary;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Judges the configured thresholds: each operation's against its summary over the window or since
 * start, the resource thresholds against the latest resource sample. It reads the config in force
 * at each evaluation, so a reloaded config's thresholds apply at once.
 *
 * <p>It runs on the agent's own tick, after every resource sample, so that level changes are
 * noticed within one interval whether or not anybody asks; readers ({@code GET /thresholds},
 * recommendations, the Prometheus families) read the last judgement and change nothing.
 * Evaluations are serialised, so the levels they see follow time, and each change is told once:
 * as one JSON line on the log and, with {@code jfr: true}, as a JFR event. An operation is judged
 * anew only when its figures moved (a call, or its window changed at a tick): with thousands of
 * judged operations, an idle agent judges almost nothing.
 */
public final class ThresholdJudge {
    private final Statistics statistics;
    private final Supplier<ResourceSample> resources;
    private final LevelTracker tracker = new LevelTracker();
    private final List<Consumer<LevelChange>> listeners = new CopyOnWriteArrayList<>();
    private final SlowCallWatch slowCalls = new SlowCallWatch();
    private FlightRecorderEvents flightRecorder;
    private boolean flightRecorderTried;
    private volatile Judgement latest;
    private volatile Judged judged = new Judged(List.of(), List.of());
    /** Per judged operation: the checks of its last judgement and what its figures were then. */
    private final Map<String, CachedChecks> cache = new java.util.HashMap<>();

    private record CachedChecks(OperationThresholds thresholds, long calls, long windowChanges,
                                Map<String, ThresholdCheck> checks) {
    }

    public ThresholdJudge(Statistics statistics, Supplier<ResourceSample> resources) {
        this.statistics = statistics;
        this.resources = resources;
        listeners.add(new LevelChangeLog());
    }

    /** Also tells level changes to {@code listener} (called under the judge's lock; it must be quick). */
    public ThresholdJudge onLevelChange(Consumer<LevelChange> listener) {
        listeners.add(listener);
        return this;
    }

    /** The periodic check: thresholds, and with JFR on, slow calls. */
    public synchronized void tick() {
        evaluate();
        FlightRecorderEvents events = flightRecorder();
        if (events != null) {
            slowCalls.check(statistics, events);
        }
    }

    /**
     * The last judgement of the agent's tick; before the first tick, a judgement made now that
     * tells nobody of its levels. Never changes any state.
     */
    public Judgement latest() {
        Judgement judgement = latest;
        return judgement != null ? judgement : judgeNow(false);
    }

    /** Judges every threshold now, telling any level change; the judgement readers see from then on. */
    public synchronized Judgement evaluate() {
        Judgement judgement = judgeNow(true);
        latest = judgement;
        List<LevelChange> changes = tracker.observe(judgement);
        if (!changes.isEmpty()) {
            FlightRecorderEvents events = flightRecorder();
            for (LevelChange change : changes) {
                for (Consumer<LevelChange> listener : listeners) {
                    listener.accept(change);
                }
                if (events != null) {
                    events.accept(change);
                }
            }
        }
        return judgement;
    }

    /** @param reuse whether to keep and reuse the checks of operations whose figures did not move (only under the lock) */
    private Judgement judgeNow(boolean reuse) {
        AgentConfig config = statistics.catalog().config();
        long windowChanges = statistics.windowChanges();
        Map<String, Map<String, ThresholdCheck>> operations = new LinkedHashMap<>();
        java.util.Set<String> judged = new java.util.HashSet<>();
        for (OperationCatalog.Operation operation : operationsWithThresholds()) {
            OperationConfig rule = operation.rule(); // null when a reload removed it meanwhile
            OperationThresholds thresholds = rule == null ? null : rule.thresholds();
            if (thresholds == null || thresholds.byName().isEmpty()) {
                continue;
            }
            boolean overWindow = thresholds.over().equals("window");
            long calls = operation.recorder().callsSeen();
            CachedChecks cached = reuse ? cache.get(operation.name()) : null;
            Map<String, ThresholdCheck> checks;
            if (cached != null && cached.thresholds == thresholds && cached.calls == calls
                    && (!overWindow || cached.windowChanges == windowChanges)) {
                checks = cached.checks;
            } else {
                Summary summary = overWindow
                        ? statistics.windowSummary(operation.recorder(), operation.name())
                        : statistics.summary(operation.recorder(), operation.name());
                checks = judge(operation.name(), thresholds, summary, thresholds.over());
                if (reuse) {
                    cache.put(operation.name(), new CachedChecks(thresholds, calls, windowChanges, checks));
                }
            }
            judged.add(operation.name());
            operations.put(operation.name(), checks);
        }
        if (reuse) {
            cache.keySet().retainAll(judged);
        }
        Map<String, ThresholdCheck> resourceChecks = judgeResources(config.resources(), resources.get());
        return new Judgement(Judgement.allMet(operations, resourceChecks), Instant.now().toString(),
                operations, resourceChecks);
    }

    /**
     * The catalog's operations that have thresholds, picked again only when the catalog's list
     * changes (a reload, an operation woven for the first time): with thousands of operations
     * selected and a few judged, a judgement costs what the few do.
     */
    private List<OperationCatalog.Operation> operationsWithThresholds() {
        List<OperationCatalog.Operation> all = statistics.catalog().all();
        Judged current = judged;
        if (current.from() != all) {
            List<OperationCatalog.Operation> picked = new java.util.ArrayList<>();
            for (OperationCatalog.Operation operation : all) {
                OperationConfig rule = operation.rule();
                if (rule != null && rule.thresholds() != null && !rule.thresholds().byName().isEmpty()) {
                    picked.add(operation);
                }
            }
            current = new Judged(all, List.copyOf(picked));
            judged = current;
        }
        return current.withThresholds();
    }

    /** The operations with thresholds among those of one list of the catalog. */
    private record Judged(List<OperationCatalog.Operation> from, List<OperationCatalog.Operation> withThresholds) {
    }

    /** An operation's thresholds judged against one summary of it (which may be one tag value's). */
    public static Map<String, ThresholdCheck> judge(String operation, OperationThresholds thresholds, Summary summary,
                                                    String over) {
        Map<String, ThresholdCheck> checks = new LinkedHashMap<>();
        for (Map.Entry<String, Levels> entry : thresholds.byName().entrySet()) {
            ThresholdKind kind = ThresholdKind.named(entry.getKey());
            checks.put(entry.getKey(), ThresholdCheck.judge(operation, kind, entry.getValue(), kind.actual(summary), over));
        }
        return checks;
    }

    static Map<String, ThresholdCheck> judgeResources(ResourcesConfig config, ResourceSample sample) {
        Map<String, ThresholdCheck> checks = new LinkedHashMap<>();
        ResourcesConfig.ResourceThresholds thresholds = config.thresholds();
        if (thresholds == null) {
            return checks;
        }
        if (thresholds.memoryIncreaseMb() != null) {
            checks.put("memory_increase_mb", ThresholdCheck.judge(null, ThresholdKind.MEMORY_INCREASE_MB,
                    thresholds.memoryIncreaseMb(), sample == null ? null : sample.memoryIncreaseMb(), "latest_sample"));
        }
        if (thresholds.cpuPercent() != null) {
            checks.put("cpu_percent", ThresholdCheck.judge(null, ThresholdKind.CPU_PERCENT, thresholds.cpuPercent(),
                    sample == null ? null : sample.cpuPercent(), "latest_sample"));
        }
        return checks;
    }

    /** The JFR emitter while the config asks for one; created on first need. */
    private FlightRecorderEvents flightRecorder() {
        if (!statistics.catalog().config().jfr()) {
            return null;
        }
        if (!flightRecorderTried) {
            flightRecorderTried = true;
            try {
                flightRecorder = FlightRecorderEvents.create();
            } catch (LinkageError e) {
                flightRecorder = null;
            }
            if (flightRecorder == null) {
                AgentLog.warn("jfr: true, but this JVM has no usable Flight Recorder; level changes go to the log only");
            }
        }
        return flightRecorder;
    }
}
