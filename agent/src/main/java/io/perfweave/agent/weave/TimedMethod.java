package io.perfweave.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Weaves hooks into one method, in place: the hooks' entry code before the method's first
 * instruction, their exit code (innermost hook first) before each of its returns, and a handler
 * around the method's own code that runs the exit code with the exception and throws it on. A
 * constructor's exit code runs where it returns only. The method's own instructions, line numbers
 * and handlers are untouched, so its results, exceptions and stack traces are what they were.
 *
 * <p>The method's stack map frames (read expanded) gain the locals the hooks set on entry; the
 * woven code branches nowhere, so it needs no frames of its own but the handler's. The handler does
 * not cover the exit code at the returns, so an exit runs once per call whatever happens.
 */
final class TimedMethod {
    private static final String THROWABLE = "java/lang/Throwable";

    private TimedMethod() {
    }

    /**
     * @param method     read from a class file with expanded frames
     * @param withFrames whether the class file has stack map frames (version 50 and later)
     * @param hooks      outermost first
     */
    static void weave(MethodNode method, boolean withFrames, List<CallHook> hooks) {
        boolean constructor = "<init>".equals(method.name);
        MethodLocals locals = new MethodLocals(method.maxLocals);
        InsnList code = method.instructions;

        InsnList entry = new InsnList();
        for (CallHook hook : hooks) {
            hook.enter(locals, entry);
        }
        Type returnType = Type.getReturnType(method.desc);
        boolean returnsObject = returnType.getSort() == Type.OBJECT || returnType.getSort() == Type.ARRAY;
        int returned = -1;
        for (CallHook hook : hooks) {
            if (returnsObject && hook instanceof TimingHook timing && timing.needsReturned()) {
                returned = locals.claimScratch();
                break;
            }
        }
        int thrown = constructor ? -1 : locals.claimScratch();

        if (withFrames) {
            for (AbstractInsnNode node : code) {
                if (node instanceof FrameNode frame) {
                    Object[] extended = locals.extend(frame.local == null ? List.of() : frame.local);
                    frame.local = java.util.Arrays.asList(extended);
                }
            }
        }

        // exit code before each return, outside the handler's range
        List<LabelNode[]> exits = new ArrayList<>();
        for (AbstractInsnNode node = code.getFirst(); node != null; node = node.getNext()) {
            int opcode = node.getOpcode();
            if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
                continue;
            }
            LabelNode before = new LabelNode();
            LabelNode after = new LabelNode();
            InsnList exit = new InsnList();
            exit.add(before);
            CallHook.Load returnedValue = CallHook.Load.NULL;
            if (returned >= 0) {
                int slot = returned;
                exit.add(new InsnNode(Opcodes.DUP));
                exit.add(new VarInsnNode(Opcodes.ASTORE, slot));
                returnedValue = list -> list.add(new VarInsnNode(Opcodes.ALOAD, slot));
            }
            for (int i = hooks.size() - 1; i >= 0; i--) {
                hooks.get(i).exit(exit, CallHook.Load.NULL, returnedValue);
            }
            code.insertBefore(node, exit);
            code.insert(node, after);
            node = after;
            exits.add(new LabelNode[] {before, after});
        }

        LabelNode bodyStart = new LabelNode();
        LabelNode bodyEnd = new LabelNode();
        code.insert(bodyStart);
        code.insert(entry);
        code.add(bodyEnd);

        if (!constructor) {
            LabelNode handler = new LabelNode();
            code.add(handler);
            if (withFrames) {
                Object[] handlerLocals = locals.entryLocalsOnly();
                code.add(new FrameNode(Opcodes.F_NEW, handlerLocals.length, handlerLocals, 1, new Object[] {THROWABLE}));
            }
            code.add(new VarInsnNode(Opcodes.ASTORE, thrown));
            int slot = thrown;
            CallHook.Load thrownValue = list -> list.add(new VarInsnNode(Opcodes.ALOAD, slot));
            for (int i = hooks.size() - 1; i >= 0; i--) {
                hooks.get(i).exit(code, thrownValue, CallHook.Load.NULL);
            }
            code.add(new VarInsnNode(Opcodes.ALOAD, thrown));
            code.add(new InsnNode(Opcodes.ATHROW));
            LabelNode from = bodyStart;
            for (LabelNode[] exit : exits) {
                addRange(method, from, exit[0], handler);
                from = exit[1];
            }
            addRange(method, from, bodyEnd, handler);
        }
    }

    /** Covers {@code from..to} with the handler, unless no instruction lies between them. */
    private static void addRange(MethodNode method, LabelNode from, LabelNode to, LabelNode handler) {
        for (AbstractInsnNode node = from.getNext(); node != null && node != to; node = node.getNext()) {
            if (node.getOpcode() >= 0) {
                // appended last: the method's own handlers keep precedence over this one
                method.tryCatchBlocks.add(new TryCatchBlockNode(from, to, handler, THROWABLE));
                return;
            }
        }
    }
}
