package io.perfweave.agent.weave;

import org.objectweb.asm.tree.InsnList;

/**
 * Marks a call through a JDK dynamic proxy (see {@code Timing.enterProxyCall}), so that a call of
 * the proxy and of the implementation behind it counts once. Woven inside the timing hook.
 */
final class ProxyCallHook implements CallHook {
    private static final String TIMING = "io/perfweave/bootstrap/Timing";
    private final int id;

    ProxyCallHook(int id) {
        this.id = id;
    }

    @Override
    public void enter(MethodLocals locals, InsnList code) {
        code.add(CallHook.intConstant(id));
        code.add(CallHook.callStatic(TIMING, "enterProxyCall", "(I)V"));
    }

    @Override
    public void exit(InsnList code, Load thrown, Load returned) {
        code.add(CallHook.intConstant(id));
        code.add(CallHook.callStatic(TIMING, "exitProxyCall", "(I)V"));
    }
}
