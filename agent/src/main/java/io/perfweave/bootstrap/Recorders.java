package io.perfweave.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of operation recorders, indexed by the operation id that is woven into the host's
 * bytecode as a constant, and the routing of each finished call to the cell it belongs in.
 *
 * <p>Lives in the bootstrap class loader so that code woven into any class loader's classes can
 * reach it. Uses nothing but the JDK.
 */
public final class Recorders {
    /** Threads whose name starts with this belong to the agent and are never recorded. */
    public static final String AGENT_THREAD_PREFIX = "perfweave-";

    private static volatile OperationRecorder[] byId = new OperationRecorder[0];
    private static final Map<String, OperationRecorder> byName = new HashMap<>();
    private static final List<OperationRecorder> operations = new ArrayList<>();
    private static volatile int epoch;
    /** Set by a failed call, cleared by the tick that settles failures into records. */
    private static volatile boolean failuresPending;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * The number of the agent's current tick period. A cell remembers the period in which it last
     * marked its recorder in {@link #touched}, so that a call marks only the first time in a period.
     */
    private static volatile int tick = 1;
    /**
     * Bit {@code id} set: recorder {@code id} recorded a call since the tick last took the bits.
     * Replaced by a larger copy when the table outgrows it (a mark made meanwhile may be lost in the
     * old array, so the tick then looks at every recorder once).
     */
    private static volatile long[] touched = new long[1];
    /** The {@link #touched} array and the epoch the tick saw when it last took the bits; guarded by the class. */
    private static long[] touchedTaken;
    private static int epochTaken;

    private Recorders() {
    }

    /**
     * Returns the recorder of the operation with this name, creating it if needed. An operation
     * keeps its recorder, and so its statistics, for the life of the JVM.
     */
    public static synchronized OperationRecorder operation(String name, TagExtractor tags, int recursion) {
        OperationRecorder existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        OperationRecorder recorder = add(name, tags, recursion);
        byName.put(name, recorder);
        operations.add(recorder);
        return recorder;
    }

    /**
     * Gives the operation with this name a new recorder of a new shape (tags, recursion): code
     * woven from then on records there, starting from zero; the old recorder keeps what it had and
     * takes only the calls of code not yet re-woven.
     */
    public static synchronized OperationRecorder reshape(String name, TagExtractor tags, int recursion) {
        OperationRecorder replacement = add(name, tags, recursion);
        OperationRecorder previous = byName.put(name, replacement);
        int at = operations.indexOf(previous);
        if (at >= 0) {
            operations.set(at, replacement);
        } else {
            operations.add(replacement);
        }
        return replacement;
    }

    /** A recorder that is not an operation of its own, such as one tag value's share of an operation. */
    static synchronized OperationRecorder child(String name) {
        return add(name, null, OperationRecorder.RECURSION_ALL);
    }

    private static OperationRecorder add(String name, TagExtractor tags, int recursion) {
        OperationRecorder[] table = byId;
        OperationRecorder recorder = new OperationRecorder(table.length, name, tags, recursion);
        OperationRecorder[] grown = Arrays.copyOf(table, table.length + 1);
        grown[recorder.id] = recorder;
        long[] bits = touched;
        if ((recorder.id >>> 6) >= bits.length) { // before the recorder is published: its calls find room
            touched = Arrays.copyOf(bits, 2 * bits.length);
        }
        byId = grown;
        return recorder;
    }

    /** The operations registered so far, in registration order. */
    public static synchronized List<OperationRecorder> operations() {
        return new ArrayList<>(operations);
    }

    /** Every recorder, operations and tag values alike. */
    public static OperationRecorder[] all() {
        return byId;
    }

    public static OperationRecorder byId(int id) {
        return byId[id];
    }

    /** Current reset epoch; cells written in an older epoch count as empty. */
    public static int epoch() {
        return epoch;
    }

    /** Forgets all recorded figures: owned cells clear themselves on their next call, shared cells are replaced. */
    public static synchronized void reset() {
        epoch++;
    }

    /**
     * Records one finished call of operation {@code id} in the calling thread's owned cell when it
     * has been promoted, else in the operation's shared cell. Nothing on this path allocates, but
     * the first call of a promoted thread to an operation (once per thread and operation).
     *
     * @return false when the call was not recorded because it is part of a call of the same
     *         operation that encloses it on this thread (see {@link Cell#depth})
     */
    static boolean record(int id, long nanos, long endNanos, Throwable thrown) {
        return record(id, nanos, endNanos, thrown, true, CallFrames.UNTRACKED);
    }

    /**
     * As {@link #record(int, long, long, Throwable)}, for a call that {@link CallFrames#push}
     * entered as {@code frame}: also counts it in the breakdown of the call it ran in, and leaves
     * the frame, whether or not the call was recorded.
     */
    static boolean record(int id, long nanos, long endNanos, Throwable thrown, long frame) {
        return record(id, nanos, endNanos, thrown, true, frame);
    }

    /**
     * Records a call that completed asynchronously: on whatever thread completed it, which may be
     * inside an unrelated call of the same operation, so that thread's enclosing calls do not count.
     * The call is counted in the breakdown of {@code parent}, the operation whose call made it
     * ({@link CallFrames#NONE} for none), through the parent's shared cells: this may be any thread.
     */
    static void recordCompletion(int id, long nanos, long endNanos, Throwable thrown, long frame) {
        record(id, nanos, endNanos, thrown, false, CallFrames.UNTRACKED);
        if (frame == CallFrames.UNTRACKED) {
            return;
        }
        OperationRecorder[] table = byId;
        int hash = ThreadDirectory.hash(Thread.currentThread());
        if (frame == CallFrames.NESTED_IN_ITSELF) {
            if (id < table.length) {
                table[id].shared(epoch, hash).recordNestedInItself(Math.max(0, nanos), true);
            }
            return;
        }
        int parent = CallFrames.parentOf(frame);
        if (parent >= 0 && parent < table.length) {
            table[parent].shared(epoch, hash).recordChildShared(id, Math.max(0, nanos));
        }
    }

    /** Leaves a frame {@link CallFrames#push} entered, for a call that is not recorded (now). */
    static void leave(long frame) {
        if (frame > 0) {
            Thread thread = Thread.currentThread();
            int hash = ThreadDirectory.hash(thread);
            CallFrames.pop(thread, hash, ThreadDirectory.find(thread, hash), frame);
        }
    }

    private static boolean record(int id, long nanos, long endNanos, Throwable thrown, boolean mayBeEnclosed,
                                  long frame) {
        if (nanos < 0) {
            nanos = 0; // only a start time that was never taken can make it negative
        }
        Thread thread = Thread.currentThread();
        int hash = ThreadDirectory.hash(thread);
        ThreadCells mine = ThreadDirectory.current(thread, hash);
        boolean recorded = true;
        if (mine != null) {
            if (!mine.ignored) {
                Cell cell = mine.get(id);
                if (cell == null) {
                    cell = newOwnedCell(mine, id);
                }
                if (cell != null) {
                    if (mayBeEnclosed && cell.depth > 0) {
                        recorded = false;
                    } else {
                        cell.recordOwned(nanos, endNanos, thrown, epoch);
                        int period = tick;
                        if (cell.touchedTick != period) {
                            touch(cell, id, period);
                        }
                        if (frame != CallFrames.UNTRACKED) {
                            countInParent(mine, cell, id, nanos, frame);
                        }
                    }
                }
            }
        } else {
            OperationRecorder[] table = byId;
            if (id >= 0 && id < table.length) {
                Cell cell = table[id].shared(epoch, hash);
                cell.recordShared(nanos, endNanos, thrown);
                int period = tick;
                if (cell.touchedTick != period) {
                    touch(cell, id, period);
                }
                if (frame != CallFrames.UNTRACKED) {
                    countInParent(table, cell, id, nanos, frame, hash);
                }
            }
        }
        if (frame > 0) {
            CallFrames.pop(thread, hash, mine, frame);
        }
        // after the failure is in its cell, so that the tick that clears the flag sees it
        if (recorded && thrown != null && !failuresPending) {
            failuresPending = true;
        }
        return recorded;
    }

    /**
     * Marks recorder {@code id} as written in this tick period; called after the call is in
     * {@code cell}, so that the tick that takes the mark (or, for a call that found the mark already
     * made, the tick after it: see {@link #nextTickTouched}) reads the call.
     */
    private static void touch(Cell cell, int id, int period) {
        cell.touchedTick = period;
        long[] bits = touched;
        int word = id >>> 6;
        if (word < bits.length) {
            WORDS.getAndBitwiseOr(bits, word, 1L << id);
        }
    }

    /**
     * Begins the next tick period and returns which recorders recorded calls in the one before
     * (bit {@code id} of word {@code id / 64}); null when that cannot be told, because the mark
     * table was replaced or the figures were reset since the last time, and every recorder must be
     * looked at. Only the agent's tick calls it. A call that ends while this runs is marked in
     * one of the two periods: a reader that takes the recorders of this answer and the one before
     * misses none.
     */
    public static synchronized long[] nextTickTouched() {
        tick++;
        long[] bits = touched;
        long[] taken = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            if ((long) WORDS.getOpaque(bits, i) != 0) {
                taken[i] = (long) WORDS.getAndSet(bits, i, 0L);
            }
        }
        boolean complete = bits == touchedTaken && epoch == epochTaken;
        touchedTaken = bits;
        epochTaken = epoch;
        return complete ? taken : null;
    }

