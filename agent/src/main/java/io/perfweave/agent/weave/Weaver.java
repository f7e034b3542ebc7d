package io.perfweave.agent.weave;

import io.perfweave.agent.config.Recursion;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.select.NameFilter;
import io.perfweave.agent.select.OperationSelector;
import io.perfweave.agent.select.ProxyClasses;
import io.perfweave.bootstrap.Timing;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves timing hooks into the methods that the config selects, as classes load and (by
 * retransformation) into classes already loaded. Byte Buddy's type pool describes a loading class
 * from its class file (and its supertypes from its loader's resources, loading nothing) for the
 * selectors; {@link TimedClass} rewrites the selected methods with ASM. Class files keep their
 * shape: no field or method is added, so retransformation and other agents keep working.
 *
 * <p>Why not Byte Buddy's {@code AgentBuilder} and {@code Advice}: with them the first class woven
 * loaded about 1,250 classes of Byte Buddy's (some 300 ms of a JVM's start on two cores, while the
 * application's first selected class waited); the type pool and ASM are about 400.
 */
public final class Weaver {
    private final List<OperationSelector> selectors;
    private final OperationCatalog catalog;
    private final Instrumentation instrumentation;
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private final boolean breakdown;

    /** @param breakdown whether the woven code enters call frames for the breakdown */
    public Weaver(List<OperationSelector> selectors, OperationCatalog catalog, Instrumentation instrumentation,
                  boolean breakdown) {
        this.selectors = List.copyOf(selectors);
        this.catalog = catalog;
        this.instrumentation = instrumentation;
        this.breakdown = breakdown;
    }

    /**
     * Describes and weaves {@link WarmUpTarget} and throws the result away: the classes that
     * describing and weaving need are then loaded before the gate opens, not while the
     * application's first selected class waits.
     */
    void warmUp() throws java.io.IOException {
        String name = WarmUpTarget.class.getName();
        byte[] classFile;
        try (var in = Weaver.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new java.io.IOException("cannot read " + name);
            }
            classFile = in.readAllBytes();
        }
        TypeDescription type = describe(name, classFile, Weaver.class.getClassLoader());
        // what the selectors ask of a type and its methods
        type.getDeclaredAnnotations();
        type.getInterfaces().asErasures();
        type.getDeclaredFields();
        type.getSuperClass().asErasure();
        ProxyClasses.isProxy(type);
        Map<String, List<CallHook>> hooks = new LinkedHashMap<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            method.getDeclaredAnnotations();
            method.getParameters().asTypeList().asErasures();
            method.getReturnType().asErasure();
            method.getVisibility();
            if (method.getName().equals("sample")) {
                hooks.put(method.getInternalName() + method.getDescriptor(), List.of(
                        new SlowCallHook(0), new TimingHook(0, TimingHook.Kind.PLAIN, true, -1,
                                method.getModifiers(), method.getDescriptor()), new ProxyCallHook(0)));
            }
        }
        if (TimedClass.weave(classFile, hooks).length == 0) {
            throw new IllegalStateException("warm-up weave of " + name + " came out empty");
        }
    }

    /**
     * Loads and initialises what weaving needs, on a thread of its own while {@code premain} reads
     * the config on the JVM's main thread. Selects nothing and registers nothing.
     */
    public static void preload() throws java.io.IOException {
        new Weaver(List.of(), null, null, false).warmUp();
    }

    /** A transformer that weaves this weaver's selection; it is registered by {@link Weaving}. */
    ClassFileTransformer transformer() {
        return new SelectedClasses();
    }

    private static TypeDescription describe(String name, byte[] classFile, ClassLoader loader) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        return pool.describe(name).resolve();
    }

    /** The hooks of every selected method of {@code type}, by name and descriptor; empty if none. */
    private Map<String, List<CallHook>> hooks(TypeDescription type) {
        Map<String, List<CallHook>> hooks = new LinkedHashMap<>();
        Boolean proxy = null; // asked once a selector matches the type
        for (OperationSelector selector : selectors) {
            if (!selector.mayMatchName(type.getName()) || !selector.matchesType(type)) {
                continue;
            }
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                TypeDescription selectedAs = selector.selectedAs(type, method);
                if (selectedAs == null) {
                    continue;
                }
                String name = selector.operationName(selectedAs, method);
                OperationCatalog.Operation operation = catalog.operation(name, selector.config());
                int id = operation.recorder().id;
                List<CallHook> methodHooks = hooks.computeIfAbsent(method.getInternalName() + method.getDescriptor(),
                        key -> new ArrayList<>());
                if (selector.config().profile() != null && !method.isConstructor()) {
                    methodHooks.add(new SlowCallHook(id)); // outside the timing
                }
                methodHooks.add(timing(operation, method));
                if (proxy == null) {
                    proxy = ProxyClasses.isProxy(type);
                }
                if (proxy) {
                    methodHooks.add(new ProxyCallHook(id)); // inside the timing
                }
                operation.woven(type.getName() + "#" + method.getInternalName() + method.getDescriptor());
            }
        }
        return hooks;
    }

    private TimingHook timing(OperationCatalog.Operation operation, MethodDescription.InDefinedShape method) {
        var rule = operation.rule();
        TimingHook.Kind kind;
        if (method.isConstructor()) {
            kind = TimingHook.Kind.CONSTRUCTOR;
        } else if (rule.async()) {
            kind = TimingHook.Kind.ASYNC;
        } else if (rule.allocation()) {
            kind = TimingHook.Kind.ALLOCATING;
        } else if (!rule.tags().isEmpty()) {
            kind = TimingHook.Kind.TAGGED;
        } else if (rule.recursion() == Recursion.OUTERMOST) {
            kind = TimingHook.Kind.OUTERMOST;
        } else {
            kind = TimingHook.Kind.PLAIN;
        }
        return new TimingHook(operation.recorder().id, kind, breakdown, rule.tagArgument(), method.getModifiers(),
                method.getDescriptor());
    }

    /**
     * The transformer behind the gate: weaves the classes the selectors select, lets every other
     * class through unchanged, and never throws (a class that cannot be woven is logged once and
     * loads as it is).
     */
    private final class SelectedClasses implements ClassFileTransformer {
        /** Set while this thread weaves: a class loaded meanwhile (one of the JDK's) is not woven. */
        private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            byte[] woven = weave(loader, internalName, classFile);
            if (woven != null && module != null) {
                readBootstrapApi(module);
            }
            return woven;
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            return weave(loader, internalName, classFile);
        }

        private byte[] weave(ClassLoader loader, String internalName, byte[] classFile) {
            if (internalName == null || weaving.get() != null) {
                return null;
            }
            String name = internalName.replace('/', '.');
            if (NameFilter.isNeverWoven(name)) {
                return null;
            }
            weaving.set(Boolean.TRUE);
            try {
                TypeDescription type = describe(name, classFile, loader);
                if (type.isSynthetic()) {
                    return null;
                }
                Map<String, List<CallHook>> hooks = hooks(type);
                return hooks.isEmpty() ? null : TimedClass.weave(classFile, hooks);
            } catch (Throwable t) {
                if (reportedFailures.add(name) && reportedFailures.size() <= 1000) {
                    AgentLog.warn("could not instrument " + name + "; it runs unmeasured: " + t);
                }
                return null;
            } finally {
                weaving.remove();
            }
        }

        /**
         * Woven code calls the bootstrap API, in the boot loader's unnamed module, which a named
         * module does not read unless told to (the JDK's proxy classes live in modules of their
         * own: jdk.proxy1, ...).
         */
        private void readBootstrapApi(Module module) {
            Module api = Timing.class.getModule();
            if (module.isNamed() && !module.canRead(api) && instrumentation != null) {
                instrumentation.redefineModule(module, Set.of(api), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
    }
}
