package io.perfweave.agent.weave;

import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.select.NameFilter;
import io.perfweave.agent.select.OperationSelector;
import io.perfweave.agent.select.ProxyClasses;
import io.perfweave.bootstrap.Timing;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

/**
 * Weaves timing advice into the methods that the config selects, as classes load and (by
 * retransformation) into classes already loaded. Class files keep their shape: no field or
 * method is added, so retransformation and other agents keep working.
 */
public final class Weaver {
    private static final Advice.ExceptionHandler COUNT_FAILURE;

    static {
        try {
            COUNT_FAILURE = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                    new MethodDescription.ForLoadedMethod(Timing.class.getMethod("adviceFailed", Throwable.class))));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<OperationSelector> selectors;
    private final OperationCatalog catalog;
    private final Instrumentation instrumentation;
    private final ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private final boolean breakdown;

    /** @param breakdown whether the woven code pushes call frames for the breakdown (see {@link Breakdown}) */
    public Weaver(List<OperationSelector> selectors, OperationCatalog catalog, Instrumentation instrumentation,
                  boolean breakdown) {
        this.selectors = List.copyOf(selectors);
        this.catalog = catalog;
        this.instrumentation = instrumentation;
        this.breakdown = breakdown;
    }

    /**
     * Weaves {@link WarmUpTarget} with the timing advice and throws the result away. The first
     * weaving loads and initialises some hundreds of classes (the advice's inliner, the class
     * writer); done here, before the gate opens, that no longer happens while the application's
     * first selected class waits, beside the agent's other services starting.
     */
    void warmUp() {
        TypeDescription target = TypeDescription.ForLoadedType.of(WarmUpTarget.class);
        new ByteBuddy().with(TypeValidation.DISABLED).decorate(target, adviceLocator)
                .visit(Advice.withCustomMapping().bind(OperationId.class, 0).bind(Breakdown.class, breakdown)
                        .to(TimingAdvice.class, adviceLocator).withExceptionHandler(COUNT_FAILURE)
                        .on(net.bytebuddy.matcher.ElementMatchers.named("sample")))
                .make()
                .getBytes();
    }

    /**
     * Loads and initialises what setting up a weaver and weaving need, on a thread of its own while
     * {@code premain} reads the config on the JVM's main thread: the set-up that follows finds
     * Byte Buddy's classes loaded. Selects nothing and registers nothing.
     */
    public static void preload() {
        Weaver idle = new Weaver(List.of(), null, null, false);
        idle.agentBuilder(null).makeRaw();
        idle.warmUp();
    }

    /** A transformer that weaves this weaver's selection; it is registered by {@link Weaving}. */
    ClassFileTransformer transformer() {
        return agentBuilder(instrumentation).makeRaw();
    }

    /**
     * Byte Buddy's Nexus (a registry for self-initialising classes, which this agent never uses)
     * probes for ways to inject classes when it is first loaded, and on JDK 24 and later that
     * probe makes the JVM warn about sun.misc.Unsafe. The property that switches the Nexus off is
     * set only while this agent's copy of it initialises, so that a Byte Buddy of the
     * application's own never sees it.
     */
    private static void disableNexus() {
        String property = "net.bytebuddy.nexus.disabled";
        synchronized (System.getProperties()) {
            String previous = System.getProperty(property);
            System.setProperty(property, "true");
            try {
                Class.forName("net.bytebuddy.dynamic.NexusAccessor", true, Weaver.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Byte Buddy is incomplete", e);
            } finally {
                if (previous == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, previous);
                }
            }
        }
    }

    private AgentBuilder agentBuilder(Instrumentation instrumentation) {
        disableNexus();
        ElementMatcher.Junction<TypeDescription> ignored = isSynthetic()
                .or(type -> NameFilter.isNeverWoven(type.getName()));
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                // advice is inlined and the bootstrap API is on the boot class path: nothing is
                // ever injected, and not probing for a way to inject keeps sun.misc.Unsafe unused
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(new FailureListener());
        if (instrumentation != null) { // null for the preload, which weaves nothing
            // woven code calls the bootstrap API, in the boot loader's unnamed module, which a
            // named module does not read unless told to: the JDK's proxy classes live in
            // modules of their own (jdk.proxy1, ...)
            builder = builder.assureReadEdgeTo(instrumentation, Timing.class);
        }
        return builder.ignore(ignored)
                .type(this::selects)
                .transform(this::weave);
    }

    private boolean selects(TypeDescription type) {
        String name = type.getName();
        for (OperationSelector selector : selectors) {
            if (selector.mayMatchName(name) && selector.matchesType(type)) {
                return true;
            }
        }
        return false;
    }

    private DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                         JavaModule module, ProtectionDomain domain) {
        boolean proxy = ProxyClasses.isProxy(type);
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
                if (selector.config().profile() != null && !method.isConstructor()) {
                    // visited before the timing advice, so woven outside it
                    builder = builder.visit(Advice.withCustomMapping().bind(OperationId.class, operation.recorder().id)
                            .to(SlowCallAdvice.class, adviceLocator).withExceptionHandler(COUNT_FAILURE).on(is(method)));
                }
                builder = builder.visit(advice(operation, method).on(is(method)));
                if (proxy) {
                    // visited after the timing advice, so woven inside it
                    builder = builder.visit(Advice.withCustomMapping().bind(OperationId.class, operation.recorder().id)
                            .to(ProxyCallAdvice.class, adviceLocator).withExceptionHandler(COUNT_FAILURE).on(is(method)));
                }
                operation.woven(type.getName() + "#" + method.getInternalName() + method.getDescriptor());
            }
        }
        return builder;
    }

    private Advice advice(OperationCatalog.Operation operation, MethodDescription.InDefinedShape method) {
        var rule = operation.rule();
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(OperationId.class, operation.recorder().id)
                .bind(Breakdown.class, breakdown);
        Class<?> adviceClass;
        if (method.isConstructor()) {
            adviceClass = ConstructorTimingAdvice.class;
        } else if (rule.async() || rule.allocation() || !rule.tags().isEmpty()) {
            int argument = rule.tagArgument();
            if (argument >= 0) {
                ParameterDescription parameter = method.getParameters().get(argument);
                mapping = mapping.bind(TagSource.class, parameter);
            } else {
                mapping = mapping.bind(TagSource.class, NullConstant.INSTANCE, TypeDescription.Generic.OBJECT);
            }
            adviceClass = rule.async() ? AsyncTimingAdvice.class
                    : rule.allocation() ? AllocatingTimingAdvice.class : TaggedTimingAdvice.class;
        } else if (rule.recursion() == io.perfweave.agent.config.Recursion.OUTERMOST) {
            adviceClass = OutermostTimingAdvice.class;
        } else {
            adviceClass = TimingAdvice.class;
        }
        return mapping.to(adviceClass, adviceLocator).withExceptionHandler(COUNT_FAILURE);
    }

    /** Logs a class that could not be woven, once per class; the class loads unchanged. */
    private final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            if (reportedFailures.add(typeName) && reportedFailures.size() <= 1000) {
                AgentLog.warn("could not instrument " + typeName + "; it runs unmeasured: " + throwable);
            }
        }
    }
}
