package io.perfweave.agent.select;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the agent knows of the classes that {@link java.lang.reflect.Proxy} defines at run time:
 * final subclasses of {@code java.lang.reflect.Proxy} named {@code $Proxy<digits>}, in a package
 * of the JDK's ({@code jdk.proxy<digits>} on JDK 16 and later, {@code com.sun.proxy} before) or,
 * when an interface is not public, in that interface's package. Each method of an interface is
 * implemented by a method of the same name and parameter types that hands the call to the
 * proxy's {@code InvocationHandler}.
 */
public final class ProxyClasses {
    private static final String SIMPLE_NAME = "$Proxy";
    private static final String PROXY = "java.lang.reflect.Proxy";

    private ProxyClasses() {
    }

    /** Whether a class, by binary name, may be a proxy class. Every class load meets this test: no regex. */
    public static boolean hasProxyName(String className) {
        int start = className.lastIndexOf('.') + 1;
        return className.startsWith(SIMPLE_NAME, start) && digitsFrom(className, start + SIMPLE_NAME.length()) == className.length();
    }

    /** Whether a class, by binary name, may be a proxy class in one of the packages the JDK keeps for them. */
    public static boolean isInJdkProxyPackage(String className) {
        if (!hasProxyName(className)) {
            return false;
        }
        int dot = className.lastIndexOf('.');
        if (className.startsWith("com.sun.proxy.") && dot == "com.sun.proxy".length()) {
            return true;
        }
        String jdk = "jdk.proxy";
        return dot > 0 && className.startsWith(jdk) && digitsFrom(className, jdk.length()) == dot;
    }

    /** The index after the run of one or more digits at {@code from}; -1 if there is no digit there. */
    private static int digitsFrom(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end > from ? end : -1;
    }

    /**
     * Whether a class is a proxy class: the test that stands in for {@code Proxy.isProxyClass},
     * which needs the class loaded, while the weaver sees it being defined.
     */
    public static boolean isProxy(TypeDescription type) {
        if (!hasProxyName(type.getName()) || !type.isFinal()) {
            return false;
        }
        TypeDescription.Generic superClass = type.getSuperClass();
        return superClass != null && superClass.asErasure().getName().equals(PROXY);
    }

    /**
     * The interfaces a type implements or extends: first its own, in their order (for a proxy
     * class, those it was made for), then the interfaces they extend, level by level. Interfaces
     * that cannot be located are left out.
     */
    static List<TypeDescription> interfacesOf(TypeDescription type) {
        Set<TypeDescription> found = new LinkedHashSet<>();
        List<TypeDescription> next = new ArrayList<>();
        addInterfaces(type, next);
        while (!next.isEmpty()) {
            List<TypeDescription> level = next;
            next = new ArrayList<>();
            for (TypeDescription iface : level) {
                if (found.add(iface)) {
                    addInterfaces(iface, next);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static void addInterfaces(TypeDefinition type, List<TypeDescription> into) {
        try {
            for (TypeDescription.Generic iface : type.getInterfaces()) {
                into.add(iface.asErasure());
            }
        } catch (RuntimeException unresolvable) {
            // an interface that cannot be located cannot be one a rule names
        }
    }

    /**
     * Whether {@code method}, declared by a proxy class, implements a method that {@code iface}
     * declares or inherits. The proxy's method has the erased parameter types of the interface's.
     */
    static boolean implementsMethodOf(MethodDescription method, TypeDescription iface) {
        List<TypeDescription> types = new ArrayList<>();
        types.add(iface);
        types.addAll(interfacesOf(iface));
        for (TypeDescription type : types) {
            try {
                for (MethodDescription.InDefinedShape candidate : type.getDeclaredMethods()) {
                    if (!candidate.isStatic() && !candidate.isPrivate() && candidate.getName().equals(method.getName())
                            && candidate.getParameters().asTypeList().asErasures()
                            .equals(method.getParameters().asTypeList().asErasures())) {
                        return true;
                    }
                }
            } catch (RuntimeException unresolvable) {
                // its methods cannot be read; the proxy's method does not come from it
            }
        }
        return false;
    }

    /** Whether a method is one of the three of {@code Object} that every proxy class implements. */
    static boolean isObjectMethod(MethodDescription method) {
        String name = method.getName();
        int parameters = method.getParameters().size();
        return (parameters == 0 && (name.equals("hashCode") || name.equals("toString")))
                || (parameters == 1 && name.equals("equals")
                && method.getParameters().get(0).getType().asErasure().getName().equals("java.lang.Object"));
    }
}
