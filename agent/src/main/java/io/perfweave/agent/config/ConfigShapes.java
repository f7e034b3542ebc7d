package io.perfweave.agent.config;

import java.util.List;
import java.util.Map;

/**
 * What the binder ({@link ConfigBinder}) needs of each config type, written out: the keys of its
 * mapping with the types of their values, and the call that creates it from them.
 *
 * <p>Why not found by reflection from the records: the agent reads its config in {@code premain},
 * while the application waits, and on JDK 25 the first read of an annotation (a proxy class made
 * with the class-file API) cost 60-80 ms and creating records through their reflected
 * constructors another ~40 ms (a method-handle shape spun per constructor arity). Adding a key
 * means adding it here, to the record, and to the tests that read it.
 */
final class ConfigShapes {
    /** A key of a mapping: its name, the type of its value and, for a list or a map, of its elements. */
    record Key(String name, Class<?> type, Class<?> element) {
        static Key of(String name, Class<?> type) {
            return new Key(name, type, null);
        }

        static Key listOf(String name, Class<?> element) {
            return new Key(name, List.class, element);
        }

        static Key mapOf(String name, Class<?> element) {
            return new Key(name, Map.class, element);
        }
    }

    private static final Key[] AGENT = {
            Key.of("server", ServerConfig.class),
            Key.of("window_seconds", Integer.class),
            Key.listOf("histogram_buckets_seconds", Double.class),
            Key.of("fail_on_error", Boolean.class),
            Key.of("tag_value_limit", Integer.class),
            Key.listOf("operations", OperationConfig.class),
            Key.of("resources", ResourcesConfig.class),
            Key.of("reload", ReloadConfig.class),
            Key.of("profiling", ProfilingConfig.class),
            Key.of("jfr", Boolean.class),
            Key.of("report_on_exit", String.class),
            Key.of("export", ExportConfig.class),
            Key.of("alerts", AlertsConfig.class),
            Key.of("breakdown", Boolean.class)};
    private static final Key[] SERVER = {
            Key.of("enabled", Boolean.class),
            Key.of("host", String.class),
            Key.of("port", Integer.class),
            Key.of("token", String.class),
            Key.of("threads", Integer.class)};
    private static final Key[] OPERATION = {
            Key.of("name", String.class),
            Key.of("class", String.class),
            Key.of("subtype_of", String.class),
            Key.of("annotated_with", String.class),
            Key.of("method", String.class),
            Key.of("parameters", Integer.class),
            Key.listOf("parameter_types", String.class),
            Key.of("recursion", Recursion.class),
            Key.of("async", Boolean.class),
            Key.mapOf("tags", String.class),
            Key.of("tag_value_limit", Integer.class),
            Key.of("thresholds", OperationThresholds.class),
            Key.mapOf("recommendations", String.class),
            Key.of("allocation", Boolean.class),
            Key.listOf("exclude", String.class),
            Key.listOf("exclude_methods", String.class),
            Key.of("visibility", Visibility.class),
            Key.of("prometheus_tags", Boolean.class),
            Key.of("profile", ProfileConfig.class)};
    private static final Key[] THRESHOLDS = {
            Key.of("avg_ms", Levels.class),
            Key.of("p95_ms", Levels.class),
            Key.of("p99_ms", Levels.class),
            Key.of("max_ms", Levels.class),
            Key.of("success_rate_min", Levels.class),
            Key.of("over", String.class),
            Key.of("slow_call_ms", Double.class),
            Key.of("for_seconds", Integer.class)};
    private static final Key[] LEVELS = {
            Key.of("target", Double.class),
            Key.of("warning", Double.class),
            Key.of("critical", Double.class)};
    private static final Key[] PROFILE = {Key.of("slower_than_ms", Double.class)};
    private static final Key[] PROFILING = {Key.of("interval_ms", Integer.class), Key.of("max_stacks", Integer.class)};
    private static final Key[] RELOAD = {Key.of("watch", Boolean.class), Key.of("poll_seconds", Integer.class)};
    private static final Key[] RESOURCES = {
            Key.of("interval_seconds", Double.class),
            Key.of("thresholds", ResourcesConfig.ResourceThresholds.class),
            Key.of("os_probe", String.class)};
    private static final Key[] RESOURCE_THRESHOLDS = {
            Key.of("memory_increase_mb", Levels.class),
            Key.of("cpu_percent", Levels.class),
            Key.mapOf("recommendations", String.class),
            Key.of("for_seconds", Integer.class)};
    private static final Key[] EXPORT = {Key.of("otlp", ExportConfig.Otlp.class)};
    private static final Key[] OTLP = {
            Key.of("endpoint", String.class),
            Key.of("interval_seconds", Double.class),
            Key.mapOf("headers", String.class),
            Key.of("timeout_seconds", Double.class),
            Key.of("service_name", String.class),
            Key.of("compression", String.class)};
    private static final Key[] ALERTS = {
            Key.of("regression_percent", Double.class),
            Key.of("baseline_offset", String.class),
            Key.of("range_seconds", Integer.class),
            Key.of("for_seconds", Integer.class)};

