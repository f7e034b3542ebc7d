package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What calls of one operation recorded: counts, sums, min and max, a {@link DurationBuckets}
 * histogram, the min and max of each recent window slot, and the last failure.
 *
 * <p>A cell is written in one of two ways, never both:
 * <ul>
 *   <li><b>owned</b> ({@link #recordOwned}): by one long-lived thread only, with plain loads and
 *       opaque stores — no atomic instruction and no shared cache line on the hot path;</li>
 *   <li><b>shared</b> ({@link #recordShared}): by any thread, with atomic adds. Threads that have
 *       made only a few calls (a virtual thread per task, a short-lived worker) write here, so
 *       that a thread's first call registers nothing, takes no lock and allocates nothing.</li>
 * </ul>
 * Readers on other threads see each field within a moment and never a torn value; they may see
 * the fields of one call out of step (count already incremented, sum not yet), so a reading taken
 * while calls run is exact to within the calls in flight, and exact once they have finished.
 *
 * <p>Footprint: about 150 bytes; the histogram's chunk table (250 bytes) and 528 bytes per power
 * of two the durations reached, and the window ring (790 bytes), are allocated by the first call
 * that needs them (an owned cell's ring by its first call in a second window slot). A failure is kept as the {@link Throwable} only until the agent's next tick
 * reads it into an {@link ErrorRecord}, so that no exception stays pinned.
 */
public final class Cell {
    /** Length of a window slot: 2^31 ns (about 2.15 s). */
    public static final int SLOT_SHIFT = 31;
    /** Number of window slots kept; a window may span up to SLOTS - 1 of them. */
    public static final int SLOTS = 32;
    private static final long NO_SLOT = Long.MIN_VALUE;
    /** A shared cell's slot id while one writer re-initialises the slot. */
    private static final long CLAIMING = Long.MIN_VALUE + 1;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle COUNT;
    private static final VarHandle FAILURES;
    private static final VarHandle SUM;
    private static final VarHandle FAILED_SUM;
    private static final VarHandle MIN;
    private static final VarHandle MAX;
    private static final VarHandle EPOCH;
    private static final VarHandle ALLOCATED;
    private static final VarHandle ALLOCATION_CALLS;
    private static final VarHandle TABLE;
    private static final VarHandle RING;
    private static final VarHandle USED;
    private static final VarHandle PENDING_ERROR;
    private static final VarHandle PENDING_AT;
    private static final VarHandle LAST_ERROR;
    private static final VarHandle CHILDREN;
    private static final VarHandle SLOT_ID;
    private static final VarHandle SLOT_MIN;
    private static final VarHandle SLOT_MAX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(Cell.class, "count", long.class);
            FAILURES = lookup.findVarHandle(Cell.class, "failures", long.class);
            SUM = lookup.findVarHandle(Cell.class, "sumNanos", long.class);
            FAILED_SUM = lookup.findVarHandle(Cell.class, "failedSumNanos", long.class);
            MIN = lookup.findVarHandle(Cell.class, "minNanos", long.class);
            MAX = lookup.findVarHandle(Cell.class, "maxNanos", long.class);
            EPOCH = lookup.findVarHandle(Cell.class, "epoch", int.class);
            ALLOCATED = lookup.findVarHandle(Cell.class, "allocatedBytes", long.class);
            ALLOCATION_CALLS = lookup.findVarHandle(Cell.class, "allocationCalls", long.class);
            TABLE = lookup.findVarHandle(Cell.class, "chunks", long[][].class);
            RING = lookup.findVarHandle(Cell.class, "ring", long[].class);
            USED = lookup.findVarHandle(Cell.class, "usedChunks", long.class);
            PENDING_ERROR = lookup.findVarHandle(Cell.class, "pendingError", Throwable.class);
            PENDING_AT = lookup.findVarHandle(Cell.class, "pendingErrorAt", long.class);
            LAST_ERROR = lookup.findVarHandle(Cell.class, "lastError", ErrorRecord.class);
            CHILDREN = lookup.findVarHandle(Cell.class, "children", ChildTimes.class);
            SLOT_ID = lookup.findVarHandle(Cell.class, "slotId", long.class);
            SLOT_MIN = lookup.findVarHandle(Cell.class, "slotMin", long.class);
            SLOT_MAX = lookup.findVarHandle(Cell.class, "slotMax", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that writes this owned cell; null for a shared cell or an accumulator of retired ones. */
    final Thread owner;
    /** Successful calls; durations, min, max and buckets describe these. */
    private long count;
    private long failures;
    private long sumNanos;
    private long failedSumNanos;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos;
    private int epoch;
    private long allocatedBytes;
    private long allocationCalls;
    /**
     * How many calls of this operation on the owner thread are in progress that take in the calls
     * nested in them: outermost-only calls, and calls through a proxy (see
     * {@link Timing#enterProxyCall}). While it is above zero, a call that ends is part of such a
     * call and is not recorded on its own.
     */
    int depth;
    /**
     * The tick period in which a call last marked this cell's recorder as written (see
     * {@link Recorders#nextTickTouched}); written by any thread of a shared cell, which at worst
     * marks the recorder twice.
     */
    int touchedTick;
    /** Chunk table of the histogram, allocated by the first successful call. */
    private long[][] chunks;
    /** Bit c set: chunk c is allocated. */
    private long usedChunks;
    /**
     * Window ring: slot s's id at [3 s], its min at [3 s + 1], its max at [3 s + 2], side by side
     * so that a call touches one cache line of it, not three.
     */
    private long[] ring;
    /**
     * An owned cell's current window slot: its id, min and max, beside the counters, so that a
     * call's window update reads no array; moved into {@link #ring} when the next slot starts.
     * {@link #CLAIMING} while that happens. Shared cells keep all their slots in the ring.
     */
    private long slotId = NO_SLOT;
    private long slotMin;
    private long slotMax;
    /** The last failure as thrown, until the agent's tick turns it into {@link #lastError}. */
    private Throwable pendingError;
    private long pendingErrorAt;
    private ErrorRecord lastError;
    /** The timed calls made inside this operation's calls (with {@code breakdown} on); null until the first. */
    private ChildTimes children;

    Cell(Thread owner, int epoch) {
        this.owner = owner;
        this.epoch = epoch;
    }

    int epoch() {
        return (int) EPOCH.getAcquire(this);
    }

    /** The epoch of a shared cell, which never changes after construction. */
    int epochPlain() {
        return epoch;
    }

    /**
     * Records one finished call; only {@link #owner} calls it.
     *
     * @param nanos duration, >= 0
     * @param endNanos the {@code System.nanoTime()} reading at the end of the call
     * @param thrown the exception the call ended with, or null
     */
    void recordOwned(long nanos, long endNanos, Throwable thrown, int currentEpoch) {
        if (epoch != currentEpoch) {
            clear(currentEpoch);
        }
        if (thrown != null) {
            // As in the seeds' summary, durations describe successful calls; a failure is counted
            // and its time summed apart.
            FAILURES.setOpaque(this, failures + 1);
            FAILED_SUM.setOpaque(this, failedSumNanos + nanos);
            PENDING_AT.setOpaque(this, endNanos);
            PENDING_ERROR.setRelease(this, thrown);
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
        int c = DurationBuckets.chunk(nanos);
        long[][] table = chunks;
        long[] chunk = table == null ? null : table[c];
        if (chunk == null) {
            chunk = newChunkOwned(c);
        }
        int sub = DurationBuckets.subBucket(nanos, c);
        LONGS.setOpaque(chunk, sub, chunk[sub] + 1);

        long slot = endNanos >> SLOT_SHIFT;
        if (slot != slotId) {
            startSlot(slot, nanos);
        } else {
            if (nanos < slotMin) {
                SLOT_MIN.setOpaque(this, nanos);
            }
            if (nanos > slotMax) {
                SLOT_MAX.setOpaque(this, nanos);
            }
        }
    }

    /**
     * Starts an owned cell's next window slot with one call's duration, keeping the slot that
     * ends in the ring. The ring first and the slot's id last, with {@link #CLAIMING} in between:
     * a reader that sees the fields change (see {@link #addTo}) finds the old slot in the ring.
     */
    private void startSlot(long slot, long nanos) {
        long previous = slotId;
        if (previous != NO_SLOT) {
            long[] slots = ring == null ? newRing() : ring;
            int at = (int) previous & (SLOTS - 1);
            LONGS.setOpaque(slots, 3 * at + 1, slotMin);
            LONGS.setOpaque(slots, 3 * at + 2, slotMax);
            LONGS.setRelease(slots, 3 * at, previous);
            SLOT_ID.setRelease(this, CLAIMING);
            VarHandle.storeStoreFence();
        }
        SLOT_MIN.setOpaque(this, nanos);
        SLOT_MAX.setOpaque(this, nanos);
        SLOT_ID.setRelease(this, slot);
    }

    private long[] newChunkOwned(int c) {
        long[][] table = chunks;
        if (table == null) {
            table = new long[DurationBuckets.CHUNKS][];
            TABLE.setRelease(this, table);
        }
        long[] chunk = new long[DurationBuckets.SUB_BUCKETS];
        CHUNKS.setRelease(table, c, chunk);
        USED.setRelease(this, usedChunks | (1L << c));
        return chunk;
    }

    private long[] newRing() {
        long[] slots = new long[3 * SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            slots[3 * s] = NO_SLOT;
        }
        if (owner != null) {
            RING.setRelease(this, slots);
            return slots;
        }
        long[] raced = (long[]) RING.compareAndExchangeRelease(this, (long[]) null, slots);
        return raced == null ? slots : raced;
    }

    /**
     * Records one finished call from any thread, with atomic updates. A shared cell is never
     * cleared: a reset replaces it (see {@link OperationRecorder}).
     */
    void recordShared(long nanos, long endNanos, Throwable thrown) {
        if (thrown != null) {
            FAILURES.getAndAdd(this, 1L);
            FAILED_SUM.getAndAdd(this, nanos);
            PENDING_AT.setOpaque(this, endNanos);
            PENDING_ERROR.setRelease(this, thrown);
            return;
        }
        COUNT.getAndAdd(this, 1L);
        SUM.getAndAdd(this, nanos);
        for (long min = (long) MIN.getOpaque(this); nanos < min; ) {
            long witness = (long) MIN.compareAndExchange(this, min, nanos);
            if (witness == min) {
                break;
            }
            min = witness;
        }
        for (long max = (long) MAX.getOpaque(this); nanos > max; ) {
            long witness = (long) MAX.compareAndExchange(this, max, nanos);
            if (witness == max) {
                break;
            }
            max = witness;
        }
        int c = DurationBuckets.chunk(nanos);
        long[][] table = (long[][]) TABLE.getAcquire(this);
        long[] chunk = table == null ? null : (long[]) CHUNKS.getAcquire(table, c);
        if (chunk == null) {
            chunk = newChunkShared(c);
        }
        LONGS.getAndAdd(chunk, DurationBuckets.subBucket(nanos, c), 1L);

        long[] slots = (long[]) RING.getAcquire(this);
        if (slots == null) {
            slots = newRing();
        }
        long slotId = endNanos >> SLOT_SHIFT;
        int slot = (int) slotId & (SLOTS - 1);
        long id = (long) LONGS.getAcquire(slots, 3 * slot);
        if (id == slotId) {
            extremes(slots, slot, nanos);
        } else if (id != CLAIMING && id < slotId && LONGS.compareAndSet(slots, 3 * slot, id, CLAIMING)) {
            LONGS.setOpaque(slots, 3 * slot + 1, nanos);
            LONGS.setOpaque(slots, 3 * slot + 2, nanos);
            LONGS.setRelease(slots, 3 * slot, slotId);
        }
        // else: another writer is starting this slot at this very moment, and this call's
        // duration is left out of the slot's min and max (it is in every count and bucket)
    }

    private static void extremes(long[] slots, int slot, long nanos) {
        int minAt = 3 * slot + 1;
        for (long min = (long) LONGS.getOpaque(slots, minAt); nanos < min; ) {
            long witness = (long) LONGS.compareAndExchange(slots, minAt, min, nanos);
            if (witness == min) {
                break;
            }
            min = witness;
        }
        int maxAt = 3 * slot + 2;
        for (long max = (long) LONGS.getOpaque(slots, maxAt); nanos > max; ) {
            long witness = (long) LONGS.compareAndExchange(slots, maxAt, max, nanos);
            if (witness == max) {
                break;
            }
            max = witness;
        }
    }

    private long[] newChunkShared(int c) {
        long[][] table = (long[][]) TABLE.getAcquire(this);
        if (table == null) {
            long[][] fresh = new long[DurationBuckets.CHUNKS][];
            long[][] raced = (long[][]) TABLE.compareAndExchangeRelease(this, (long[][]) null, fresh);
            table = raced == null ? fresh : raced;
        }
        long[] fresh = new long[DurationBuckets.SUB_BUCKETS];
        long[] raced = (long[]) CHUNKS.compareAndExchangeRelease(table, c, (long[]) null, fresh);
        USED.getAndBitwiseOrRelease(this, 1L << c);
        return raced == null ? fresh : raced;
    }

    /**
     * Adds what one call allocated, for an operation that measures allocation. For an owned cell
     * only the owner calls it, right after {@link #recordOwned} of the same call.
     */
    void recordAllocation(long bytes, boolean shared) {
        if (shared) {
            ALLOCATED.getAndAdd(this, bytes);
            ALLOCATION_CALLS.getAndAdd(this, 1L);
        } else {
            ALLOCATED.setOpaque(this, allocatedBytes + bytes);
            ALLOCATION_CALLS.setOpaque(this, allocationCalls + 1);
        }
    }

    /**
     * Adds one call of operation {@code child} that ran directly inside a call of this cell's
     * operation; only {@link #owner} calls it.
     */
    void recordChildOwned(int child, long nanos, int currentEpoch) {
        if (epoch != currentEpoch) {
            clear(currentEpoch);
        }
        childTimes(false).of(child).addOwned(nanos);
    }

    /** As {@link #recordChildOwned}, from any thread. */
    void recordChildShared(int child, long nanos) {
        childTimes(true).of(child).addShared(nanos);
    }

    /**
     * Notes that a call just recorded in this cell ran directly inside a call of the same
     * operation: its time is part of the enclosing call's, which the breakdown must not count twice.
     */
    void recordNestedInItself(long nanos, boolean shared) {
        childTimes(shared).nestedInItself(nanos, shared);
    }

    private ChildTimes childTimes(boolean shared) {
        ChildTimes times = (ChildTimes) CHILDREN.getAcquire(this);
        if (times != null) {
            return times;
        }
        ChildTimes fresh = new ChildTimes();
        if (!shared) {
            CHILDREN.setRelease(this, fresh);
            return fresh;
        }
        ChildTimes raced = (ChildTimes) CHILDREN.compareAndExchangeRelease(this, (ChildTimes) null, fresh);
        return raced == null ? fresh : raced;
    }

    /** Forgets everything recorded before a reset; called by the owner on its first call after it. */
    private void clear(int currentEpoch) {
        COUNT.setOpaque(this, 0L);
        FAILURES.setOpaque(this, 0L);
        SUM.setOpaque(this, 0L);
        FAILED_SUM.setOpaque(this, 0L);
        MIN.setOpaque(this, Long.MAX_VALUE);
        MAX.setOpaque(this, 0L);
        PENDING_ERROR.setOpaque(this, (Throwable) null);
        LAST_ERROR.setOpaque(this, (ErrorRecord) null);
        ALLOCATED.setOpaque(this, 0L);
        ALLOCATION_CALLS.setOpaque(this, 0L);
        CHILDREN.setRelease(this, (ChildTimes) null);
        long[][] table = chunks;
        for (long bits = usedChunks; bits != 0; bits &= bits - 1) {
            long[] chunk = table[Long.numberOfTrailingZeros(bits)];
            for (int i = 0; i < chunk.length; i++) {
                LONGS.setOpaque(chunk, i, 0L);
            }
        }
        SLOT_ID.setRelease(this, NO_SLOT);
        long[] slots = ring;
        if (slots != null) {
            for (int i = 0; i < SLOTS; i++) {
                LONGS.setRelease(slots, 3 * i, NO_SLOT);
            }
        }
        EPOCH.setRelease(this, currentEpoch);
    }

    /** Successful and failed calls so far: a cheap look at whether anything changed. */
    long calls() {
        return (long) COUNT.getOpaque(this) + (long) FAILURES.getOpaque(this);
    }

    /**
     * Turns a pending failure into an {@link ErrorRecord}, so that the {@link Throwable} is let go.
     * Only the agent's maintenance thread calls it; a failure recorded meanwhile stays pending.
     */
    void settleError() {
        Throwable pending = (Throwable) PENDING_ERROR.getAcquire(this);
        if (pending == null) {
            return;
        }
        ErrorRecord settled = ErrorRecord.of(pending, (long) PENDING_AT.getOpaque(this));
        LAST_ERROR.setRelease(this, settled);
        PENDING_ERROR.compareAndSet(this, pending, (Throwable) null);
    }

    /** The last failure, reading a pending one without settling it. */
    private ErrorRecord lastError() {
        Throwable pending = (Throwable) PENDING_ERROR.getAcquire(this);
        if (pending != null) {
            return ErrorRecord.of(pending, (long) PENDING_AT.getOpaque(this));
        }
        return (ErrorRecord) LAST_ERROR.getAcquire(this);
    }

    /** Adds this cell's figures to {@code into}, if they belong to {@code currentEpoch}. */
    void addTo(TotalsBuilder into, int currentEpoch, long oldestSlotId) {
        if (epoch() != currentEpoch) {
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
        into.lastError = ErrorRecord.later(into.lastError, lastError());
        ChildTimes times = (ChildTimes) CHILDREN.getAcquire(this);
        if (times != null) {
            times.addTo(into.children);
        }
        long[][] table = (long[][]) TABLE.getAcquire(this);
        for (long bits = (long) USED.getAcquire(this); bits != 0; bits &= bits - 1) {
            int c = Long.numberOfTrailingZeros(bits);
            long[] chunk = (long[]) CHUNKS.getAcquire(table, c);
            if (chunk != null) {
                into.buckets.addChunk(c, chunk, LONGS);
            }
        }
        // the current slot before the ring: when it moves into the ring meanwhile, the ring has it
        long current = (long) SLOT_ID.getAcquire(this);
        if (current >= oldestSlotId) {
            long min = (long) SLOT_MIN.getOpaque(this);
            long max = (long) SLOT_MAX.getOpaque(this);
            VarHandle.loadLoadFence();
            if ((long) SLOT_ID.getAcquire(this) == current) {
                into.windowMinNanos = Math.min(into.windowMinNanos, min);
                into.windowMaxNanos = Math.max(into.windowMaxNanos, max);
            }
        }
        long[] slots = (long[]) RING.getAcquire(this);
        if (slots != null) {
            for (int s = 0; s < SLOTS; s++) {
                long id = (long) LONGS.getAcquire(slots, 3 * s);
                if (id >= oldestSlotId) {
                    into.windowMinNanos = Math.min(into.windowMinNanos, (long) LONGS.getOpaque(slots, 3 * s + 1));
                    into.windowMaxNanos = Math.max(into.windowMaxNanos, (long) LONGS.getOpaque(slots, 3 * s + 2));
                }
            }
        }
    }

    /**
     * Folds a finished thread's (or a replaced shared cell's) figures into this accumulator. Only
     * the agent's maintenance thread calls it, under the recorder's lock, after the writers of
     * {@code retired} have stopped.
     */
    void absorb(Cell retired, int currentEpoch) {
        if (retired.epoch() != currentEpoch) {
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
        ErrorRecord error = ErrorRecord.later(lastError(), retired.lastError());
        PENDING_ERROR.setOpaque(this, (Throwable) null);
        LAST_ERROR.setRelease(this, error);
        ChildTimes retiredChildren = (ChildTimes) CHILDREN.getAcquire(retired);
        if (retiredChildren != null) {
            childTimes(false).absorb(retiredChildren);
        }
        for (long bits = retired.usedChunks; bits != 0; bits &= bits - 1) {
            int c = Long.numberOfTrailingZeros(bits);
            long[] from = retired.chunks[c];
            long[] to = chunks == null ? null : chunks[c];
            if (to == null) {
                to = newChunkOwned(c);
            }
            for (int i = 0; i < to.length; i++) {
                LONGS.setOpaque(to, i, to[i] + from[i]);
            }
        }
        long[] from = retired.ring;
        if (from != null) {
            for (int s = 0; s < SLOTS; s++) {
                absorbSlot(from[3 * s], from[3 * s + 1], from[3 * s + 2]);
            }
        }
        absorbSlot(retired.slotId, retired.slotMin, retired.slotMax);
    }

    /** Merges one window slot of a retired cell into this accumulator's ring. */
    private void absorbSlot(long id, long min, long max) {
        if (id == NO_SLOT || id == CLAIMING) {
            return;
        }
        long[] slots = ring == null ? newRing() : ring;
        int s = (int) id & (SLOTS - 1);
        if (slots[3 * s] != id) {
            if (slots[3 * s] > id) {
                return; // this accumulator already holds a newer slot in that position
            }
            LONGS.setOpaque(slots, 3 * s + 1, min);
            LONGS.setOpaque(slots, 3 * s + 2, max);
            LONGS.setRelease(slots, 3 * s, id);
        } else {
            LONGS.setOpaque(slots, 3 * s + 1, Math.min(slots[3 * s + 1], min));
            LONGS.setOpaque(slots, 3 * s + 2, Math.max(slots[3 * s + 2], max));
        }
    }
}
