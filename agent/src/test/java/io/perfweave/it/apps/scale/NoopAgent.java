package io.perfweave.it.apps.scale;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent that does nothing, with the capabilities perfweave's agent has (retransformation):
 * what any agent costs the JVM. On JDK 21 and later a JVM with an agent loaded reports every
 * virtual thread's mount and unmount to JVMTI, which makes each virtual thread dearer to start
 * and end; {@code scripts/scale-check.sh} runs the virtual-thread tasks with it to show that share.
 */
public final class NoopAgent {
    private NoopAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        // nothing: loading an agent at all is what is measured
    }
}
