package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/** Times a call and records it also under the values of its tags, read from one argument. */
final class TaggedTimingAdvice {
    private TaggedTimingAdvice() {
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
                     @TagSource Object source, @Advice.Local("frame") long frame) {
        Timing.exitTagged(id, start, thrown, source, frame);
    }
}
