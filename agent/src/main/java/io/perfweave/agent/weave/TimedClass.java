package io.perfweave.agent.weave;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

import java.util.List;
import java.util.Map;

/**
 * Rewrites a class file with hooks woven into some of its methods. Nothing else changes: no field
 * or method is added, so retransformation and other agents keep working.
 */
final class TimedClass {
    private TimedClass() {
    }

    /**
     * @param hooksByMethod hooks by method name and descriptor ({@code name + descriptor}), outermost first
     * @return the woven class file
     */
    static byte[] weave(byte[] classFile, Map<String, List<CallHook>> hooksByMethod) {
        ClassReader reader = new ClassReader(classFile);
        // maxima computed, frames not: the woven code's only new frame is written by TimedMethod,
        // and computing frames would load classes to find common supertypes
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new Visitor(writer, hooksByMethod), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static final class Visitor extends ClassVisitor {
        private final Map<String, List<CallHook>> hooksByMethod;
        private boolean withFrames;

        Visitor(ClassVisitor next, Map<String, List<CallHook>> hooksByMethod) {
            super(Opcodes.ASM9, next);
            this.hooksByMethod = hooksByMethod;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            withFrames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
            List<CallHook> hooks = hooksByMethod.get(name + descriptor);
            if (hooks == null || target == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return target;
            }
            boolean frames = withFrames;
            return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
                @Override
                public void visitEnd() {
                    TimedMethod.weave(this, frames, hooks);
                    accept(target);
                }
            };
        }
    }
}
