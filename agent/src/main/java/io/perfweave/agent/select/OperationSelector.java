package io.perfweave.agent.select;

import io.perfweave.agent.config.OperationConfig;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.List;

/**
 * Decides, for one operation of the config, which classes and which of their methods it times,
 * and what each timed method is called.
 *
 * <p>Never selects what cannot or must not be timed: abstract and native methods (no body),
 * bridge methods and synthetic accessors (the compiler's, not the user's; timing them would count
 * calls twice), and type initialisers. A lambda's body is a synthetic method too, and is selected
 * only by a method pattern that starts with {@code lambda$}.
 *
 * <p>A JDK dynamic proxy class (see {@link ProxyClasses}) is selected through its interfaces: a
 * rule that names an interface exactly ({@code class}) or by {@code subtype_of} selects the proxy
 * methods that implement that interface's methods, and names them after the interface, so that
 * {@code {simpleClass}} reads {@code OrderRepository}, not {@code $Proxy12}, in every run. The
 * {@code equals}, {@code hashCode} and {@code toString} every proxy has are selected only by a
 * method pattern that is exactly their name.
 */
public final class OperationSelector {
    private final OperationConfig config;
    private final Glob classGlob;
    private final Glob methodGlob;
    private final NameTemplate name;
    private final List<Glob> excludedClasses;
    private final List<Glob> excludedMethods;
    private final boolean selectsProxies;

    public OperationSelector(OperationConfig config) {
        this.config = config;
        this.classGlob = config.className() == null ? null : Glob.of(config.className());
        this.methodGlob = Glob.of(config.method());
        this.name = new NameTemplate(config.name());
        this.excludedClasses = config.exclude().stream().map(Glob::of).toList();
        this.excludedMethods = config.excludeMethods().stream().map(Glob::of).toList();
        this.selectsProxies = selectsProxies(config);
    }

    /**
     * Whether a rule may select methods of proxy classes: one that names its interface exactly, or
     * by {@code subtype_of}. A class glob names classes by their name, which a proxy does not share.
     */
    public static boolean selectsProxies(OperationConfig rule) {
        return rule.className() == null ? rule.subtypeOf() != null : Glob.of(rule.className()).isExact();
    }

    public OperationConfig config() {
        return config;
    }

    /** A cheap first test on the class name alone, before the class is parsed. */
    public boolean mayMatchName(String className) {
        return classGlob == null || className.startsWith(classGlob.literalPrefix())
                || (selectsProxies && ProxyClasses.hasProxyName(className));
    }

    public boolean matchesType(TypeDescription type) {
        if (ProxyClasses.isProxy(type)) {
            return selectsProxies && !selectedInterfaces(type).isEmpty();
        }
        return matchesClass(type);
    }

    /** The interfaces of a proxy class that this rule selects, as if each were the class. */
    private List<TypeDescription> selectedInterfaces(TypeDescription proxy) {
        return ProxyClasses.interfacesOf(proxy).stream().filter(this::matchesClass).toList();
    }

    private boolean matchesClass(TypeDescription type) {
        if (type.isAnnotation()) {
            return false;
        }
        if (classGlob != null && !classGlob.matches(type.getName())) {
            return false;
        }
        for (Glob excluded : excludedClasses) {
            if (excluded.matches(type.getName())) {
                return false;
            }
        }
        if (config.annotatedWith() != null
                && type.getDeclaredAnnotations().stream()
                .noneMatch(a -> a.getAnnotationType().getName().equals(config.annotatedWith()))) {
            return false;
        }
        return config.subtypeOf() == null || isSubtype(type, config.subtypeOf());
    }

    private static boolean isSubtype(TypeDefinition type, String superName) {
        if (type == null) {
            return false;
        }
        if (type.asErasure().getName().equals(superName)) {
            return true;
        }
        try {
            for (TypeDescription.Generic iface : type.getInterfaces()) {
                if (isSubtype(iface, superName)) {
                    return true;
                }
            }
            TypeDescription.Generic superClass = type.getSuperClass();
            return superClass != null && isSubtype(superClass, superName);
        } catch (RuntimeException unresolvable) {
            // a supertype that cannot be located cannot be the one we look for
            return false;
        }
    }

    public boolean matchesMethod(MethodDescription method) {
        if (method.isTypeInitializer() || method.isAbstract() || method.isNative() || method.isBridge()) {
            return false;
        }
        if (config.selectsConstructors() != method.isConstructor()) {
            return false;
        }
        if (method.isSynthetic() && !(method.getName().startsWith("lambda$") && config.method().startsWith("lambda$"))) {
            return false;
        }
        if (!method.isConstructor() && !methodGlob.matches(method.getName())) {
            return false;
        }
        for (Glob excluded : excludedMethods) {
            if (excluded.matches(method.isConstructor() ? "<init>" : method.getName())) {
                return false;
            }
        }
        if (!config.visibility().keeps(method.isPublic(), method.isProtected(), method.isPrivate())) {
            return false;
        }
        if (config.parameters() != null && method.getParameters().size() != config.parameters()) {
            return false;
        }
        List<String> types = config.parameterTypes();
        if (types != null) {
            if (method.getParameters().size() != types.size()) {
                return false;
            }
            int i = 0;
            for (ParameterDescription parameter : method.getParameters()) {
                if (!parameter.getType().asErasure().getName().equals(types.get(i))
                        && !parameter.getType().asErasure().getCanonicalName().equals(types.get(i))) {
                    return false;
                }
                i++;
            }
        }
        int tagArgument = config.tagArgument();
        return tagArgument < 0 || tagArgument < method.getParameters().size();
    }

    /**
     * The type a method of {@code type} is selected as, whose name its operation takes: {@code type}
     * itself, or for a proxy class the first interface this rule selects whose method it
     * implements. Null when the rule does not select the method.
     */
    public TypeDescription selectedAs(TypeDescription type, MethodDescription method) {
        if (!matchesMethod(method)) {
            return null;
        }
        if (!ProxyClasses.isProxy(type)) {
            return type;
        }
        if (!selectsProxies || method.isConstructor() || method.isStatic()) {
            return null;
        }
        boolean objectMethod = ProxyClasses.isObjectMethod(method);
        if (objectMethod && !methodGlob.isExact()) {
            return null;
        }
        for (TypeDescription iface : selectedInterfaces(type)) {
            if (objectMethod || ProxyClasses.implementsMethodOf(method, iface)) {
                return iface;
            }
        }
        return null;
    }

    /** The operation name of a method selected as {@code type} (see {@link #selectedAs}). */
    public String operationName(TypeDescription type, MethodDescription method) {
        return name.apply(type, method);
    }
}
