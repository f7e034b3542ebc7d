package io.perfweave.agent.select;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether classes are subtypes of one type, proven from their class files and remembered by name
 * per class loader, so that each type of an application is read once however many classes
 * extend it. A supertype not yet loaded is read as its loader would find it
 * ({@code getResourceAsStream}), header only. Answers {@code false} only when every path up the
 * declared supertypes ends without the type; anything it cannot read is a "maybe", which the
 * weaver then decides as it always did, so that no subtype is ever let through unwoven.
 */
final class KnownSubtypes {
    /** A type of the JDK cannot extend an application's type. */
    private static final String[] JDK = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};
    private static final int MAX_DEPTH = 64;

    private final String target;
    private final boolean targetInJdk;
    /** By initiating loader: internal name -> whether it is a subtype. Weak keys: a loader that goes away takes its entries. */
    private final Map<ClassLoader, Map<String, Boolean>> byLoader = new WeakHashMap<>();
    private final Map<String, Boolean> bootstrap = new ConcurrentHashMap<>();

    /** @param target the supertype's binary name */
    KnownSubtypes(String target) {
        this.target = target.replace('.', '/');
        this.targetInJdk = inJdk(this.target);
    }

    /** Whether the class being loaded may be a subtype: false only when proven not to be. */
    boolean maybe(ClassLoader loader, String internalName, ClassFileHeader header) {
        if (targetInJdk || internalName.equals(target)) {
            return true; // JDK types have no class files to read: left to the weaver; and the type selects itself
        }
        Map<String, Boolean> known = known(loader);
        Boolean remembered = known.get(internalName);
        if (remembered != null) {
            return remembered;
        }
        Boolean proven = fromHeader(loader, known, header, 0);
        if (proven == null) {
            return true;
        }
        known.put(internalName, proven);
        return proven;
    }

    /** True, false, or null when some supertype could not be read. */
    private Boolean fromHeader(ClassLoader loader, Map<String, Boolean> known, ClassFileHeader header, int depth) {
        boolean unknown = false;
        for (String name : header.interfaces) {
            Boolean is = of(loader, known, name, depth + 1);
            if (Boolean.TRUE.equals(is)) {
                return true;
            }
            unknown |= is == null;
        }
        if (header.superName != null) {
            Boolean is = of(loader, known, header.superName, depth + 1);
            if (Boolean.TRUE.equals(is)) {
                return true;
            }
            unknown |= is == null;
        }
        return unknown ? null : Boolean.FALSE;
    }

    private Boolean of(ClassLoader loader, Map<String, Boolean> known, String name, int depth) {
        if (name.equals(target)) {
            return true;
        }
        if (inJdk(name)) {
            return false;
        }
        Boolean remembered = known.get(name);
        if (remembered != null || depth > MAX_DEPTH) {
            return remembered;
        }
        byte[] classFile = read(loader, name);
        if (classFile == null) {
            return null;
        }
        ClassFileHeader header;
        try {
            header = ClassFileHeader.parse(classFile);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
        Boolean proven = fromHeader(loader, known, header, depth);
        if (proven != null) {
            known.put(name, proven);
        }
        return proven;
    }

    private static byte[] read(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        if (loader == null) {
            return null; // the boot class path's own classes are not read here: left to the weaver
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Map<String, Boolean> known(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            return byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
    }

    private static boolean inJdk(String internalName) {
        for (String prefix : JDK) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
