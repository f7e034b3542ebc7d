package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/**
 * The fastest advice: an operation that times every call and has no tags. The enter part is a
 * clock read inlined into the host's method; the exit part is one static call.
 */
final class TimingAdvice {
    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
        Timing.exit(id, start, thrown);
    }
}
