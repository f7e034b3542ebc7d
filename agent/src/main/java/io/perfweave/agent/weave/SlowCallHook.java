package io.perfweave.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Registers a call of a profiled operation ({@code profile: {slower_than_ms}}) as in flight, so
 * that the profiler can sample its thread if it turns slow. Woven outside the timing hook.
 */
final class SlowCallHook implements CallHook {
    private static final String CALLS_IN_FLIGHT = "io/perfweave/bootstrap/CallsInFlight";
    private final int id;
    private int ticket;

    SlowCallHook(int id) {
        this.id = id;
    }

    @Override
    public void enter(MethodLocals locals, InsnList code) {
        ticket = locals.claim(Opcodes.INTEGER);
        code.add(CallHook.intConstant(id));
        code.add(CallHook.callStatic(CALLS_IN_FLIGHT, "enter", "(I)I"));
        code.add(new VarInsnNode(Opcodes.ISTORE, ticket));
    }

    @Override
    public void exit(InsnList code, Load thrown, Load returned) {
        code.add(new VarInsnNode(Opcodes.ILOAD, ticket));
        code.add(CallHook.callStatic(CALLS_IN_FLIGHT, "exit", "(I)V"));
    }
}
