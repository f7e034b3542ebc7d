package io.perfweave.agent.select;

import io.perfweave.agent.config.OperationConfig;

import java.util.List;
import java.util.function.Predicate;

/**
 * Whether some rule of a config may select a class, judged by its name alone: the cheap first
 * test that every class load meets. It needs nothing but the config, so it is ready in
 * {@code premain} long before the weaver is.
 */
public final class NameFilter implements Predicate<String> {
    /** Packages never woven: the JDK, Byte Buddy, this agent, and other agents. */
    private static final String[] NEVER = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.", "io.perfweave.agent.", "io.perfweave.bootstrap.",
        "io.opentelemetry.javaagent.", "co.elastic.apm.agent.", "org.glowroot.agent.", "rocks.inspectit.ocelot.",
    };

    /** The literal start of each rule's class glob; "" for a rule that selects by supertype or annotation only. */
    private final String[] prefixes;
    /** Whether rule i has a class glob (its prefix may still be "", for a glob such as {@code *Service}). */
    private final boolean[] named;
    /** Whether some rule may select methods of proxy classes, whose names no class glob foresees. */
    private final boolean proxies;

    public NameFilter(List<OperationConfig> rules) {
        prefixes = new String[rules.size()];
        named = new boolean[rules.size()];
        boolean anyProxies = false;
        for (int i = 0; i < prefixes.length; i++) {
            String className = rules.get(i).className();
            prefixes[i] = className == null ? "" : Glob.of(className).literalPrefix();
            named[i] = className != null;
            anyProxies |= OperationSelector.selectsProxies(rules.get(i));
        }
        proxies = anyProxies;
    }

    @Override
    public boolean test(String className) {
        if (isNeverWoven(className)) {
            return false;
        }
        if (proxies && ProxyClasses.hasProxyName(className)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a rule with a class glob (or one that may select proxies) may select the class by its
     * name; unlike {@link #test}, rules that select by supertype or annotation alone do not count.
     */
    public boolean matchesNamedRule(String className) {
        if (proxies && ProxyClasses.hasProxyName(className)) {
            return true;
        }
        for (int i = 0; i < prefixes.length; i++) {
            if (named[i] && className.startsWith(prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no rule may select a class, by its package: the JDK's and agents' packages, except
     * the JDK's packages for proxy classes, which implement the application's interfaces.
     */
    public static boolean isNeverWoven(String className) {
        for (String prefix : NEVER) {
            if (className.startsWith(prefix)) {
                return !ProxyClasses.isInJdkProxyPackage(className);
            }
        }
        return false;
    }
}
