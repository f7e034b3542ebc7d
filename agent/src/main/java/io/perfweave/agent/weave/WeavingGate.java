package io.perfweave.agent.weave;

import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.select.ClassCandidates;
import io.perfweave.bootstrap.Recorders;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The transformer registered in {@code premain}, before Byte Buddy is ready. Byte Buddy takes a few
 * hundred milliseconds to load; rather than hold the application's start for that long, the gate
 * lets every class through at once, except a class whose name a selector may match: loading such
 * a class on one of the application's threads waits until the weaver is ready and is then woven
 * like any other. No selected method
 * ever runs unmeasured, and an application that does not touch its measured classes in its first
 * moments does not wait at all.
 */
final class WeavingGate implements ClassFileTransformer {
    /** How long a class load may wait for the weaver before it goes on unwoven (and says so). */
    private static final long MAX_WAIT_SECONDS = 60;

    private final CountDownLatch ready = new CountDownLatch(1);
    /** Which classes may be selected, and what weaves them; replaced together on a reload. */
    private volatile Route route;

    /** @param mayMatch whether a class being loaded may be selected */
    WeavingGate(ClassCandidates mayMatch) {
        this.route = new Route(mayMatch, null);
    }

    /**
     * Opens the gate, or re-routes it after a reload: from now on the classes {@code mayMatch}
     * accepts go to {@code transformer} (null: they load unwoven).
     */
    void open(ClassCandidates mayMatch, ClassFileTransformer transformer) {
        route = new Route(mayMatch, transformer);
        ready.countDown();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (internalName == null || !route.mayMatch.mayMatch(loader, internalName, classFile)) {
            return null;
        }
        ClassFileTransformer target = awaitWeaver(internalName);
        return target == null ? null : target.transform(module, loader, internalName, classBeingRedefined, domain, classFile);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (internalName == null || !route.mayMatch.mayMatch(loader, internalName, classFile)) {
            return null;
        }
        ClassFileTransformer target = awaitWeaver(internalName);
        return target == null ? null : target.transform(loader, internalName, classBeingRedefined, domain, classFile);
    }

    private ClassFileTransformer awaitWeaver(String internalName) {
        if (ready.getCount() == 0) {
            return route.transformer;
        }
        if (Thread.currentThread().getName().startsWith(Recorders.AGENT_THREAD_PREFIX)) {
            // the agent's own threads are never measured, and the thread that sets the weaver up
            // defines proxy classes of its own (Byte Buddy's, annotations'): it must not wait for itself
            return null;
        }
        try {
            if (!ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                AgentLog.warn("weaver not ready after " + MAX_WAIT_SECONDS + " s; " + internalName.replace('/', '.')
                        + " loads unmeasured");
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return route.transformer;
    }

    private record Route(ClassCandidates mayMatch, ClassFileTransformer transformer) {
    }
}
