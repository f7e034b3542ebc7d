package io.perfweave.agent.weave;

import io.perfweave.bootstrap.CallsInFlight;
import net.bytebuddy.asm.Advice;

/**
 * Marks a call of an operation with a {@code profile} as in flight while it runs, so that the
 * agent's sampler can find it once it has become slow. Woven outside the timing advice: claiming
 * and freeing the slot is not part of the call's measured time.
 */
final class SlowCallAdvice {
    private SlowCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@OperationId int id) {
        return CallsInFlight.enter(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter int ticket) {
        CallsInFlight.exit(ticket);
    }
}