    /** Counts a call a promoted thread just recorded in {@code cell} in the breakdown of its parent call. */
    private static void countInParent(ThreadCells mine, Cell cell, int id, long nanos, long frame) {
        if (frame == CallFrames.NESTED_IN_ITSELF) {
            cell.recordNestedInItself(nanos, false);
            return;
        }
        int parent = CallFrames.parentOf(frame);
        if (parent == CallFrames.NONE) {
            return;
        }
        Cell parentCell = mine.get(parent);
        if (parentCell == null) {
            parentCell = newOwnedCell(mine, parent);
        }
        if (parentCell != null) {
            parentCell.recordChildOwned(id, nanos, epoch);
        }
    }

    /** As above, for a thread that writes shared cells. */
    private static void countInParent(OperationRecorder[] table, Cell cell, int id, long nanos, long frame, int hash) {
        if (frame == CallFrames.NESTED_IN_ITSELF) {
            cell.recordNestedInItself(nanos, true);
            return;
        }
        int parent = CallFrames.parentOf(frame);
        if (parent >= 0 && parent < table.length) {
            table[parent].shared(epoch, hash).recordChildShared(id, nanos);
        }
    }

    /**
     * Whether a call of operation {@code id} that encloses its nested calls is in progress on this
     * thread. Only a promoted thread can be in one: entering such a call promotes it.
     */
    static boolean insideEnclosingCall(int id) {
        ThreadCells mine = ThreadDirectory.current(Thread.currentThread());
        Cell cell = mine == null || mine.ignored ? null : mine.get(id);
        return cell != null && cell.depth > 0;
    }

