package io.perfweave.it.apps.startup;

import io.perfweave.it.apps.GeneratedSources;

import java.io.IOException;
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
        List<Path> files = new ArrayList<>();
        write(sources, "Repository", "public interface Repository { int find(int id); }", files);
        write(sources, "Marker", "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Marker { }", files);
        write(sources, "Handler", "public interface Handler { int handle(int x); }", files);
        write(sources, "Named", "public interface Named extends java.io.Serializable { default String name() { return getClass().getSimpleName(); } }", files);
        write(sources, "Ordered", "public interface Ordered extends Comparable<Ordered> { int order(); default int compareTo(Ordered o) { return Integer.compare(order(), o.order()); } }", files);
        for (int b = 0; b < BASES; b++) {
            String parent = b == 0 ? "" : " extends Base" + (b - 1);
            write(sources, "Base" + b, "public abstract class Base" + b + parent + " implements Named"
                    + (b % 2 == 0 ? ", Ordered" : "") + " { public int order() { return " + b + "; } }", files);
        }
        for (int k = 0; k < count; k++) {
            String kind = k == 0 ? "Repository" : "Handler";
            String method = k == 0 ? "public int find(int id) { return id * 31 + 7; }"
                    : "public int handle(int x) { return x * " + (k + 3) + " + " + k + "; }";
            write(sources, "K" + k, (k == 0 ? "@Marker " : "") + "public class K" + k + " extends Base" + (k % BASES) + " implements " + kind
                    + " { " + method + " }", files);
        }
        GeneratedSources.compile(classes, files);
        return classes;
    }

    private static void write(Path sources, String name, String body, List<Path> files) throws IOException {
        Path file = sources.resolve(name + ".java");
        Files.writeString(file, "package " + PACKAGE + ";\n\n" + body + "\n");
        files.add(file);
    }

    public static void main(String[] args) throws IOException {
        System.out.println(compile(Path.of(args[0]), Integer.parseInt(args[1])));
    }
}
