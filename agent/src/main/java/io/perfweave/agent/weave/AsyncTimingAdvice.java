package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Times a call that returns a {@code CompletionStage} until that stage completes. */
final class AsyncTimingAdvice {
    private AsyncTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@OperationId int id, @Breakdown boolean breakdown, @Advice.Local("frame") long frame) {
        if (breakdown) {
            frame = Timing.push(id);
        }
        return Timing.enter(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start, @Advice.Thrown Throwable thrown,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @TagSource Object source,
                     @Advice.Local("frame") long frame) {
        Timing.exitAsync(id, start, thrown, returned, source, frame);
    }
}
