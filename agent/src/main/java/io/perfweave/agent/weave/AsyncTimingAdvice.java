package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Times a call that returns a {@code CompletionStage} until that stage completes. */
final class AsyncTimingAdvice {
    private AsyncTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@OperationId int id) {
        return Timing.enter(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start, @Advice.Thrown Throwable thrown,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @TagSource Object source) {
        Timing.exitAsync(id, start, thrown, returned, source);
    }
}
