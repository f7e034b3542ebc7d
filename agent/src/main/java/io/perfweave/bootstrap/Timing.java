package io.perfweave.bootstrap;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * The entry points that the code woven into the host's methods (the "advice") calls. Every method
 * here must be cheap, allocation-free on its common path, and must never throw into the host: each
 * one that woven code calls catches whatever is thrown inside it and hands it to
 * {@link #adviceFailed(Throwable)}, and the woven code around it has no handler of its own.
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
        try {
            long end = System.nanoTime();
            Recorders.record(id, end - startNanos, end, thrown);
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /**
     * Enters a call of operation {@code id} into the calling thread's call frames, for the
     * breakdown of calls into the timed calls inside them ({@code breakdown: true}). Called by the
     * advice before the clock is read; the answer is handed to the call's exit.
     */
    public static long push(int id) {
        try {
            return CallFrames.push(id);
        } catch (Throwable failure) {
            adviceFailed(failure);
            return CallFrames.UNTRACKED;
        }
    }

    /** As {@link #exit}, for a call entered with {@link #push}. */
    public static void exitNested(int id, long startNanos, Throwable thrown, long frame) {
        try {
            long end = System.nanoTime();
            Recorders.record(id, end - startNanos, end, thrown, frame);
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /** Starts a call of an operation that times only the outermost of nested calls. */
    public static long enterOutermost(int id) {
        try {
            Cell cell = Recorders.ownedCell(id);
            // without a cell of its own (the thread table is full) a thread times every call
            if (cell != null && cell.depth++ > 0) {
                return NOT_TIMED;
            }
            return System.nanoTime();
        } catch (Throwable failure) {
            adviceFailed(failure);
            return System.nanoTime();
        }
    }

    /** Ends a call started by {@link #enterOutermost(int)}. */
    public static void exitOutermost(int id, long startNanos, Throwable thrown) {
        exitOutermost(id, startNanos, thrown, CallFrames.UNTRACKED);
    }

    /** As {@link #exitOutermost(int, long, Throwable)}, for a call entered with {@link #push}. */
    public static void exitOutermost(int id, long startNanos, Throwable thrown, long frame) {
        try {
            long end = System.nanoTime();
            Cell cell = Recorders.ownedCell(id);
            if (cell != null) {
                cell.depth--;
            }
            if (startNanos != NOT_TIMED) {
                Recorders.record(id, end - startNanos, end, thrown, frame);
            } else {
                Recorders.leave(frame);
            }
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /**
     * Marks the start of a call through a JDK dynamic proxy: the proxy's handler usually calls an
     * implementation, which may be timed under the same operation; until {@link #exitProxyCall}
     * every call of the operation that ends on this thread is part of the proxy's call, so that a
     * call through the proxy counts once, whatever the operation's recursion policy. Woven inside
     * the proxy method's timing advice, so that the proxy's own call ends after the mark is gone.
     */
    public static void enterProxyCall(int id) {
        try {
            // without a cell of its own (the thread table is full) a thread counts every call
            Cell cell = Recorders.ownedCell(id);
            if (cell != null) {
                cell.depth++;
            }
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /** Ends what {@link #enterProxyCall(int)} started, however the proxy's call ended. */
    public static void exitProxyCall(int id) {
        try {
            Cell cell = Recorders.ownedCell(id);
            if (cell != null) {
                cell.depth--;
            }
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /** Starts a call of any operation, honouring its recursion policy. */
    public static long enter(int id) {
        try {
            if (Recorders.byId(id).recursion == OperationRecorder.RECURSION_OUTERMOST) {
                return enterOutermost(id);
            }
            return System.nanoTime();
        } catch (Throwable failure) {
            adviceFailed(failure);
            return System.nanoTime();
        }
    }

    /** Ends a call started by {@link #enter(int)}, recording it also under its tag values. */
    public static void exitTagged(int id, long startNanos, Throwable thrown, Object tagSource) {
        exitTagged(id, startNanos, thrown, tagSource, CallFrames.UNTRACKED);
    }

    /** As {@link #exitTagged(int, long, Throwable, Object)}, for a call entered with {@link #push}. */
    public static void exitTagged(int id, long startNanos, Throwable thrown, Object tagSource, long frame) {
        try {
            long end = System.nanoTime();
            finish(id, startNanos, end, thrown, tagSource, frame);
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /**
     * Ends a call of an operation that measures allocation: as {@link #exitTagged}, and the bytes
     * the thread allocated since {@code allocatedBefore} ({@link AllocationCounter#allocatedBytes()}
     * read at entry, after nothing else of the advice) are added to the operation's figures.
     */
    public static void exitAllocating(int id, long startNanos, Throwable thrown, Object tagSource, long allocatedBefore,
                                      long frame) {
        try {
            long end = System.nanoTime();
            long allocated = allocatedBefore < 0 ? -1 : AllocationCounter.allocatedBytes() - allocatedBefore;
            if (finish(id, startNanos, end, thrown, tagSource, frame) && allocated >= 0) {
                Recorders.recordAllocation(id, allocated);
            }
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    /**
     * Ends a call of an asynchronous operation. A returned {@link CompletionStage} is timed to its
     * completion (and succeeds or fails with it); anything else ends the call now. The host gets
     * back the very object its method returned.
     */
    public static void exitAsync(int id, long startNanos, Throwable thrown, Object returned, Object tagSource,
                                 long frame) {
        try {
            if (thrown == null && returned instanceof CompletionStage) {
                // the method has returned: calls the thread makes from now on are not inside this one
                Recorders.leave(frame);
                OperationRecorder recorder = Recorders.byId(id);
                if (recorder.recursion == OperationRecorder.RECURSION_OUTERMOST) {
                    Cell cell = Recorders.ownedCell(id);
                    if (cell != null) {
                        cell.depth--;
                    }
                }
                // decided now, on the calling thread: completion may come on any thread
                if (startNanos != NOT_TIMED && !Recorders.insideEnclosingCall(id)) {
                    ((CompletionStage<?>) returned).whenComplete((value, failure) ->
                            complete(id, startNanos, failure, tagSource, frame));
                }
                return;
            }
            exitTagged(id, startNanos, thrown, tagSource, frame);
        } catch (Throwable failure) {
            adviceFailed(failure);
        }
    }

    private static void complete(int id, long startNanos, Throwable failure, Object tagSource, long frame) {
        try {
            long end = System.nanoTime();
            Throwable cause = failure;
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            long nanos = end - startNanos;
            Recorders.recordCompletion(id, nanos, end, cause, frame);
            recordTags(id, nanos, end, cause, tagSource);
        } catch (Throwable t) {
            adviceFailed(t);
        }
    }

    /** @return whether the call was recorded (see {@link #record}) */
    private static boolean finish(int id, long startNanos, long end, Throwable thrown, Object tagSource, long frame) {
        OperationRecorder recorder = Recorders.byId(id);
        if (recorder.recursion == OperationRecorder.RECURSION_OUTERMOST) {
            Cell cell = Recorders.ownedCell(id);
            if (cell != null) {
                cell.depth--;
            }
        }
        if (startNanos == NOT_TIMED) {
            Recorders.leave(frame);
            return false;
        }
        return record(id, startNanos, end, thrown, tagSource, frame);
    }

    /**
     * Records a call, and under its tag values; neither when the call is part of an enclosing call
     * of the same operation.
     */
    private static boolean record(int id, long startNanos, long end, Throwable thrown, Object tagSource, long frame) {
        long nanos = end - startNanos;
        if (!Recorders.record(id, nanos, end, thrown, frame)) {
            return false;
        }
        recordTags(id, nanos, end, thrown, tagSource);
        return true;
    }

    private static void recordTags(int id, long nanos, long end, Throwable thrown, Object tagSource) {
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
