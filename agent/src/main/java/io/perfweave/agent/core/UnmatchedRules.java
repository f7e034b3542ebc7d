package io.perfweave.agent.core;

import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.weave.WeavingProgress;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Tells which rules have matched no method, and only when that is true of the application as it
 * stands: not before a first delay, not while loaded classes are still being woven, and not while
 * the application is still loading classes (a service that takes 15 s to start loads the class a
 * rule names late, and is then woven). A rule reported as unmatched is reported again, at most
 * {@link #MAX_REPORTS} times, when more classes have loaded and it still matches nothing; and
 * withdrawn, in one line, when it matches at last. Runs on the agent's maintenance thread.
 */
final class UnmatchedRules implements Runnable {
    /** How often the state is looked at. */
    static final long CHECK_SECONDS = 2;
    private static final int MAX_REPORTS = 3;

    private final OperationCatalog catalog;
    private final BooleanSupplier weavingIdle;
    private final LongSupplier loadedClasses;
    private final long firstReportNanos;
    /** Per rule name: how many times it was reported, and the class count when it last was. */
    private final Map<String, Reported> reported = new HashMap<>();
    private long classesSeen = -1;

    private record Reported(int times, long atClassCount) {
    }

    UnmatchedRules(OperationCatalog catalog, WeavingProgress weaving, long delaySeconds) {
        // the management classes load on the first check, on the agent's thread, not in premain
        this(catalog, () -> weaving.snapshot().state().equals("ready"), () -> classLoading().getTotalLoadedClassCount(),
                System.nanoTime() + delaySeconds * 1_000_000_000L);
    }

    UnmatchedRules(OperationCatalog catalog, BooleanSupplier weavingIdle, LongSupplier loadedClasses, long firstReportNanos) {
        this.catalog = catalog;
        this.weavingIdle = weavingIdle;
        this.loadedClasses = loadedClasses;
        this.firstReportNanos = firstReportNanos;
    }

    private static ClassLoadingMXBean classLoading() {
        return ManagementFactory.getClassLoadingMXBean();
    }

    @Override
    public void run() {
        try {
            check(System.nanoTime());
        } catch (RuntimeException e) {
            AgentLog.warn("unmatched rule check failed: " + e);
        }
    }

    void check(long nowNanos) {
        long classes = loadedClasses.getAsLong();
        boolean settled = classes == classesSeen; // no class loaded since the last look
        classesSeen = classes;
        List<OperationConfig> unmatched = catalog.rulesWithoutMatches();
        for (OperationConfig rule : catalog.config().operations()) {
            Reported before = reported.get(rule.name());
            if (before != null && !unmatched.contains(rule)) {
                reported.remove(rule.name());
                AgentLog.info("operation '" + rule.name() + "' matches now: its class has loaded and is woven");
            }
        }
        if (nowNanos - firstReportNanos < 0 || !settled || !weavingIdle.getAsBoolean()) {
            return;
        }
        for (OperationConfig rule : unmatched) {
            Reported before = reported.get(rule.name());
            if (before == null) {
                warn(rule, "has matched no method yet");
                reported.put(rule.name(), new Reported(1, classes));
            } else if (before.times() < MAX_REPORTS && classes > before.atClassCount()) {
                warn(rule, "still matches no method after " + (classes - before.atClassCount()) + " more classes loaded");
                reported.put(rule.name(), new Reported(before.times() + 1, classes));
            }
        }
        reported.keySet().removeIf(name -> catalog.config().operations().stream().noneMatch(r -> r.name().equals(name)));
    }

    private static void warn(OperationConfig rule, String what) {
        AgentLog.warn("operation '" + rule.name() + "' " + what + ": check its selector (class "
                + (rule.className() != null ? rule.className() : rule.subtypeOf() != null ? "subtype_of " + rule.subtypeOf()
                : "annotated_with " + rule.annotatedWith()) + ", method " + rule.method() + ")");
    }
}