    private ConfigShapes() {
    }

    /** The keys of a config type's mapping, in the order {@link #create} takes their values; null when it has none. */
    static Key[] keysOf(Class<?> type) {
        if (type == AgentConfig.class) {
            return AGENT;
        } else if (type == ServerConfig.class) {
            return SERVER;
        } else if (type == OperationConfig.class) {
            return OPERATION;
        } else if (type == OperationThresholds.class) {
            return THRESHOLDS;
        } else if (type == Levels.class) {
            return LEVELS;
        } else if (type == ProfileConfig.class) {
            return PROFILE;
        } else if (type == ProfilingConfig.class) {
            return PROFILING;
        } else if (type == ReloadConfig.class) {
            return RELOAD;
        } else if (type == ResourcesConfig.class) {
            return RESOURCES;
        } else if (type == ResourcesConfig.ResourceThresholds.class) {
            return RESOURCE_THRESHOLDS;
        } else if (type == ExportConfig.class) {
            return EXPORT;
        } else if (type == ExportConfig.Otlp.class) {
            return OTLP;
        } else if (type == AlertsConfig.class) {
            return ALERTS;
        }
        return null;
    }

    /**
     * Creates a config type from the values of its keys ({@link #keysOf}'s order; null for a key
     * not given). A value the type rejects throws its {@link IllegalArgumentException}.
     */
    @SuppressWarnings("unchecked")
    static Object create(Class<?> type, Object[] v) {
        if (type == AgentConfig.class) {
            return new AgentConfig((ServerConfig) v[0], (Integer) v[1], (List<Double>) v[2], (Boolean) v[3], (Integer) v[4],
                    (List<OperationConfig>) v[5], (ResourcesConfig) v[6], (ReloadConfig) v[7], (ProfilingConfig) v[8],
                    (Boolean) v[9], (String) v[10], (ExportConfig) v[11], (AlertsConfig) v[12], (Boolean) v[13]);
        } else if (type == ServerConfig.class) {
            return ServerConfig.of((Boolean) v[0], (String) v[1], (Integer) v[2], (String) v[3], (Integer) v[4]);
        } else if (type == OperationConfig.class) {
            return new OperationConfig((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4],
                    (Integer) v[5], (List<String>) v[6], (Recursion) v[7], (Boolean) v[8], (Map<String, String>) v[9],
                    (Integer) v[10], (OperationThresholds) v[11], (Map<String, String>) v[12], (Boolean) v[13],
                    (List<String>) v[14], (List<String>) v[15], (Visibility) v[16], (Boolean) v[17], (ProfileConfig) v[18]);
        } else if (type == OperationThresholds.class) {
            return new OperationThresholds((Levels) v[0], (Levels) v[1], (Levels) v[2], (Levels) v[3], (Levels) v[4],
                    (String) v[5], (Double) v[6], (Integer) v[7]);
        } else if (type == Levels.class) {
            return new Levels((Double) v[0], (Double) v[1], (Double) v[2]);
        } else if (type == ProfileConfig.class) {
            return new ProfileConfig((Double) v[0]);
        } else if (type == ProfilingConfig.class) {
            return new ProfilingConfig((Integer) v[0], (Integer) v[1]);
        } else if (type == ReloadConfig.class) {
            return new ReloadConfig((Boolean) v[0], (Integer) v[1]);
        } else if (type == ResourcesConfig.class) {
            return new ResourcesConfig((Double) v[0], (ResourcesConfig.ResourceThresholds) v[1], (String) v[2]);
        } else if (type == ResourcesConfig.ResourceThresholds.class) {
            return new ResourcesConfig.ResourceThresholds((Levels) v[0], (Levels) v[1], (Map<String, String>) v[2],
                    (Integer) v[3]);
        } else if (type == ExportConfig.class) {
            return new ExportConfig((ExportConfig.Otlp) v[0]);
        } else if (type == ExportConfig.Otlp.class) {
            return new ExportConfig.Otlp((String) v[0], (Double) v[1], (Map<String, String>) v[2], (Double) v[3],
                    (String) v[4], (String) v[5]);
        } else if (type == AlertsConfig.class) {
            return new AlertsConfig((Double) v[0], (String) v[1], (Integer) v[2], (Integer) v[3]);
        }
        throw new IllegalStateException("no shape for " + type.getName());
    }

    /** Whether values of {@code type} are written as one word, such as {@code outermost}. */
    static boolean isWord(Class<?> type) {
        return type == Recursion.class || type == Visibility.class;
    }

    /** The value a word names; throws the type's {@link IllegalArgumentException} for one it does not know. */
    static Object word(Class<?> type, String text) {
        return type == Recursion.class ? Recursion.parse(text) : Visibility.parse(text);
    }
}
