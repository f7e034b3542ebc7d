package io.perfweave.it.apps;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * An application that brings its own (older) Jackson, Byte Buddy and JNA, and uses them. It reaches
 * them by reflection only so that it compiles without them; at run time they are on its class path.
 */
public final class LibraryUserApp {
    private LibraryUserApp() {
    }

    static String useJackson() throws Exception {
        Class<?> mapperType = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        Object mapper = mapperType.getConstructor().newInstance();
        Map<String, Object> value = new TreeMap<>(Map.of("a", 1, "b", "two"));
        String json = (String) mapperType.getMethod("writeValueAsString", Object.class).invoke(mapper, value);
        return "jackson " + mapperType.getMethod("version").invoke(mapper) + " " + json;
    }

    static String useByteBuddy() throws Exception {
        Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
        Object builder = byteBuddy.getMethod("subclass", Class.class).invoke(byteBuddy.getConstructor().newInstance(), Object.class);
        Object unloaded = builder.getClass().getMethod("make").invoke(builder);
        Method load = unloaded.getClass().getMethod("load", ClassLoader.class);
        Object loaded = load.invoke(unloaded, LibraryUserApp.class.getClassLoader());
        Class<?> made = (Class<?>) loaded.getClass().getMethod("getLoaded").invoke(loaded);
        String jar = java.nio.file.Path.of(byteBuddy.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
        return "bytebuddy from " + jar + " made a subclass of "
                + made.getSuperclass().getName() + " loaded by " + (made.getClassLoader() != null);
    }

    static String useJna() throws Exception {
        Class<?> nativeType = Class.forName("com.sun.jna.Native");
        String version = nativeType.getPackage().getImplementationVersion();
        // loads JNA's native library and asks it the size of a native long
        Object longSize = nativeType.getMethod("getNativeSize", Class.class).invoke(null, long.class);
        return "jna " + version + " native long " + longSize + " bytes";
    }

    public static void main(String[] args) throws Exception {
        System.out.println(useJackson());
        System.out.println(useByteBuddy());
        System.out.println(useJna());
        System.out.println("done");
        if (args.length > 0 && args[0].equals("wait")) {
            AwaitExit.await();
        }
    }
}
