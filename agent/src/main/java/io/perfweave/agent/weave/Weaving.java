package io.perfweave.agent.weave;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.select.OperationSelector;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The weaving of one JVM over its life: the gate registered at start, and the weaver behind it,
 * replaced when the config is reloaded. Classes already loaded are retransformed in small batches,
 * so that the application's threads are stopped only briefly at a time.
 */
public final class Weaving {
    /** Classes per retransformation; each batch is one short stop of the application's threads. */
    static final int BATCH = 50;

    private final Instrumentation instrumentation;
    private final OperationCatalog catalog;
    private final WeavingGate gate;
    private volatile Weaver current;

    private Weaving(Instrumentation instrumentation, OperationCatalog catalog, Weaver first) {
        this.instrumentation = instrumentation;
        this.catalog = catalog;
        this.current = first;
        this.gate = new WeavingGate(first::mayMatchName);
    }

    /**
     * Registers the gate now and sets up Byte Buddy on an agent thread; then opens the gate and
     * weaves classes that were loaded before the agent.
     *
     * @param onFailure called on the agent's thread if the weaver cannot be set up
     */
    public static Weaving start(Instrumentation instrumentation, OperationCatalog catalog, Consumer<Throwable> onFailure) {
        Weaver first = new Weaver(selectors(catalog.config()), catalog);
        Weaving weaving = new Weaving(instrumentation, catalog, first);
        Set<Class<?>> loadedBefore = first.candidates(instrumentation);
        instrumentation.addTransformer(weaving.gate, true);
        Thread setUp = new Thread(() -> {
            long began = System.nanoTime();
            try {
                weaving.gate.open(first::mayMatchName, first.transformer());
                AgentLog.debug("weaver ready in " + (System.nanoTime() - began) / 1_000_000 + " ms");
                weaving.retransform(loadedBefore);
            } catch (Throwable t) {
                weaving.gate.open(first::mayMatchName, null);
                onFailure.accept(t);
            }
        }, "perfweave-weaver-setup");
        setUp.setDaemon(true);
        setUp.start();
        return weaving;
    }

    /**
     * Weaves according to a new config: the catalog adopts it, the gate routes to a new weaver, and
     * every loaded class that the old or the new config may select is retransformed, which weaves
     * new operations in and old ones out.
     *
     * @return the number of classes retransformed
     */
    public synchronized int reload(AgentConfig next) {
        Weaver previous = current;
        Weaver replacement = new Weaver(selectors(next), catalog);
        Set<Class<?>> affected = new HashSet<>(previous.candidates(instrumentation));
        affected.addAll(replacement.candidates(instrumentation));
        catalog.reconfigure(next);
        gate.open(name -> previous.mayMatchName(name) || replacement.mayMatchName(name), replacement.transformer());
        current = replacement;
        int count = retransform(affected);
        gate.open(replacement::mayMatchName, replacement.transformer());
        return count;
    }

    private int retransform(Set<Class<?>> classes) {
        List<Class<?>> all = new ArrayList<>(classes);
        int done = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Class<?>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
                done += batch.size();
            } catch (Throwable batchFailed) {
                // find the class that failed; the others go through one by one
                for (Class<?> type : batch) {
                    try {
                        instrumentation.retransformClasses(type);
                        done++;
                    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
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
