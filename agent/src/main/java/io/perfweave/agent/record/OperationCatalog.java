package io.perfweave.agent.record;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.Recursion;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.TagExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations the agent knows: for each, the config rule it came from, its recorder, and the
 * methods woven for it. An operation whose rule names it literally exists from the start, with
 * {@code matched} 0 until a class is woven, so that a selector that matches nothing shows.
 *
 * <p>When the config is reloaded, an operation whose rule is still there keeps its recorder and so
 * its statistics; an operation whose rule is gone is no longer listed (its figures stay in memory,
 * and come back if a later config names it again).
 */
public final class OperationCatalog {
    private volatile AgentConfig config;
    private final Map<String, Operation> byName = new ConcurrentHashMap<>();
    /** Every operation ever created, in order; guarded by this. */
    private final List<Operation> inOrder = new ArrayList<>();
    /** The operations of the current config, rebuilt on the first read after a change; null until then. */
    private volatile List<Operation> active;

    public OperationCatalog(AgentConfig config) {
        reconfigure(config);
    }

    /**
     * Adopts a new config. Each operation takes the new rule of the same name and keeps its
     * recorder, and so its statistics, unless the rule changed the recorder's shape (its tags,
     * their paths or cap, or its recursion policy): then the operation starts afresh under the new
     * shape, since figures recorded under the old one would mean something else. Woven methods are
     * forgotten: weaving again counts them anew.
     *
     * @return the names of the operations that started afresh
     */
    public synchronized List<String> reconfigure(AgentConfig next) {
        this.config = next;
        active = null;
        List<String> reshaped = new ArrayList<>();
        for (Operation operation : inOrder) {
            operation.forgetWoven();
            OperationConfig rule = ruleNamed(next, operation.ruleName);
            operation.rule = rule;
            if (rule != null && !operation.shape.equals(Shape.of(next, rule))) {
                operation.shape = Shape.of(next, rule);
                operation.recorder = Recorders.reshape(operation.name, tagsOf(operation.name, rule), operation.shape.recursion());
                reshaped.add(operation.name);
            }
        }
        for (OperationConfig operation : next.operations()) {
            if (operation.name().indexOf('{') < 0) {
                operation(operation.name(), operation);
            }
        }
        return reshaped;
    }

    /** What a recorder is made for: the tags it reads, with their paths and cap, and its recursion policy. */
    private record Shape(Map<String, String> tags, int tagValueLimit, int recursion) {
        static Shape of(AgentConfig config, OperationConfig rule) {
            return new Shape(Map.copyOf(rule.tags()), rule.tags().isEmpty() ? 0 : config.tagValueLimitOf(rule),
                    rule.recursion() == Recursion.OUTERMOST ? OperationRecorder.RECURSION_OUTERMOST
                            : OperationRecorder.RECURSION_ALL);
        }
    }

    private static OperationConfig ruleNamed(AgentConfig config, String name) {
        for (OperationConfig rule : config.operations()) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return null;
    }

    /** The operation with this name, created on first use with the given rule. */
    public Operation operation(String name, OperationConfig rule) {
        Operation existing = byName.get(name);
        if (existing != null && existing.rule != null) {
            return existing;
        }
        synchronized (this) {
            existing = byName.get(name);
            if (existing != null) {
                existing.rule = rule;
                active = null;
                return existing;
            }
            Shape shape = Shape.of(config, rule);
            OperationRecorder recorder = Recorders.operation(name, tagsOf(name, rule), shape.recursion());
            Operation created = new Operation(name, rule, recorder, shape);
            byName.put(name, created);
            inOrder.add(created);
            active = null;
            return created;
        }
    }

    private TagExtractor tagsOf(String name, OperationConfig rule) {
        if (rule.tags().isEmpty()) {
            return null;
        }
        String[] keys = rule.tags().keySet().toArray(new String[0]);
        String[][] paths = new String[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            paths[i] = OperationConfig.propertyPath(rule.tags().get(keys[i]));
        }
        return new TagExtractor(name, keys, paths, config.tagValueLimitOf(rule));
    }

    /** The operation of this name, if the current config has it. */
    public Operation get(String name) {
        Operation operation = byName.get(name);
        return operation == null || operation.rule == null ? null : operation;
    }

    /**
     * The operations of the current config, in the order they appeared: an unmodifiable list,
     * shared by every reader until the operations change, so that a tick or a scrape of thousands
     * of operations does not copy them.
     */
    public List<Operation> all() {
        List<Operation> current = active;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (active == null) {
                List<Operation> list = new ArrayList<>(inOrder.size());
                for (Operation operation : inOrder) {
                    if (operation.rule != null) {
                        list.add(operation);
                    }
                }
                active = java.util.Collections.unmodifiableList(list);
            }
            return active;
        }
    }

    public AgentConfig config() {
        return config;
    }

    /** Config rules for which no method has been woven yet. */
    public List<OperationConfig> rulesWithoutMatches() {
        java.util.Set<String> current = new java.util.HashSet<>();
        config.operations().forEach(rule -> current.add(rule.name()));
        java.util.Set<String> matched = new java.util.HashSet<>();
        int rules = current.size();
        synchronized (this) {
            // one pass over the operations, whatever the number of rules, and it ends as soon as
            // every rule has matched: the usual case, run every 2 s, costs a look at a few operations
            for (int i = 0; i < inOrder.size() && matched.size() < rules; i++) {
                Operation operation = inOrder.get(i);
                if (operation.matched() > 0 && current.contains(operation.ruleName)) {
                    matched.add(operation.ruleName);
                }
            }
        }
        List<OperationConfig> unmatched = new ArrayList<>();
        for (OperationConfig rule : config.operations()) {
            if (!matched.contains(rule.name())) {
                unmatched.add(rule);
            }
        }
        return unmatched;
    }

    /** One operation. */
    public static final class Operation {
        private final String name;
        /** The name (or name template) of the rule this operation came from. */
        private final String ruleName;
        /** The current config's rule of that name; null while the config has none. */
        private volatile OperationConfig rule;
        /** Replaced when a reload changes the operation's shape. */
        private volatile OperationRecorder recorder;
        /** The shape {@link #recorder} was made for; guarded by the catalog. */
        private Shape shape;
        /** Signatures of the methods woven for it: almost always one, so an immutable set replaced on change. */
        private volatile Set<String> wovenMethods = Set.of();

        Operation(String name, OperationConfig rule, OperationRecorder recorder, Shape shape) {
            this.name = name;
            this.ruleName = rule.name();
            this.rule = rule;
            this.recorder = recorder;
            this.shape = shape;
        }

        public String name() {
            return name;
        }

        public OperationConfig rule() {
            return rule;
        }

        public OperationRecorder recorder() {
            return recorder;
        }

        /** Notes that a method was woven for this operation; the same method twice counts once. */
        public synchronized void woven(String methodSignature) {
            if (!wovenMethods.contains(methodSignature)) {
                Set<String> more = new java.util.HashSet<>(wovenMethods);
                more.add(methodSignature);
                wovenMethods = Set.copyOf(more);
            }
        }

        /** Forgets the woven methods, as a reload does before it weaves again. */
        synchronized void forgetWoven() {
            wovenMethods = Set.of();
        }

        /**
         * Signatures of the methods woven for this operation, as {@code com.acme.Type#name(descriptor)}:
         * the profiler finds a call's own frame in a stack by them.
         */
        public Set<String> wovenMethods() {
            return wovenMethods;
        }

        /** Number of distinct methods woven for this operation. */
        public int matched() {
            return wovenMethods.size();
        }
    }
}
