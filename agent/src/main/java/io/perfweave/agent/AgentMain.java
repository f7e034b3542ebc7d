package io.perfweave.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent's entry point: {@code premain}, {@code agentmain} and the command line.
 *
 * <p>This class is loaded by the host's system class loader, so it uses nothing but the JDK. It
 * makes the {@code io.perfweave.bootstrap} classes that woven code calls visible to every class
 * loader (by appending their nested jar to the bootstrap search path), then loads the rest of the agent
 * and its libraries (Byte Buddy, Jackson, OSHI, JNA, NanoHTTPD) from a jar nested in this one,
 * through a class loader of their own: the host never sees them, and the agent never sees the
 * host's versions of them. Any failure here is one log line, and the host runs on.
 */
public final class AgentMain {
    private static final String CORE_JAR = "perfweave-core.jar";
    private static final String BOOTSTRAP_JAR = "perfweave-bootstrap.jar";
    private static final String RUNTIME = "io.perfweave.agent.core.AgentRuntime";
    private static volatile ClassLoader coreLoader;

    private AgentMain() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    /** {@code java -jar perfweave-agent.jar check FILE | attach PID FILE | ...} */
    public static void main(String[] args) {
        int status;
        try {
            Object result = core(null).loadClass("io.perfweave.agent.cli.CommandLine")
                    .getMethod("run", String[].class).invoke(null, (Object) args);
            status = (Integer) result;
        } catch (InvocationTargetException e) {
            System.err.println("perfweave: " + e.getCause());
            status = 1;
        } catch (Throwable t) {
            System.err.println("perfweave: cannot start: " + t);
            status = 1;
        }
        System.exit(status);
    }

    private static synchronized void start(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            Class<?> runtime = core(instrumentation).loadClass(RUNTIME);
            runtime.getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, arguments, instrumentation, attached);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error && "fail_on_error".equals(cause.getMessage())) {
                if (!attached) {
                    // the config asked that the application not start unmeasured; the reason is logged
                    System.exit(1);
                }
                return; // a running application is never stopped by attaching to it
            }
            System.err.println("[perfweave] agent not started, the application runs on without it: " + cause);
        } catch (Throwable t) {
            System.err.println("[perfweave] agent not started, the application runs on without it: " + t);
        }
    }

    /** The class loader of the agent's implementation, created once. */
    private static ClassLoader core(Instrumentation instrumentation) throws IOException {
        ClassLoader loader = coreLoader;
        if (loader != null) {
            return loader;
        }
        File agentJar = agentJar();
        Path bootstrap = extract(agentJar, BOOTSTRAP_JAR);
        Path core = extract(agentJar, CORE_JAR);
        if (instrumentation != null) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrap.toFile()));
            loader = new CoreClassLoader(new URL[] {core.toUri().toURL()}, true);
        } else {
            // the command line needs the bootstrap API too, but has no bootstrap path to add it to
            loader = new CoreClassLoader(new URL[] {core.toUri().toURL(), bootstrap.toUri().toURL()}, false);
        }
        coreLoader = loader;
        return loader;
    }

    private static File agentJar() {
        try {
            return new File(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the agent jar", e);
        }
    }

    /**
     * Copies a nested jar to the temporary directory, once per agent build (the file name carries
     * the entry's CRC and size), so later JVMs start without copying.
     */
    private static Path extract(File agentJar, String name) throws IOException {
        try (JarFile jar = new JarFile(agentJar)) {
            JarEntry entry = jar.getJarEntry(name);
            if (entry == null) {
                throw new IOException(agentJar + " does not contain " + name);
            }
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
            Path dir = privateDirectory(Path.of(System.getProperty("java.io.tmpdir"), "perfweave-" + user));
            String base = name.substring(0, name.length() - ".jar".length());
            Path target = dir.resolve(base + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                touch(target); // in use: kept fresh, so that no other build's clean-up takes it
                return target;
            }
            removeStaleCopies(dir, base, target);
            Path partial = Files.createTempFile(dir, base + "-", ".part");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(partial);
                if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
                    throw raced;
                }
            }
            return target;
        }
    }

    /** Copies of other agent builds left unused this long are removed when a new build is copied. */
    private static final long STALE_MILLIS = 7L * 24 * 60 * 60 * 1000;

    /**
     * Removes copies of this nested jar from other agent builds that no JVM has started from for
     * {@link #STALE_MILLIS}, so that upgrading the agent does not leave a 13 MB file each time.
     * A running JVM keeps the copy it opened (an open file outlives its name); where a file
     * cannot be removed it stays.
     */
    private static void removeStaleCopies(Path dir, String base, Path keep) {
        long now = System.currentTimeMillis();
        try (java.nio.file.DirectoryStream<Path> copies = Files.newDirectoryStream(dir, base + "-*.jar")) {
            for (Path copy : copies) {
                try {
                    if (!copy.equals(keep) && now - Files.getLastModifiedTime(copy).toMillis() > STALE_MILLIS) {
                        Files.deleteIfExists(copy);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // another user's or a locked file: left as it is
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing to clean, or not allowed to: the agent starts all the same
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException ignored) {
            // a read-only directory: the copy is used all the same
        }
    }

    /**
     * The shared directory when this user alone owns and can write it; otherwise a fresh one, so
     * that nobody else can plant a jar that this JVM would load.
     */
    private static Path privateDirectory(Path shared) throws IOException {
        try {
            if (!Files.isDirectory(shared)) {
                Files.createDirectories(shared);
                Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
            boolean mine = Files.getOwner(shared).getName().equals(System.getProperty("user.name"));
            boolean privateToMe = !Files.getPosixFilePermissions(shared).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)
                    && !Files.getPosixFilePermissions(shared).contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
            if (mine && privateToMe) {
                return shared;
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // fall through to a private temporary directory
        }
        Path fresh = Files.createTempDirectory("perfweave-");
        fresh.toFile().deleteOnExit();
        return fresh;
    }

    /**
     * Loads the agent's implementation and libraries, in isolation from the host: JDK classes come
     * from the platform loader, the bootstrap API from the bootstrap loader, everything else from
     * the nested jar only.
     */
    private static final class CoreClassLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final boolean bootstrapFromBootLoader;

        CoreClassLoader(URL[] urls, boolean bootstrapFromBootLoader) {
            super("perfweave", urls, ClassLoader.getPlatformClassLoader());
            this.bootstrapFromBootLoader = bootstrapFromBootLoader;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (bootstrapFromBootLoader && name.startsWith("io.perfweave.bootstrap.")) {
                // the very classes that woven code calls, not copies of them
                return Class.forName(name, false, null);
            }
            return super.loadClass(name, resolve);
        }
    }
}
