package io.perfweave.agent.select;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a class file says about its place among types, read from its constant pool and the few
 * fields after it, without parsing fields, methods or code: the superclass and the interfaces it
 * declares, by internal name, and whether some string of its constant pool is a given type's
 * descriptor (an annotation on the class names its type that way). Cheap enough to be read for
 * every class an application loads.
 */
final class ClassFileHeader {
    final String superName;
    final String[] interfaces;
    private final byte[] bytes;
    /** Offset of the first byte and length of each UTF-8 constant. */
    private final int[] utf8Starts;
    private final int[] utf8Lengths;
    private final int utf8Count;

    private ClassFileHeader(String superName, String[] interfaces, byte[] bytes, int[] utf8Starts, int[] utf8Lengths,
                            int utf8Count) {
        this.superName = superName;
        this.interfaces = interfaces;
        this.bytes = bytes;
        this.utf8Starts = utf8Starts;
        this.utf8Lengths = utf8Lengths;
        this.utf8Count = utf8Count;
    }

    /** @throws IllegalArgumentException when the bytes are not a class file this reader understands */
    static ClassFileHeader parse(byte[] b) {
        try {
            if (u4(b, 0) != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            int count = u2(b, 8);
            int[] offsets = new int[count];
            int[] utf8Starts = new int[count];
            int[] utf8Lengths = new int[count];
            int utf8 = 0;
            int at = 10;
            for (int i = 1; i < count; i++) {
                offsets[i] = at;
                int tag = b[at] & 0xFF;
                switch (tag) {
                    case 1 -> {
                        int length = u2(b, at + 1);
                        utf8Starts[utf8] = at + 3;
                        utf8Lengths[utf8++] = length;
                        at += 3 + length;
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
                    case 5, 6 -> {
                        at += 9;
                        i++; // takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> at += 3;
                    case 15 -> at += 4;
                    default -> throw new IllegalArgumentException("unknown constant tag " + tag);
                }
            }
            int superIndex = u2(b, at + 4);
            int interfaceCount = u2(b, at + 6);
            String[] interfaces = new String[interfaceCount];
            for (int i = 0; i < interfaceCount; i++) {
                interfaces[i] = className(b, offsets, u2(b, at + 8 + 2 * i));
            }
            return new ClassFileHeader(superIndex == 0 ? null : className(b, offsets, superIndex), interfaces, b,
                    utf8Starts, utf8Lengths, utf8);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated class file");
        }
    }

    /** Whether some UTF-8 constant is the descriptor {@code L<internalName>;}. */
    boolean mentionsDescriptor(String internalName) {
        byte[] wanted = ("L" + internalName + ";").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8Count; i++) {
            int start = utf8Starts[i];
            if (utf8Lengths[i] == wanted.length
                    && Arrays.equals(bytes, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }

    /** The internal name of the class constant at {@code index}; class names are plain ASCII far more often than not. */
    private static String className(byte[] b, int[] offsets, int index) {
        int nameAt = offsets[u2(b, offsets[index] + 1)];
        int length = u2(b, nameAt + 1);
        for (int i = 0; i < length; i++) {
            if (b[nameAt + 3 + i] < 0) {
                return modifiedUtf8(b, nameAt + 1);
            }
        }
        return new String(b, nameAt + 3, length, StandardCharsets.ISO_8859_1);
    }

    private static String modifiedUtf8(byte[] b, int at) {
        try {
            return new java.io.DataInputStream(new java.io.ByteArrayInputStream(b, at, b.length - at)).readUTF();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad class name: " + e.getMessage());
        }
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
