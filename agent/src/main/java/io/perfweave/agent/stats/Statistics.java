package io.perfweave.agent.stats;

import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Totals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Summaries of the operations in a catalog, since start (or the last reset) and over the recent
 * window. Readers never block writers: they sum the writers' cells while the writers go on.
 */
public final class Statistics {
    private final OperationCatalog catalog;
    private final int windowSeconds;
    private final Map<OperationRecorder, WindowTracker> windows = new ConcurrentHashMap<>();
    private volatile long startedNanos = System.nanoTime();
    private volatile long startedMillis = System.currentTimeMillis();
    private final java.util.List<Runnable> resetListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Statistics(OperationCatalog catalog) {
        this.catalog = catalog;
        this.windowSeconds = catalog.config().windowSeconds();
    }

    public OperationCatalog catalog() {
        return catalog;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    /** Since start or reset. */
    public Summary summary(OperationRecorder recorder, String name) {
        return SummaryMath.summarize(name, totals(recorder), secondsSinceStart(), false);
    }

    /** Over the recent window. */
    public Summary windowSummary(OperationRecorder recorder, String name) {
        double[] period = new double[1];
        Totals totals = tracker(recorder).window(System.nanoTime(), period);
        return SummaryMath.summarize(name, totals, period[0], true);
    }

    /** Raw totals since start or reset, for exposition formats that need the buckets. */
    public Totals totals(OperationRecorder recorder) {
        Totals totals = new Totals();
        recorder.addTo(totals, Long.MAX_VALUE);
        return totals;
    }

    /** Since-start summaries of each value of one tag of an operation; null when it has no such tag. */
    public Map<String, Summary> tagSummaries(OperationCatalog.Operation operation, String tag) {
        if (operation.recorder().tags == null) {
            return null;
        }
        Map<String, OperationRecorder> values = operation.recorder().tags.valuesOf(tag);
        if (values == null) {
            return null;
        }
        Map<String, Summary> summaries = new LinkedHashMap<>();
        values.forEach((value, recorder) -> summaries.put(value, summary(recorder, operation.name())));
        return summaries;
    }

    public double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** Moves every window on by one tick; run once a second by the maintenance thread. */
    public void tick() {
        long now = System.nanoTime();
        for (OperationCatalog.Operation operation : catalog.all()) {
            tracker(operation.recorder()).tick(now);
        }
        for (OperationRecorder recorder : Recorders.all()) {
            recorder.foldDeadThreads();
        }
    }

    /** Clears all statistics (not the config): counts, windows and the start time. */
    public synchronized void reset() {
        Recorders.reset();
        long now = System.nanoTime();
        startedNanos = now;
        startedMillis = System.currentTimeMillis();
        for (WindowTracker tracker : windows.values()) {
            tracker.restart(now);
        }
        for (Runnable listener : resetListeners) {
            listener.run();
        }
    }

    /** Runs {@code listener} after every reset, such as the resource monitor taking its baseline anew. */
    public void onReset(Runnable listener) {
        resetListeners.add(listener);
    }

    private WindowTracker tracker(OperationRecorder recorder) {
        return windows.computeIfAbsent(recorder, r -> new WindowTracker(r, windowSeconds, System.nanoTime()));
    }
}
