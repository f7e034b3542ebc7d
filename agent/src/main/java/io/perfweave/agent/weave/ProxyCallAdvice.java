package io.perfweave.agent.weave;

import io.perfweave.bootstrap.Timing;
import net.bytebuddy.asm.Advice;

/**
 * Marks a call through a JDK dynamic proxy while it runs, so that a call of the same operation
 * that the proxy's handler makes (to a woven implementation, say) is part of the proxy's call and
 * not counted again. Woven inside the proxy method's timing advice: the mark is gone by the time
 * the proxy's own call is recorded.
 */
final class ProxyCallAdvice {
    private ProxyCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@OperationId int id) {
        Timing.enterProxyCall(id);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@OperationId int id) {
        Timing.exitProxyCall(id);
    }
}
