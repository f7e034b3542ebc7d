package io.perfweave.agent.weave;

import io.perfweave.bootstrap.AllocationCounter;
import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/**
 * Times a call and measures the bytes its thread allocated meanwhile, for operations that set
 * {@code allocation: true}. The counter is read before the clock at entry and after it at exit,
 * so that neither read is part of the timed duration.
 */
final class AllocatingTimingAdvice {
    private AllocatingTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@OperationId int id, @Breakdown boolean breakdown, @Advice.Local("frame") long frame,
                      @Advice.Local("allocatedBefore") long allocatedBefore) {
        if (breakdown) {
            frame = Timing.push(id);
        }
        allocatedBefore = AllocationCounter.allocatedBytes();
        return Timing.enter(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id, @Advice.Enter long start, @Advice.Thrown Throwable thrown,
                     @TagSource Object source, @Advice.Local("allocatedBefore") long allocatedBefore,
                     @Advice.Local("frame") long frame) {
        Timing.exitAllocating(id, start, thrown, source, allocatedBefore, frame);
    }
}
