package io.perfweave.agent.select;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.OperationConfig;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which methods of real {@code java.lang.reflect.Proxy} classes a rule selects, and their names. */
class ProxySelectionTest {
    public interface Store<T> {
        T find(long id);

        default String describe() {
            return "store";
        }
    }

    public interface OrderStore extends Store<String> {
        void save(String order);
    }

    public interface Audited {
        void audit();
    }

    interface Hidden {
        int count();
    }

    private static final Class<?> ORDERS = proxyClass(OrderStore.class, Audited.class);
    private static final Class<?> HIDDEN = proxyClass(Hidden.class);

    private static Class<?> proxyClass(Class<?>... interfaces) {
        return Proxy.newProxyInstance(ProxySelectionTest.class.getClassLoader(), interfaces, (p, m, a) -> null).getClass();
    }

    private static OperationSelector rule(String... lines) throws Exception {
        String yaml = "operations:\n  - name: '{simpleClass}.{method}'\n" + String.join("\n", lines) + "\n";
        OperationConfig config = new ConfigLoader().parse(yaml, "test.yaml").operations().get(0);
        return new OperationSelector(config);
    }

    /** Operation name by proxy method name, for the methods the rule selects. */
    private static Map<String, String> selected(OperationSelector selector, Class<?> proxy) {
        TypeDescription type = TypeDescription.ForLoadedType.of(proxy);
        Map<String, String> names = new TreeMap<>();
        if (!selector.mayMatchName(type.getName()) || !selector.matchesType(type)) {
            return names;
        }
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            TypeDescription as = selector.selectedAs(type, method);
            if (as != null) {
                names.put(method.getName(), selector.operationName(as, method));
            }
        }
        return names;
    }

    @Test
    void proxyClassesAreKnownByNameAndBySuperclass() {
        assertTrue(ProxyClasses.isInJdkProxyPackage(ORDERS.getName()), ORDERS.getName());
        assertTrue(ProxyClasses.hasProxyName(HIDDEN.getName()));
        assertEquals(OrderStore.class.getPackageName(), HIDDEN.getPackageName(), "a non-public interface keeps its proxy");
        assertFalse(ProxyClasses.isInJdkProxyPackage(HIDDEN.getName()));
        assertTrue(ProxyClasses.isInJdkProxyPackage("com.sun.proxy.$Proxy12"));
        assertFalse(ProxyClasses.isInJdkProxyPackage("jdk.proxy.$Proxy12"));
        assertFalse(ProxyClasses.isInJdkProxyPackage("jdk.internal.$Proxy12"));
        assertFalse(ProxyClasses.hasProxyName("com.acme.$Proxy"));
        assertFalse(ProxyClasses.hasProxyName("com.acme.$Proxy1x"));
        assertFalse(ProxyClasses.hasProxyName("com.acme.Outer$Proxy1"));
        assertTrue(ProxyClasses.isProxy(TypeDescription.ForLoadedType.of(ORDERS)));
        assertFalse(ProxyClasses.isProxy(TypeDescription.ForLoadedType.of(Proxy.class)));
    }

    @Test
    void theNameFilterLetsProxiesThroughOnlyForRulesThatMaySelectThem() throws Exception {
        NameFilter exact = new NameFilter(List.of(rule("    class: " + OrderStore.class.getName(), "    method: '*'").config()));
        assertTrue(exact.test(ORDERS.getName()));
        assertTrue(exact.test("com.acme.$Proxy7"), "the proxy of a non-public interface, in its package");
        assertFalse(exact.test(HIDDEN.getName()), "this agent's own package stays out");
        assertFalse(exact.test("jdk.internal.Foo"), "the JDK stays out");
        assertFalse(exact.test("net.bytebuddy.utility.$Proxy3"), "so do proxies of agents' own interfaces");
        NameFilter glob = new NameFilter(List.of(rule("    class: 'io.perfweave.**'", "    method: '*'").config()));
        assertFalse(glob.test(ORDERS.getName()));
        assertFalse(NameFilter.isNeverWoven(ORDERS.getName()));
        assertTrue(NameFilter.isNeverWoven("jdk.internal.misc.Unsafe"));
    }

    @Test
    void subtypeOfSelectsTheInterfaceMethodsAndNamesThemAfterTheInterfaceTheProxyImplements() throws Exception {
        Map<String, String> names = selected(rule("    subtype_of: " + Store.class.getName(), "    method: '*'"), ORDERS);
        String simple = OrderStore.class.getName().substring(OrderStore.class.getName().lastIndexOf('.') + 1);
        assertEquals(Map.of("find", simple + ".find", "describe", simple + ".describe", "save", simple + ".save"), names,
                "not audit (Audited is no Store), nor equals, hashCode or toString");
    }

    @Test
    void anExactClassNamingAnInterfaceSelectsItsMethodsInheritedOnesToo() throws Exception {
        Map<String, String> names = selected(rule("    class: " + Store.class.getName(), "    method: 'find'"), ORDERS);
        String simple = Store.class.getName().substring(Store.class.getName().lastIndexOf('.') + 1);
        assertEquals(Map.of("find", simple + ".find"), names);
        assertEquals(Map.of("count", "ProxySelectionTest$Hidden.count"),
                selected(rule("    class: " + Hidden.class.getName(), "    method: '*'"), HIDDEN));
    }

    @Test
    void objectMethodsOnlyWhenNamedExactly() throws Exception {
        assertEquals(List.of("toString"), List.copyOf(selected(
                rule("    subtype_of: " + Audited.class.getName(), "    method: toString"), ORDERS).keySet()));
        assertEquals(List.of("audit"), List.copyOf(selected(
                rule("    subtype_of: " + Audited.class.getName(), "    method: '*'"), ORDERS).keySet()));
    }

    @Test
    void classGlobsExcludesAndMethodKeysApplyAsToAClass() throws Exception {
        assertEquals(Map.of(), selected(rule("    class: 'io.perfweave.**'", "    method: '*'"), ORDERS),
                "a glob names classes, and no class of the proxy's is named so");
        Map<String, String> excluded = selected(rule("    subtype_of: " + Store.class.getName(), "    method: '*'",
                "    exclude: ['" + OrderStore.class.getName() + "']"), ORDERS);
        String store = Store.class.getName().substring(Store.class.getName().lastIndexOf('.') + 1);
        assertEquals(Map.of("find", store + ".find", "describe", store + ".describe"), excluded,
                "with OrderStore left out, the methods it inherits go by Store");
        assertEquals(List.of("describe", "save"), List.copyOf(selected(rule("    subtype_of: " + Store.class.getName(),
                "    method: '*'", "    exclude_methods: [find]"), ORDERS).keySet()));
        assertEquals(List.of("find"), List.copyOf(selected(rule("    subtype_of: " + Store.class.getName(),
                "    method: '*'", "    parameter_types: [long]"), ORDERS).keySet()));
        assertEquals(Map.of(), selected(rule("    subtype_of: " + Store.class.getName(), "    method: '<init>'"), ORDERS),
                "a proxy's constructor is the JDK's, not the interface's");
    }
}
