package io.perfweave.agent.stats;

import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Totals;
import io.perfweave.bootstrap.TotalsBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Snapshots of the operations in a catalog, since start (or the last reset) and over the recent
 * window. Readers never block writers: they sum the writers' cells while the writers go on.
 */
public final class Statistics {
    /** Each reading thread's accumulator, kept so that reading many operations allocates little. */
    private static final ThreadLocal<TotalsBuilder> BUILDERS = ThreadLocal.withInitial(TotalsBuilder::new);

    private final OperationCatalog catalog;
    private final int windowSeconds;
    private final Map<OperationRecorder, WindowTracker> windows = new ConcurrentHashMap<>();
    private final TickTimes ticks;
    private volatile long startedNanos = System.nanoTime();
    private volatile long startedMillis = System.currentTimeMillis();
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
    /** Bumped whenever some window's content changed at a tick, or on reset. */
    private volatile long windowChanges;
    /** The trackers of {@link #tickedOperations}, in its order: the tick walks them without a map lookup. */
    private WindowTracker[] ticked = new WindowTracker[0];
    private List<OperationCatalog.Operation> tickedOperations = List.of();

    public Statistics(OperationCatalog catalog) {
        this.catalog = catalog;
        this.windowSeconds = catalog.config().windowSeconds();
        this.ticks = new TickTimes(windowSeconds);
    }

    public OperationCatalog catalog() {
        return catalog;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    /** Since-start and window figures of one recorder, read once. */
    public OperationSnapshot snapshot(OperationRecorder recorder, String name) {
        long now = System.nanoTime();
        WindowTracker tracker = tracker(recorder);
        Totals current = tracker.read(now);
        double[] period = new double[1];
        Totals window = tracker.window(current, now, ticks, period);
        return new OperationSnapshot(name, current, secondsSinceStart(), window, period[0]);
    }

    /** Where the named operation's time went since start or reset; null when it has no breakdown or is unknown. */
    public Breakdown breakdown(String operation) {
        OperationCatalog.Operation found = catalog.get(operation);
        return found == null ? null : Breakdown.of(totals(found.recorder()));
    }

    /** Since start or reset. */
    public Summary summary(OperationRecorder recorder, String name) {
        return SummaryMath.summarize(name, totals(recorder), secondsSinceStart(), false);
    }

    /** Over the recent window. */
    public Summary windowSummary(OperationRecorder recorder, String name) {
        return snapshot(recorder, name).windowSummary();
    }

    /** Raw totals since start or reset, for exposition formats that need the buckets. */
    public Totals totals(OperationRecorder recorder) {
        return read(recorder, Long.MAX_VALUE);
    }

    /**
     * Totals since start or reset, as {@link #totals}, with the min and max of the recent window
     * filled in: the window's extremes come from the recorders' slots, so they cost no more to read.
     */
    public Totals totalsWithWindowExtremes(OperationRecorder recorder) {
        return tracker(recorder).read(System.nanoTime());
    }

    static Totals read(OperationRecorder recorder, long oldestSlotId) {
        TotalsBuilder builder = BUILDERS.get().clear();
        recorder.addTo(builder, oldestSlotId);
        return builder.build();
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

    /**
     * Moves every window on by one tick, folds ended threads' cells and settles pending failures;
     * run once a second by the maintenance thread. An operation without new calls costs a look at
     * its counts.
     */
    public synchronized void tick() {
        long now = System.nanoTime();
        List<OperationCatalog.Operation> operations = catalog.all();
        if (operations != tickedOperations) { // the catalog answers the same list until it changes
            WindowTracker[] trackers = new WindowTracker[operations.size()];
            for (int i = 0; i < trackers.length; i++) {
                trackers[i] = tracker(operations.get(i).recorder());
            }
            ticked = trackers;
            tickedOperations = operations;
            // windows of recorders that left the catalog (removed, or replaced by a reload that
            // changed their shape) are dropped with them
            java.util.Set<OperationRecorder> current = new java.util.HashSet<>();
            operations.forEach(operation -> current.add(operation.recorder()));
            windows.keySet().retainAll(current);
        }
        boolean changed = false;
        for (WindowTracker tracker : ticked) {
            changed |= tracker.tick(now);
        }
        ticks.add(now);
        Recorders.housekeep();
        if (changed) {
            windowChanges++;
        }
    }

    /** A number that changes whenever any window's content may have changed without new calls. */
    public long windowChanges() {
        return windowChanges;
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
        windowChanges++;
        for (Runnable listener : resetListeners) {
            listener.run();
        }
    }

    /** Runs {@code listener} after every reset, such as the resource monitor taking its baseline anew. */
    public void onReset(Runnable listener) {
        resetListeners.add(listener);
    }

    private WindowTracker tracker(OperationRecorder recorder) {
        WindowTracker tracker = windows.get(recorder);
        return tracker != null ? tracker
                : windows.computeIfAbsent(recorder, r -> new WindowTracker(r, windowSeconds, System.nanoTime()));
    }
}
