package io.perfweave.it.apps.scale;

import io.perfweave.it.apps.GeneratedSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes behind {@link ManyOperationsApp}: {@code io.perfweave.scale.gen.C0}, {@code C1}, ...
 * with up to {@value #METHODS_PER_CLASS} small static methods {@code m0}, {@code m1}, ... each,
 * {@code operations} methods in all. They are written as Java source and compiled (as
 * {@code ReloadStallIT} does for {@code ManyClassesApp}), so that the application loads them from
 * its class path like any other class and a glob such as {@code io.perfweave.scale.gen.**}
 * selects them.
 *
 * <p>Usage: {@code OperationClasses DIR operations}: compiles into {@code DIR/classes} and prints
 * that directory.
 */
public final class OperationClasses {
    public static final String PACKAGE = "io.perfweave.scale.gen";
    public static final int METHODS_PER_CLASS = 100;

    private OperationClasses() {
    }

    public static int classCount(int operations) {
        return (operations + METHODS_PER_CLASS - 1) / METHODS_PER_CLASS;
    }

    /** Methods in class {@code index}: all full but the last. */
    public static int methodCount(int operations, int index) {
        return Math.min(METHODS_PER_CLASS, operations - index * METHODS_PER_CLASS);
    }

    public static String className(int index) {
        return PACKAGE + ".C" + index;
    }

    /** The operation name that {@code {class}.{method}} gives the method. */
    public static String operationName(int classIndex, int methodIndex) {
        return className(classIndex) + ".m" + methodIndex;
    }

    /** Writes and compiles the classes under {@code root}; returns the class directory. */
    public static Path compile(Path root, int operations) throws IOException {
        Path sources = Files.createDirectories(root.resolve("src").resolve(PACKAGE.replace('.', '/')));
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < classCount(operations); c++) {
            Path file = sources.resolve("C" + c + ".java");
            Files.writeString(file, source(c, methodCount(operations, c)));
            files.add(file);
        }
        GeneratedSources.compile(classes, files);
        return classes;
    }

    /** Each method computes something different, so that no two bodies are the same code. */
    private static String source(int classIndex, int methods) {
        StringBuilder text = new StringBuilder("package " + PACKAGE + ";\n\npublic final class C" + classIndex + " {\n");
        text.append("    private C").append(classIndex).append("() {\n    }\n");
        for (int m = 0; m < methods; m++) {
            text.append("\n    public static int m").append(m).append("(int x) {\n")
                    .append("        return x * ").append(m + 3).append(" + ").append(classIndex).append(";\n    }\n");
        }
        return text.append("}\n").toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OperationClasses DIR operations");
            System.exit(2);
        }
        System.out.println(compile(Path.of(args[0]), Integer.parseInt(args[1])).toAbsolutePath());
    }
}