    /** Adds allocated bytes to the cell {@link #record} just used for operation {@code id}. */
    static void recordAllocation(int id, long bytes) {
        Thread thread = Thread.currentThread();
        int hash = ThreadDirectory.hash(thread);
        ThreadCells mine = ThreadDirectory.current(thread, hash);
        if (mine != null) {
            Cell cell = mine.ignored ? null : mine.get(id);
            if (cell != null) {
                cell.recordAllocation(bytes, false);
            }
            return;
        }
        OperationRecorder[] table = byId;
        if (id >= 0 && id < table.length) {
            table[id].shared(epoch, hash).recordAllocation(bytes, true);
        }
    }

    /**
     * The calling thread's owned cell for operation {@code id}, promoting the thread if needed:
     * for state that must be kept per thread, such as the nesting depth of an outermost-only
     * operation. Null for the agent's own threads, or when no owned cell can be had.
     */
    static Cell ownedCell(int id) {
        ThreadCells mine = ThreadDirectory.promoted(Thread.currentThread());
        if (mine == null || mine.ignored) {
            return null;
        }
        Cell cell = mine.get(id);
        return cell != null ? cell : newOwnedCell(mine, id);
    }

    private static Cell newOwnedCell(ThreadCells mine, int id) {
        OperationRecorder[] table = byId;
        if (id < 0 || id >= table.length) {
            return null;
        }
        Cell cell = table[id].register(mine.owner);
        mine.put(id, cell);
        return cell;
    }

    /**
     * The agent's periodic housekeeping of the recording state: forgets promoted threads that have
     * ended and folds their cells into the recorders they wrote, and, when calls failed since the
     * last time, settles the failures into records. Work proportional to the threads that ended
     * and to failures, none when the host is idle.
     */
    public static void housekeep() {
        OperationRecorder[] table = byId;
        CallFrames.forgetEndedThreads();
        for (ThreadCells ended : ThreadDirectory.forgetEndedThreads()) {
            ended.operations().filter(id -> id < table.length).forEach(id -> table[id].foldEndedThreads());
        }
        if (failuresPending) {
            failuresPending = false;
            for (OperationRecorder recorder : table) {
                recorder.settleErrors();
            }
        }
    }
}
