package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/** Times only the outermost of nested calls of the same operation on one thread. */
final class OutermostTimingAdvice {
    private OutermostTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@OperationId int id, @Breakdown boolean breakdown, @Advice.Local("frame") long frame) {
        if (breakdown) {
            frame = Timing.push(id);
        }
        return Timing.enterOutermost(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start, @Advice.Thrown Throwable thrown,
                     @Advice.Local("frame") long frame) {
        Timing.exitOutermost(id, start, thrown, frame);
    }
}
