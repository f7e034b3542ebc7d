package io.perfweave.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of operation recorders, indexed by the operation id that is woven into the host's
 * bytecode as a constant, and each thread's cache of its own cells.
 *
 * <p>Lives in the bootstrap class loader so that code woven into any class loader's classes can
 * reach it. Uses nothing but the JDK.
 */
public final class Recorders {
    /** Threads whose name starts with this belong to the agent and are never recorded. */
    public static final String AGENT_THREAD_PREFIX = "perfweave-";
    private static final ThreadCell[] NONE = new ThreadCell[0];
    private static final ThreadLocal<ThreadCell[]> CELLS = ThreadLocal.withInitial(() -> NONE);

    private static volatile OperationRecorder[] byId = new OperationRecorder[0];
    private static final Map<String, OperationRecorder> byName = new HashMap<>();
    private static final List<OperationRecorder> operations = new ArrayList<>();
    private static volatile int epoch;

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

    /** A recorder that is not an operation of its own, such as one tag value's share of an operation. */
    static synchronized OperationRecorder child(String name) {
        return add(name, null, OperationRecorder.RECURSION_ALL);
    }

    private static OperationRecorder add(String name, TagExtractor tags, int recursion) {
        OperationRecorder[] table = byId;
        OperationRecorder recorder = new OperationRecorder(table.length, name, tags, recursion);
        OperationRecorder[] grown = Arrays.copyOf(table, table.length + 1);
        grown[recorder.id] = recorder;
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

    /** Forgets all recorded figures: each thread clears its own cells on its next call. */
    public static synchronized void reset() {
        epoch++;
    }

    /** The calling thread's cell for operation {@code id}, or null when this thread is not recorded. */
    static ThreadCell cell(int id) {
        ThreadCell[] cells = CELLS.get();
        if (id < cells.length) {
            ThreadCell cell = cells[id];
            if (cell != null) {
                return cell;
            }
        }
        return newCell(id, cells);
    }

    private static ThreadCell newCell(int id, ThreadCell[] cells) {
        Thread thread = Thread.currentThread();
        if (thread.getName().startsWith(AGENT_THREAD_PREFIX)) {
            return null;
        }
        OperationRecorder[] table = byId;
        if (id < 0 || id >= table.length) {
            return null;
        }
        if (id >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(table.length, id + 1));
            CELLS.set(cells);
        }
        ThreadCell cell = table[id].register(thread);
        cells[id] = cell;
        return cell;
    }
}
