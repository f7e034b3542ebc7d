package io.perfweave.bootstrap;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * The entry points that advice woven into the host's methods calls. Every method here must be
 * cheap, allocation-free on its common path, and must never throw into the host: the advice
 * catches anything thrown here and hands it to {@link #adviceFailed(Throwable)}.
 */
public final class Timing {
    /** The value an enter advice returns when this call is not timed (a nested call, say). */
    public static final long NOT_TIMED = Long.MIN_VALUE;
    private static final LongAdder ADVICE_FAILURES = new LongAdder();
    private static volatile Throwable lastAdviceFailure;

    private Timing() {
    }

    /** Ends a call of an operation that times every call: the common, fastest path. */
    public static void exit(int id, long startNanos, Throwable thrown) {
        long end = System.nanoTime();
        Recorders.record(id, end - startNanos, end, thrown);
    }

    /** Starts a call of an operation that times only the outermost of nested calls. */
    public static long enterOutermost(int id) {
        Cell cell = Recorders.ownedCell(id);
        // without a cell of its own (the thread table is full) a thread times every call
        if (cell != null && cell.depth++ > 0) {
            return NOT_TIMED;
        }
        return System.nanoTime();
    }

    /** Ends a call started by {@link #enterOutermost(int)}. */
    public static void exitOutermost(int id, long startNanos, Throwable thrown) {
        long end = System.nanoTime();
        Cell cell = Recorders.ownedCell(id);
        if (cell != null) {
            cell.depth--;
        }
        if (startNanos != NOT_TIMED) {
            Recorders.record(id, end - startNanos, end, thrown);
        }
    }

    /** Starts a call of any operation, honouring its recursion policy. */
    public static long enter(int id) {
        if (Recorders.byId(id).recursion == OperationRecorder.RECURSION_OUTERMOST) {
            return enterOutermost(id);
        }
        return System.nanoTime();
    }

    /** Ends a call started by {@link #enter(int)}, recording it also under its tag values. */
    public static void exitTagged(int id, long startNanos, Throwable thrown, Object tagSource) {
        long end = System.nanoTime();
        finish(id, startNanos, end, thrown, tagSource);
    }

    /**
     * Ends a call of an operation that measures allocation: as {@link #exitTagged}, and the bytes
     * the thread allocated since {@code allocatedBefore} ({@link AllocationCounter#allocatedBytes()}
     * read at entry, after nothing else of the advice) are added to the operation's figures.
     */
    public static void exitAllocating(int id, long startNanos, Throwable thrown, Object tagSource, long allocatedBefore) {
        long end = System.nanoTime();
        long allocated = allocatedBefore < 0 ? -1 : AllocationCounter.allocatedBytes() - allocatedBefore;
        finish(id, startNanos, end, thrown, tagSource);
        if (startNanos != NOT_TIMED && allocated >= 0) {
            Recorders.recordAllocation(id, allocated);
        }
    }

    /**
     * Ends a call of an asynchronous operation. A returned {@link CompletionStage} is timed to its
     * completion (and succeeds or fails with it); anything else ends the call now. The host gets
     * back the very object its method returned.
     */
    public static void exitAsync(int id, long startNanos, Throwable thrown, Object returned, Object tagSource) {
        if (thrown == null && returned instanceof CompletionStage) {
            OperationRecorder recorder = Recorders.byId(id);
            if (recorder.recursion == OperationRecorder.RECURSION_OUTERMOST) {
                Cell cell = Recorders.ownedCell(id);
                if (cell != null) {
                    cell.depth--;
                }
            }
            if (startNanos != NOT_TIMED) {
                ((CompletionStage<?>) returned).whenComplete((value, failure) ->
                        complete(id, startNanos, failure, tagSource));
            }
            return;
        }
        exitTagged(id, startNanos, thrown, tagSource);
    }

    private static void complete(int id, long startNanos, Throwable failure, Object tagSource) {
        try {
            long end = System.nanoTime();
            Throwable cause = failure;
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            record(id, startNanos, end, cause, tagSource);
        } catch (Throwable t) {
            adviceFailed(t);
        }
    }

    private static void finish(int id, long startNanos, long end, Throwable thrown, Object tagSource) {
        OperationRecorder recorder = Recorders.byId(id);
        if (recorder.recursion == OperationRecorder.RECURSION_OUTERMOST) {
            Cell cell = Recorders.ownedCell(id);
            if (cell != null) {
                cell.depth--;
            }
        }
        if (startNanos != NOT_TIMED) {
            record(id, startNanos, end, thrown, tagSource);
        }
    }

    private static void record(int id, long startNanos, long end, Throwable thrown, Object tagSource) {
        long nanos = end - startNanos;
        Recorders.record(id, nanos, end, thrown);
        TagExtractor tags = Recorders.byId(id).tags;
        if (tags != null) {
            tags.record(tagSource, nanos, end, thrown);
        }
    }

    /** Counts a failure inside the agent's advice; the host's call goes on unaffected. */
    public static void adviceFailed(Throwable failure) {
        ADVICE_FAILURES.increment();
        lastAdviceFailure = failure;
    }

    public static long adviceFailures() {
        return ADVICE_FAILURES.sum();
    }

    public static Throwable lastAdviceFailure() {
        return lastAdviceFailure;
    }
}
