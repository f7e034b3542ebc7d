package io.perfweave.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One operation's part of a woven method: the calls into the bootstrap API that run when the
 * method is entered and when it returns or throws. {@link TimedMethod} places them; a hook only
 * says what they are. Every bootstrap method called here catches whatever goes wrong inside it,
 * so woven code never throws into the host.
 */
interface CallHook {
    /**
     * Appends what runs on entry, before any of the method's own code. Every local the hook
     * claims from {@code locals} is stored here.
     */
    void enter(MethodLocals locals, InsnList code);

    /**
     * Appends what runs when the method ends.
     *
     * @param thrown pushes the exception the method throws, or null when it returns
     * @param returned pushes the object the method returns, or null (when it throws, returns a
     *                 primitive or nothing)
     */
    void exit(InsnList code, Load thrown, Load returned);

    /** Appends the instructions that push one value onto the operand stack. */
    interface Load {
        void to(InsnList code);

        Load NULL = code -> code.add(new InsnNode(Opcodes.ACONST_NULL));
    }

    /** The shortest instruction that pushes {@code value}. */
    static AbstractInsnNode intConstant(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    /** A call of a static method of the bootstrap API (or the JDK). */
    static MethodInsnNode callStatic(String owner, String name, String descriptor) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
    }
}
