package io.perfweave.agent.weave;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.select.ClassCandidates;
import io.perfweave.agent.select.OperationSelector;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The weaving of one JVM over its life: the gate registered at start, and the weaver behind it,
 * replaced when the config is reloaded. Classes already loaded are retransformed in small batches,
 * so that the application's threads are stopped only briefly at a time.
 *
 * <p>In {@code premain} only the gate and a name filter are made; everything that needs Byte
 * Buddy happens on an agent thread (see {@link WeavingGate}).
 */
public final class Weaving {
    /** Classes per retransformation; each batch is one short stop of the application's threads. */
    static final int BATCH = 50;

    private final Instrumentation instrumentation;
    private final OperationCatalog catalog;
    private final WeavingGate gate;
    private final WeavingProgress progress = new WeavingProgress();
    private volatile ClassCandidates candidates;
    /** The breakdown setting at start: every class is woven with it, reloads included. */
    private final boolean breakdown;

    private Weaving(Instrumentation instrumentation, OperationCatalog catalog, ClassCandidates candidates) {
        this.instrumentation = instrumentation;
        this.catalog = catalog;
        this.breakdown = catalog.config().breakdown();
        this.candidates = candidates;
        this.gate = new WeavingGate(candidates);
    }

    /**
     * Registers the gate now and sets up Byte Buddy on an agent thread; then opens the gate and
     * weaves classes that were loaded before the agent.
     *
     * @param onFailure called on the agent's thread if the weaver cannot be set up
     */
    public static Weaving start(Instrumentation instrumentation, OperationCatalog catalog, Consumer<Throwable> onFailure) {
        ClassCandidates candidates = new ClassCandidates(catalog.config().operations());
        Weaving weaving = new Weaving(instrumentation, catalog, candidates);
        Set<Class<?>> loadedBefore = weaving.loadedClassesMatching(candidates.names());
        instrumentation.addTransformer(weaving.gate, true);
        Thread setUp = new Thread(new SetUp(weaving, candidates, loadedBefore, onFailure), "perfweave-weaver-setup");
        setUp.setDaemon(true);
        setUp.start();
        return weaving;
    }

    /** Builds the first weaver, opens the gate, and weaves the classes loaded before the gate. */
    private static final class SetUp implements Runnable {
        private final Weaving weaving;
        private final ClassCandidates candidates;
        private final Set<Class<?>> loadedBefore;
        private final Consumer<Throwable> onFailure;

        SetUp(Weaving weaving, ClassCandidates candidates, Set<Class<?>> loadedBefore, Consumer<Throwable> onFailure) {
            this.weaving = weaving;
            this.candidates = candidates;
            this.loadedBefore = loadedBefore;
            this.onFailure = onFailure;
        }

        @Override
        public void run() {
            long began = System.nanoTime();
            weaving.progress.begin(loadedBefore.size());
            try {
                Weaver first = new Weaver(selectors(weaving.catalog.config()), weaving.catalog, weaving.instrumentation,
                        weaving.breakdown);
                ClassFileTransformer transformer = first.transformer();
                first.warmUp();
                weaving.gate.open(candidates, transformer);
                AgentLog.debug("weaver ready in " + (System.nanoTime() - began) / 1_000_000 + " ms");
                weaving.retransform(loadedBefore);
            } catch (Throwable t) {
                weaving.gate.open(candidates, null);
                onFailure.accept(t);
            } finally {
                weaving.progress.finish();
            }
        }
    }

    /**
     * Weaves according to a new config: the catalog adopts it, the gate routes to a new weaver, and
     * every loaded class that the old or the new config may select is retransformed, which weaves
     * new operations in and old ones out.
     *
     * @return the number of classes retransformed, and the operations that started afresh under a new shape
     */
    public synchronized Rewoven reload(AgentConfig next) {
        ClassCandidates previous = candidates;
        ClassCandidates replacement = new ClassCandidates(next.operations());
        ClassCandidates either = previous.or(replacement);
        Set<Class<?>> affected = loadedClassesMatching(previous.names().or(replacement.names()));
        progress.begin(affected.size());
        try {
            Weaver weaver = new Weaver(selectors(next), catalog, instrumentation, breakdown);
            List<String> reshaped = catalog.reconfigure(next);
            gate.open(either, weaver.transformer());
            candidates = replacement;
            int count = retransform(affected);
            gate.open(replacement, weaver.transformer());
            return new Rewoven(count, reshaped);
        } finally {
            progress.finish();
        }
    }

    /** What a reload re-wove: how many loaded classes, and which operations started afresh. */
    public record Rewoven(int classes, List<String> reshaped) {
    }

    /** How far the weaving of loaded classes has got. */
    public WeavingProgress progress() {
        return progress;
    }

    /** Loaded classes that {@code filter} accepts by name and that may be retransformed. */
    private Set<Class<?>> loadedClassesMatching(Predicate<String> filter) {
        Set<Class<?>> classes = new HashSet<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!type.isArray() && !type.isPrimitive() && filter.test(type.getName())
                    && instrumentation.isModifiableClass(type)) {
                classes.add(type);
            }
        }
        return classes;
    }

    private int retransform(Set<Class<?>> classes) {
        List<Class<?>> all = new ArrayList<>(classes);
        int done = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Class<?>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
                done += batch.size();
                progress.woven(batch.size());
            } catch (Throwable batchFailed) {
                // find the class that failed; the others go through one by one
                for (Class<?> type : batch) {
                    try {
                        instrumentation.retransformClasses(type);
                        done++;
                        progress.woven(1);
                    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                        progress.notWoven(1);
                        AgentLog.warn("could not re-weave " + type.getName() + ": " + e);
                    }
                }
            }
            Thread.yield();
        }
        return done;
    }

    private static List<OperationSelector> selectors(AgentConfig config) {
        List<OperationSelector> selectors = new ArrayList<>();
        for (OperationConfig operation : config.operations()) {
            selectors.add(new OperationSelector(operation));
        }
        return selectors;
    }
}
