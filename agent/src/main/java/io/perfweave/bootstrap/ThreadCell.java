package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one thread recorded for one operation.
 *
 * <p>Exactly one thread writes a cell, so the hot path needs no atomic instruction and no shared
 * cache line: every update is a plain load and an opaque store. Opaque stores keep the compiler
 * from caching a field in a register across calls, so a reader on another thread sees each field
 * within a moment and never a torn value. A reader may see fields of one call out of step (count
 * already incremented, sum not yet); summaries taken while calls are running are therefore exact
 * to within the calls in flight, and exact once they have finished.
 *
 * <p>Footprint: about 150 bytes plus 512 bytes per power of two that this thread's durations
 * reached (typically 2 to 4), plus the 32-slot window ring (768 bytes). It does not grow with the
 * number of calls.
 */
public final class ThreadCell {
    /** Length of a window slot: 2^31 ns (about 2.15 s). */
    public static final int SLOT_SHIFT = 31;
    /** Number of window slots kept; a window may span up to SLOTS - 1 of them. */
    public static final int SLOTS = 32;
    /** Marks a window slot that holds nothing. */
    private static final long NO_SLOT = Long.MIN_VALUE;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle COUNT;
    private static final VarHandle FAILURES;
    private static final VarHandle SUM;
    private static final VarHandle FAILED_SUM;
    private static final VarHandle MIN;
    private static final VarHandle MAX;
    private static final VarHandle EPOCH;
    private static final VarHandle LAST_ERROR;
    private static final VarHandle ALLOCATED;
    private static final VarHandle ALLOCATION_CALLS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(ThreadCell.class, "count", long.class);
            FAILURES = lookup.findVarHandle(ThreadCell.class, "failures", long.class);
            SUM = lookup.findVarHandle(ThreadCell.class, "sumNanos", long.class);
            FAILED_SUM = lookup.findVarHandle(ThreadCell.class, "failedSumNanos", long.class);
            MIN = lookup.findVarHandle(ThreadCell.class, "minNanos", long.class);
            MAX = lookup.findVarHandle(ThreadCell.class, "maxNanos", long.class);
            EPOCH = lookup.findVarHandle(ThreadCell.class, "epoch", int.class);
            LAST_ERROR = lookup.findVarHandle(ThreadCell.class, "lastError", Throwable.class);
            ALLOCATED = lookup.findVarHandle(ThreadCell.class, "allocatedBytes", long.class);
            ALLOCATION_CALLS = lookup.findVarHandle(ThreadCell.class, "allocationCalls", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that writes this cell; null for a cell that only accumulates retired cells. */
    final Thread owner;
    /** Successful calls. */
    private long count;
    private long failures;
    private long sumNanos;
    private long failedSumNanos;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos;
    private int epoch;
    private Throwable lastError;
    /** {@code System.nanoTime()} at the end of the last failed call. */
    private long lastErrorAtNanos = Long.MIN_VALUE;
    /** Bytes the owner allocated during the calls whose allocation was measured, and how many calls those were. */
    private long allocatedBytes;
    private long allocationCalls;
    /** Nesting depth of this operation on the owner thread, for the outermost-only policy. */
    int depth;
    private final long[][] chunks = new long[DurationBuckets.CHUNKS][];
    /** Per window slot: the slot number (time >> SLOT_SHIFT) and the min and max seen in it. */
    private final long[] slotIds = new long[SLOTS];
    private final long[] slotMins = new long[SLOTS];
    private final long[] slotMaxs = new long[SLOTS];

    ThreadCell(Thread owner, int epoch) {
        this.owner = owner;
        this.epoch = epoch;
        java.util.Arrays.fill(slotIds, NO_SLOT);
    }

    /**
     * Records one finished call. Called only by {@link #owner}.
     *
     * @param nanos duration, >= 0
     * @param endNanos the {@code System.nanoTime()} reading at the end of the call
     * @param thrown the exception the call ended with, or null
     */
    void record(long nanos, long endNanos, Throwable thrown, int currentEpoch) {
        if (epoch != currentEpoch) {
            clear(currentEpoch);
        }
        if (nanos < 0) {
            nanos = 0; // only a start time that was never taken can make it negative
        }
        if (thrown != null) {
            // As in the seeds' summary, durations describe successful calls; a failure is counted
            // and its time summed apart.
            FAILURES.setOpaque(this, failures + 1);
            FAILED_SUM.setOpaque(this, failedSumNanos + nanos);
            lastErrorAtNanos = endNanos;
            LAST_ERROR.setOpaque(this, thrown);
            return;
        }
        COUNT.setOpaque(this, count + 1);
        SUM.setOpaque(this, sumNanos + nanos);
        if (nanos < minNanos) {
            MIN.setOpaque(this, nanos);
        }
        if (nanos > maxNanos) {
            MAX.setOpaque(this, nanos);
        }
        int chunkIndex = DurationBuckets.chunk(nanos);
        long[] chunk = chunks[chunkIndex];
        if (chunk == null) {
            chunk = new long[DurationBuckets.SUB_BUCKETS];
            CHUNKS.setRelease(chunks, chunkIndex, chunk);
        }
        int sub = DurationBuckets.subBucket(nanos, chunkIndex);
        LONGS.setOpaque(chunk, sub, chunk[sub] + 1);

        long slotId = endNanos >> SLOT_SHIFT;
        int slot = (int) slotId & (SLOTS - 1);
        if (slotIds[slot] != slotId) {
            // Values first, id last: a reader that sees the old id ignores the slot.
            LONGS.setOpaque(slotMins, slot, nanos);
            LONGS.setOpaque(slotMaxs, slot, nanos);
            LONGS.setRelease(slotIds, slot, slotId);
        } else {
            if (nanos < slotMins[slot]) {
                LONGS.setOpaque(slotMins, slot, nanos);
            }
            if (nanos > slotMaxs[slot]) {
                LONGS.setOpaque(slotMaxs, slot, nanos);
            }
        }
    }

    /**
     * Adds what one call allocated, for an operation that measures allocation. Called only by
     * {@link #owner}, right after {@link #record} of the same call (which cleared the cell if a
     * reset came in between).
     */
    void recordAllocation(long bytes) {
        ALLOCATED.setOpaque(this, allocatedBytes + bytes);
        ALLOCATION_CALLS.setOpaque(this, allocationCalls + 1);
    }

    /** Forgets everything recorded before a reset; called by the owner on its first call after it. */
    private void clear(int currentEpoch) {
        COUNT.setOpaque(this, 0L);
        FAILURES.setOpaque(this, 0L);
        SUM.setOpaque(this, 0L);
        FAILED_SUM.setOpaque(this, 0L);
        MIN.setOpaque(this, Long.MAX_VALUE);
        MAX.setOpaque(this, 0L);
        LAST_ERROR.setOpaque(this, (Throwable) null);
        lastErrorAtNanos = Long.MIN_VALUE;
        ALLOCATED.setOpaque(this, 0L);
        ALLOCATION_CALLS.setOpaque(this, 0L);
        for (long[] chunk : chunks) {
            if (chunk != null) {
                for (int i = 0; i < chunk.length; i++) {
                    LONGS.setOpaque(chunk, i, 0L);
                }
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            LONGS.setRelease(slotIds, i, NO_SLOT);
        }
        EPOCH.setRelease(this, currentEpoch);
    }

    /** Adds this cell's figures to {@code into}, if they belong to {@code currentEpoch}. */
    void addTo(Totals into, int currentEpoch, long oldestSlotId) {
        if ((int) EPOCH.getAcquire(this) != currentEpoch) {
            return;
        }
        into.count += (long) COUNT.getOpaque(this);
        into.failures += (long) FAILURES.getOpaque(this);
        into.sumNanos += (long) SUM.getOpaque(this);
        into.failedSumNanos += (long) FAILED_SUM.getOpaque(this);
        into.minNanos = Math.min(into.minNanos, (long) MIN.getOpaque(this));
        into.maxNanos = Math.max(into.maxNanos, (long) MAX.getOpaque(this));
        into.allocatedBytes += (long) ALLOCATED.getOpaque(this);
        into.allocationCalls += (long) ALLOCATION_CALLS.getOpaque(this);
        Throwable error = (Throwable) LAST_ERROR.getOpaque(this);
        if (error != null && lastErrorAtNanos >= into.lastErrorAtNanos) {
            into.lastError = error;
            into.lastErrorAtNanos = lastErrorAtNanos;
        }
        for (int c = 0; c < DurationBuckets.CHUNKS; c++) {
            long[] chunk = (long[]) CHUNKS.getAcquire(chunks, c);
            if (chunk != null) {
                int base = c * DurationBuckets.SUB_BUCKETS;
                for (int i = 0; i < chunk.length; i++) {
                    into.buckets[base + i] += (long) LONGS.getOpaque(chunk, i);
                }
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            long id = (long) LONGS.getAcquire(slotIds, s);
            if (id >= oldestSlotId) {
                into.windowMinNanos = Math.min(into.windowMinNanos, (long) LONGS.getOpaque(slotMins, s));
                into.windowMaxNanos = Math.max(into.windowMaxNanos, (long) LONGS.getOpaque(slotMaxs, s));
            }
        }
    }

    /**
     * Folds a finished thread's figures into this accumulator. Only the agent's maintenance
     * thread calls it, under the recorder's lock, after the owner has terminated.
     */
    void absorb(ThreadCell retired, int currentEpoch) {
        if (retired.epoch != currentEpoch) {
            return;
        }
        if (epoch != currentEpoch) {
            clear(currentEpoch);
        }
        COUNT.setOpaque(this, count + retired.count);
        FAILURES.setOpaque(this, failures + retired.failures);
        SUM.setOpaque(this, sumNanos + retired.sumNanos);
        FAILED_SUM.setOpaque(this, failedSumNanos + retired.failedSumNanos);
        MIN.setOpaque(this, Math.min(minNanos, retired.minNanos));
        MAX.setOpaque(this, Math.max(maxNanos, retired.maxNanos));
        ALLOCATED.setOpaque(this, allocatedBytes + retired.allocatedBytes);
        ALLOCATION_CALLS.setOpaque(this, allocationCalls + retired.allocationCalls);
        if (retired.lastError != null && retired.lastErrorAtNanos >= lastErrorAtNanos) {
            lastErrorAtNanos = retired.lastErrorAtNanos;
            LAST_ERROR.setOpaque(this, retired.lastError);
        }
        for (int c = 0; c < DurationBuckets.CHUNKS; c++) {
            long[] from = retired.chunks[c];
            if (from == null) {
                continue;
            }
            long[] to = chunks[c];
            if (to == null) {
                to = new long[DurationBuckets.SUB_BUCKETS];
                CHUNKS.setRelease(chunks, c, to);
            }
            for (int i = 0; i < to.length; i++) {
                LONGS.setOpaque(to, i, to[i] + from[i]);
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            long id = retired.slotIds[s];
            if (id == NO_SLOT) {
                continue;
            }
            if (slotIds[s] != id) {
                if (slotIds[s] > id) {
                    continue; // this accumulator already holds a newer slot in that position
                }
                LONGS.setOpaque(slotMins, s, retired.slotMins[s]);
                LONGS.setOpaque(slotMaxs, s, retired.slotMaxs[s]);
                LONGS.setRelease(slotIds, s, id);
            } else {
                LONGS.setOpaque(slotMins, s, Math.min(slotMins[s], retired.slotMins[s]));
                LONGS.setOpaque(slotMaxs, s, Math.max(slotMaxs[s], retired.slotMaxs[s]));
            }
        }
    }
}
