package io.perfweave.agent.stats;

import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Totals;
import io.perfweave.bootstrap.TotalsBuilder;

import java.util.ArrayList;
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
    /** The trackers of {@link #ticked} at their recorder's id. */
    private WindowTracker[] trackerById = new WindowTracker[0];
    /** Ticks still to come that look at every window: after a change of catalog, a reset, or marks that were lost. */
    private int fullTicksDue = 2;
    /** The recorders marked in the previous tick period. */
    private long[] previousTouched = new long[0];
    /** The windows that gained a delta, by when it began, oldest first: each is looked at when its delta leaves the window. */
    private final java.util.ArrayDeque<Retiring> retiring = new java.util.ArrayDeque<>();
    private long previousTickNanos = System.nanoTime();
    private int visitedAtLastTick;

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
     * Moves the windows on by one tick, folds ended threads' cells and settles pending failures;
     * run once a second by the maintenance thread. It looks only at the operations that recorded
     * calls since the tick before last (the recorders mark themselves, see
     * {@link Recorders#nextTickTouched}) and at those with a delta that has just left the window:
     * with thousands of operations selected and few of them busy, a tick costs what the
     * busy ones do.
     */
    public synchronized void tick() {
        long now = System.nanoTime();
        long[] touched = Recorders.nextTickTouched();
        List<OperationCatalog.Operation> operations = catalog.all();
        if (operations != tickedOperations) { // the catalog answers the same list until it changes
            track(operations);
            fullTicksDue = 2;
        }
        if (touched == null) {
            fullTicksDue = 2; // this period's marks, and the calls that found them made, are not all known
        }
        boolean changed = false;
        List<WindowTracker> added = new ArrayList<>();
        int visited = 0;
        if (fullTicksDue > 0) {
            fullTicksDue--;
            for (WindowTracker tracker : ticked) {
                changed |= visit(tracker, now, added);
                visited++;
            }
        } else {
            // the calls marked in this period or the one before, and the deltas that left the window
            long[] visit = new long[trackerById.length / 64 + 1];
            or(visit, touched);
            or(visit, previousTouched);
            while (!retiring.isEmpty() && retiring.peekFirst().startNanos - (now - windowNanos()) < 0) {
                for (WindowTracker tracker : retiring.removeFirst().trackers) {
                    int id = tracker.recorder().id;
                    if (id < trackerById.length && trackerById[id] == tracker) {
                        visit[id >>> 6] |= 1L << id;
                    }
                }
            }
            for (int word = 0; word < visit.length; word++) {
                for (long bits = visit[word]; bits != 0; bits &= bits - 1) {
                    int id = 64 * word + Long.numberOfTrailingZeros(bits);
                    WindowTracker tracker = id < trackerById.length ? trackerById[id] : null;
                    if (tracker != null) {
                        changed |= visit(tracker, now, added);
                        visited++;
                    }
                }
            }
        }
        schedule(added);
        previousTouched = touched == null ? new long[0] : touched;
        previousTickNanos = now;
        visitedAtLastTick = visited;
        ticks.add(now);
        Recorders.housekeep();
        if (changed) {
            windowChanges++;
        }
    }

    /** Ticks one window; a delta it adds is scheduled for the tick at which it leaves the window. */
    private boolean visit(WindowTracker tracker, long now, List<WindowTracker> added) {
        int outcome = tracker.tick(now, previousTickNanos);
        if ((outcome & WindowTracker.ADDED) != 0) {
            added.add(tracker);
        }
        return outcome != WindowTracker.UNCHANGED;
    }

    /**
     * Adds the windows that gained a delta at this tick to the end of {@link #retiring}, by when
     * the delta began: deltas added at one tick began at or after the tick before, after all that
     * the queue holds, so it stays in order of time, and each delta is looked at once more, when
     * it leaves the window.
     */
    private void schedule(List<WindowTracker> added) {
        if (added.isEmpty()) {
            return;
        }
        Map<Long, List<WindowTracker>> byStart = new java.util.TreeMap<>((a, b) -> Long.compare(a - b, 0));
        for (WindowTracker tracker : added) {
            byStart.computeIfAbsent(tracker.newestDeltaStart(), start -> new ArrayList<>()).add(tracker);
        }
        byStart.forEach((start, trackers) -> retiring.addLast(new Retiring(start, trackers)));
    }

    private long windowNanos() {
        return windowSeconds * 1_000_000_000L;
    }

    private static void or(long[] into, long[] bits) {
        for (int i = 0; i < Math.min(into.length, bits.length); i++) {
            into[i] |= bits[i];
        }
    }

    /** Windows whose newest delta began at {@code startNanos}: they are looked at when it leaves the window. */
    private record Retiring(long startNanos, List<WindowTracker> trackers) {
    }

    /** Takes the trackers of a changed catalog: in its order, and by recorder id. */
    private void track(List<OperationCatalog.Operation> operations) {
        WindowTracker[] trackers = new WindowTracker[operations.size()];
        int maxId = -1;
        for (int i = 0; i < trackers.length; i++) {
            trackers[i] = tracker(operations.get(i).recorder());
            maxId = Math.max(maxId, trackers[i].recorder().id);
        }
        WindowTracker[] byId = new WindowTracker[maxId + 1];
        for (WindowTracker tracker : trackers) {
            byId[tracker.recorder().id] = tracker;
        }
        ticked = trackers;
        trackerById = byId;
        tickedOperations = operations;
        // windows of recorders that left the catalog (removed, or replaced by a reload that
        // changed their shape) are dropped with them
        java.util.Set<OperationRecorder> current = new java.util.HashSet<>();
        operations.forEach(operation -> current.add(operation.recorder()));
        windows.keySet().retainAll(current);
    }

    /** How many windows the last tick looked at. */
    synchronized int visitedAtLastTick() {
        return visitedAtLastTick;
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
        fullTicksDue = 2;
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
