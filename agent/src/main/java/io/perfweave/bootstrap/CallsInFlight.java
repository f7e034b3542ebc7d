package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of profiled operations that are running now: which thread, which operation, since
 * when. The agent's sampler reads it to find the calls that have become slow, and takes exactly
 * those threads' stacks.
 *
 * <p>A fixed table of slots, so that a call costs no lock and no allocation: entering claims a free
 * slot near the thread's home slot with one compare-and-set, exiting frees it with two stores.
 * When the slots near home are all taken the call is simply not profiled (and counted in
 * {@link #untracked()}); it is timed as usual. A call of an operation inside a call of the same
 * operation on the same thread (recursion) claims nothing: the outer call is the one in flight.
 *
 * <p>Woven code calls only {@link #enter} and {@link #exit}; JDK-only, like the rest of the
 * bootstrap API, since it is loaded by the boot class loader for every class loader's code.
 */
public final class CallsInFlight {
    /** What {@link #enter} answers when the call is not tracked; also what suppressed enter advice leaves. */
    public static final int NOT_TRACKED = 0;
    static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;
    /** Slots tried from a thread's home slot. */
    private static final int PROBES = 8;
    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Thread[].class);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** The thread whose call holds each slot, null when free. */
    private static final Thread[] owners = new Thread[SLOTS];
    /**
     * Per slot, two longs: the call's start ({@link System#nanoTime()}, 0 while the slot is being
     * claimed or freed) and its operation id. The start is written last on enter and first on
     * exit, so that a reader that sees the same start before and after reading the rest has read
     * one call.
     */
    private static final long[] calls = new long[SLOTS * 2];
    private static final LongAdder untracked = new LongAdder();
    /** The sampler while it sleeps until a call enters (see {@link #awaitCall}); null otherwise. */
    private static volatile Thread sleeper;

    private CallsInFlight() {
    }

    /**
     * Marks the start of a call of operation {@code id} on this thread.
     *
     * @return a ticket for {@link #exit}: {@link #NOT_TRACKED}, or the claimed slot plus one
     */
    public static int enter(int id) {
        try {
            Thread thread = Thread.currentThread();
            int home = ThreadDirectory.hash(thread) & MASK;
            int free = -1;
            for (int k = 0; k < PROBES; k++) {
                int slot = (home + k) & MASK;
                Thread owner = (Thread) OWNERS.getOpaque(owners, slot);
                if (owner == null) {
                    if (free < 0) {
                        free = k;
                    }
                } else if (owner == thread && calls[slot * 2 + 1] == id) {
                    return NOT_TRACKED; // inside a call of the same operation, which is in flight already
                }
            }
            if (free >= 0) {
                for (int k = free; k < PROBES; k++) {
                    int slot = (home + k) & MASK;
                    if (OWNERS.compareAndSet(owners, slot, (Thread) null, thread)) {
                        calls[slot * 2 + 1] = id;
                        long start = System.nanoTime();
                        LONGS.setRelease(calls, slot * 2, start == 0 ? 1 : start);
                        if (sleeper != null) {
                            wakeSampler();
                        }
                        return slot + 1;
                    }
                }
            }
            untracked.increment();
            return NOT_TRACKED;
        } catch (Throwable failure) {
            Timing.adviceFailed(failure);
            return NOT_TRACKED;
        }
    }

    private static void wakeSampler() {
        Thread waiting = sleeper;
        if (waiting != null) {
            sleeper = null;
            java.util.concurrent.locks.LockSupport.unpark(waiting);
        }
    }

    /**
     * Parks the calling thread (the sampler) until a call enters, when no call is in flight now:
     * after a long idle spell the sampler then costs nothing at all, and a call pays one volatile
     * read for it (and, the first after the spell, one unpark). Returns at once when a call is in
     * flight; may return early, as parking may.
     */
    public static void awaitCall() {
        sleeper = Thread.currentThread();
        // against enter's claim, then read of sleeper: either this sees its slot or it sees the sleeper
        VarHandle.fullFence();
        boolean none = true;
        for (int slot = 0; slot < SLOTS && none; slot++) {
            none = OWNERS.getAcquire(owners, slot) == null;
        }
        if (none) {
            java.util.concurrent.locks.LockSupport.park(CallsInFlight.class);
        }
        sleeper = null;
    }

    /** Marks the end of the call that {@link #enter} gave {@code ticket}, however it ended. */
    public static void exit(int ticket) {
        try {
            if (ticket != NOT_TRACKED) {
                int slot = ticket - 1;
                LONGS.setRelease(calls, slot * 2, 0L);
                OWNERS.setRelease(owners, slot, (Thread) null);
            }
        } catch (Throwable failure) {
            Timing.adviceFailed(failure);
        }
    }

    /** How many slots there are, and so how many calls {@link #read} can answer at most. */
    public static int capacity() {
        return SLOTS;
    }

    /**
     * Copies the calls in flight into the arrays given (each at least {@link #capacity()} long) and
     * answers how many there are. A slot whose thread has ended without its exit advice running
     * (which suppressed advice makes all but impossible) is freed here, so no slot is lost for good.
     */
    public static int read(Thread[] threads, int[] ids, long[] starts) {
        int count = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            // a plain read to skip free slots: cheap even before the JIT compiles this loop, which
            // at a few looks a second takes long; a slot claimed just now is seen at the next look
            if (owners[slot] == null) {
                continue;
            }
            long start = (long) LONGS.getAcquire(calls, slot * 2);
            Thread owner = (Thread) OWNERS.getAcquire(owners, slot);
            long id = (long) LONGS.getAcquire(calls, slot * 2 + 1);
            if (start == 0 || owner == null || (long) LONGS.getAcquire(calls, slot * 2) != start) {
                continue; // being claimed or freed just now
            }
            if (!owner.isAlive()) {
                free(slot, owner, start);
                continue;
            }
            threads[count] = owner;
            ids[count] = (int) id;
            starts[count] = start;
            count++;
        }
        return count;
    }

    private static void free(int slot, Thread owner, long start) {
        if (LONGS.compareAndSet(calls, slot * 2, start, 0L)) {
            OWNERS.compareAndSet(owners, slot, owner, (Thread) null);
        }
    }

    /** Calls that were not tracked because every slot near their thread's home was taken. */
    public static long untracked() {
        return untracked.sum();
    }
}
