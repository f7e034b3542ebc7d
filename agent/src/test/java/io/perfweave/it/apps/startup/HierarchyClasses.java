package io.perfweave.it.apps.startup;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes behind {@link HierarchyApp}: in {@value #PACKAGE}, ten abstract bases that extend
 * one another in a chain and implement a few interfaces, and {@code K0} .. {@code K<n-1>}, each
 * extending one base and implementing an interface of its own kind; only {@code K0} implements
 * {@code Repository}, which a {@code subtype_of} rule names, and only {@code K0} is annotated with
 * {@code @Marker}, which an {@code annotated_with} rule names. Every class must have its hierarchy
 * looked at to know that it is not a {@code Repository}: what such a rule costs the start of an
 * application with many classes.
 *
 * <p>Usage: {@code HierarchyClasses DIR count}: compiles into {@code DIR/classes} and prints that directory.
 */
public final class HierarchyClasses {
    public static final String PACKAGE = "io.perfweave.startup.gen";
    public static final String REPOSITORY = PACKAGE + ".Repository";
    public static final String MARKER = PACKAGE + ".Marker";
    private static final int BASES = 10;

    private HierarchyClasses() {
    }

    public static Path compile(Path root, int count) throws IOException {
        Path sources = Files.createDirectories(root.resolve("src").resolve(PACKAGE.replace('.', '/')));
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-proc:none", "-implicit:none", "-nowarn"));
        write(sources, "Repository", "public interface Repository { int find(int id); }", arguments);
        write(sources, "Marker", "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Marker { }", arguments);
        write(sources, "Handler", "public interface Handler { int handle(int x); }", arguments);
        write(sources, "Named", "public interface Named extends java.io.Serializable { default String name() { return getClass().getSimpleName(); } }", arguments);
        write(sources, "Ordered", "public interface Ordered extends Comparable<Ordered> { int order(); default int compareTo(Ordered o) { return Integer.compare(order(), o.order()); } }", arguments);
        for (int b = 0; b < BASES; b++) {
            String parent = b == 0 ? "" : " extends Base" + (b - 1);
            write(sources, "Base" + b, "public abstract class Base" + b + parent + " implements Named"
                    + (b % 2 == 0 ? ", Ordered" : "") + " { public int order() { return " + b + "; } }", arguments);
        }
        for (int k = 0; k < count; k++) {
            String kind = k == 0 ? "Repository" : "Handler";
            String method = k == 0 ? "public int find(int id) { return id * 31 + 7; }"
                    : "public int handle(int x) { return x * " + (k + 3) + " + " + k + "; }";
            write(sources, "K" + k, (k == 0 ? "@Marker " : "") + "public class K" + k + " extends Base" + (k % BASES) + " implements " + kind
                    + " { " + method + " }", arguments);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run this on a JDK, not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(messages, true, StandardCharsets.UTF_8);
        if (compiler.run(null, errors, errors, arguments.toArray(new String[0])) != 0) {
            throw new IllegalStateException("javac failed:\n" + messages.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    private static void write(Path sources, String name, String body, List<String> arguments) throws IOException {
        Path file = sources.resolve(name + ".java");
        Files.writeString(file, "package " + PACKAGE + ";\n\n" + body + "\n");
        arguments.add(file.toString());
    }

    public static void main(String[] args) throws IOException {
        System.out.println(compile(Path.of(args[0]), Integer.parseInt(args[1])));
    }
}
