package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/**
 * The fastest advice: an operation that times every call and has no tags. The enter part is a
 * clock read inlined into the host's method (and, with the breakdown on, the push of a call
 * frame before it); the exit part is one static call.
 */
final class TimingAdvice {
    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@OperationId int id, @Breakdown boolean breakdown, @Advice.Local("frame") long frame) {
        if (breakdown) {
            frame = Timing.push(id);
        }
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Breakdown boolean breakdown, @Advice.Enter long start,
                     @Advice.Thrown Throwable thrown, @Advice.Local("frame") long frame) {
        if (breakdown) {
            Timing.exitNested(id, start, thrown, frame);
        } else {
            Timing.exit(id, start, thrown);
        }
    }
}
