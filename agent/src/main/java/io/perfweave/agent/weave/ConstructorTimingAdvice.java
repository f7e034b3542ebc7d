package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/**
 * Times constructors. The JVM does not allow a constructor's own exception handler to cover the
 * call to its super constructor, so exit advice cannot run on a thrown exception here: a
 * constructor that throws is not recorded (and the host's exception is untouched).
 */
final class ConstructorTimingAdvice {
    private ConstructorTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start) {
        Timing.exit(id, start, null);
    }
}
