package io.perfweave.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Times the calls of one operation: reads the clock (or asks the bootstrap API whether this call is
 * timed) on entry and hands the start to the bootstrap API's exit for the operation's kind. With
 * the breakdown on, the call also enters the thread's call frames on entry.
 */
final class TimingHook implements CallHook {
    private static final String TIMING = "io/perfweave/bootstrap/Timing";
    private static final String THROWABLE = "Ljava/lang/Throwable;";

    /** How the operation's calls are timed, by the rule that selected it. */
    enum Kind {
        /** Every call, the common path. */
        PLAIN,
        /** Only the outermost of nested calls ({@code recursion: outermost}). */
        OUTERMOST,
        /** Also under the values of tags read from an argument. */
        TAGGED,
        /** Also the bytes the thread allocates during the call ({@code allocation: true}). */
        ALLOCATING,
        /** To the completion of a returned future ({@code async: true}). */
        ASYNC,
        /** A constructor: calls that return only (a constructor that throws left no object to time). */
        CONSTRUCTOR
    }

    private final int id;
    private final Kind kind;
    private final boolean breakdown;
    /** The argument tags are read from, or null: its slot and type. */
    private final Integer tagSlot;
    private final Type tagType;
    private int start;
    private int frame = -1;
    private int allocatedBefore;
    private int tagSource = -1;

    /**
     * @param tagArgument the argument whose value is handed to the exit as the tag source, or -1
     * @param access      the method's access flags (whether it is static)
     * @param descriptor  the method's descriptor
     */
    TimingHook(int id, Kind kind, boolean breakdown, int tagArgument, int access, String descriptor) {
        this.id = id;
        this.kind = kind;
        this.breakdown = breakdown && kind != Kind.CONSTRUCTOR;
        if (tagArgument >= 0 && kind != Kind.PLAIN && kind != Kind.OUTERMOST && kind != Kind.CONSTRUCTOR) {
            Type[] arguments = Type.getArgumentTypes(descriptor);
            if (tagArgument >= arguments.length) {
                throw new IllegalArgumentException("tags read arg" + tagArgument + ", but the method has "
                        + arguments.length + " parameter(s)");
            }
            int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
            for (int i = 0; i < tagArgument; i++) {
                slot += arguments[i].getSize();
            }
            this.tagSlot = slot;
            this.tagType = arguments[tagArgument];
        } else {
            this.tagSlot = null;
            this.tagType = null;
        }
    }

    @Override
    public void enter(MethodLocals locals, InsnList code) {
        if (kind == Kind.CONSTRUCTOR) {
            start = locals.claim(Opcodes.LONG);
            code.add(CallHook.callStatic("java/lang/System", "nanoTime", "()J"));
            code.add(new VarInsnNode(Opcodes.LSTORE, start));
            return;
        }
        if (breakdown || kind != Kind.PLAIN) {
            frame = locals.claim(Opcodes.LONG);
            if (breakdown) {
                code.add(CallHook.intConstant(id));
                code.add(CallHook.callStatic(TIMING, "push", "(I)J"));
            } else {
                code.add(new InsnNode(Opcodes.LCONST_0)); // CallFrames.UNTRACKED
            }
            code.add(new VarInsnNode(Opcodes.LSTORE, frame));
        }
        if (kind == Kind.ALLOCATING) {
            // read before the clock, after nothing else: the timing's own work is not the call's
            allocatedBefore = locals.claim(Opcodes.LONG);
            code.add(CallHook.callStatic("io/perfweave/bootstrap/AllocationCounter", "allocatedBytes", "()J"));
            code.add(new VarInsnNode(Opcodes.LSTORE, allocatedBefore));
        }
        start = locals.claim(Opcodes.LONG);
        switch (kind) {
            case PLAIN -> code.add(CallHook.callStatic("java/lang/System", "nanoTime", "()J"));
            case OUTERMOST -> {
                code.add(CallHook.intConstant(id));
                code.add(CallHook.callStatic(TIMING, "enterOutermost", "(I)J"));
            }
            default -> {
                code.add(CallHook.intConstant(id));
                code.add(CallHook.callStatic(TIMING, "enter", "(I)J"));
            }
        }
        code.add(new VarInsnNode(Opcodes.LSTORE, start));
        if (tagSlot != null) {
            tagSource = locals.claim("java/lang/Object");
            code.add(new VarInsnNode(tagType.getOpcode(Opcodes.ILOAD), tagSlot));
            box(tagType, code);
            code.add(new VarInsnNode(Opcodes.ASTORE, tagSource));
        }
    }

    @Override
    public void exit(InsnList code, Load thrown, Load returned) {
        code.add(CallHook.intConstant(id));
        code.add(new VarInsnNode(Opcodes.LLOAD, start));
        switch (kind) {
            case CONSTRUCTOR -> {
                code.add(new InsnNode(Opcodes.ACONST_NULL));
                code.add(CallHook.callStatic(TIMING, "exit", "(IJ" + THROWABLE + ")V"));
            }
            case PLAIN -> {
                thrown.to(code);
                if (breakdown) {
                    code.add(new VarInsnNode(Opcodes.LLOAD, frame));
                    code.add(CallHook.callStatic(TIMING, "exitNested", "(IJ" + THROWABLE + "J)V"));
                } else {
                    code.add(CallHook.callStatic(TIMING, "exit", "(IJ" + THROWABLE + ")V"));
                }
            }
            case OUTERMOST -> {
                thrown.to(code);
                code.add(new VarInsnNode(Opcodes.LLOAD, frame));
                code.add(CallHook.callStatic(TIMING, "exitOutermost", "(IJ" + THROWABLE + "J)V"));
            }
            case TAGGED -> {
                thrown.to(code);
                loadTagSource(code);
                code.add(new VarInsnNode(Opcodes.LLOAD, frame));
                code.add(CallHook.callStatic(TIMING, "exitTagged", "(IJ" + THROWABLE + "Ljava/lang/Object;J)V"));
            }
            case ALLOCATING -> {
                thrown.to(code);
                loadTagSource(code);
                code.add(new VarInsnNode(Opcodes.LLOAD, allocatedBefore));
                code.add(new VarInsnNode(Opcodes.LLOAD, frame));
                code.add(CallHook.callStatic(TIMING, "exitAllocating", "(IJ" + THROWABLE + "Ljava/lang/Object;JJ)V"));
            }
            case ASYNC -> {
                thrown.to(code);
                returned.to(code);
                loadTagSource(code);
                code.add(new VarInsnNode(Opcodes.LLOAD, frame));
                code.add(CallHook.callStatic(TIMING, "exitAsync",
                        "(IJ" + THROWABLE + "Ljava/lang/Object;Ljava/lang/Object;J)V"));
            }
        }
    }

    /** Whether the exit is handed the returned object. */
    boolean needsReturned() {
        return kind == Kind.ASYNC;
    }

    private void loadTagSource(InsnList code) {
        code.add(tagSource < 0 ? new InsnNode(Opcodes.ACONST_NULL) : new VarInsnNode(Opcodes.ALOAD, tagSource));
    }

    /** Boxes a primitive argument, as the tag source is an object. */
    private static void box(Type type, InsnList code) {
        String box = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (box != null) {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, box, "valueOf",
                    "(" + type.getDescriptor() + ")L" + box + ";", false));
        }
    }
}
