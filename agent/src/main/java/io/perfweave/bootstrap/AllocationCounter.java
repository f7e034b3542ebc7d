package io.perfweave.bootstrap;

import java.lang.management.ManagementFactory;

/**
 * The calling thread's allocation counter, for operations that measure allocation per call.
 * A class of its own so that only such operations load the management classes: timing alone
 * never touches them.
 */
public final class AllocationCounter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private AllocationCounter() {
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                    && threads.isThreadAllocatedMemorySupported()) {
                if (!threads.isThreadAllocatedMemoryEnabled()) {
                    threads.setThreadAllocatedMemoryEnabled(true);
                }
                return threads;
            }
        } catch (RuntimeException | LinkageError unsupported) {
            // a JVM without the counter: calls are timed, their allocation is not measured
        }
        return null;
    }

    /** Bytes the calling thread has allocated since it started, or -1 where the JVM does not count them. */
    public static long allocatedBytes() {
        try {
            return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
        } catch (Throwable failure) { // woven code calls this: it never throws into the host
            Timing.adviceFailed(failure);
            return -1;
        }
    }
}
