package io.perfweave.agent.config;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One rule of what to time: which classes, which of their methods, and under what name.
 *
 * @param name the operation name in every report; may use {@code {class}}, {@code {simpleClass}}
 *             and {@code {method}} so that one rule names many operations
 * @param className class name or glob ({@code *} within a package, {@code **} across packages)
 * @param subtypeOf only classes that extend or implement this type
 * @param annotatedWith only classes carrying this annotation
 * @param method method name or glob; {@code <init>} selects constructors
 * @param parameters exact parameter count, if given
 * @param parameterTypes exact parameter types (fully qualified, {@code int}, {@code byte[]}), if given
 * @param recursion which nested calls are timed
 * @param async time methods returning a {@code CompletionStage} until it completes
 * @param tags tag name to argument path ({@code arg0}, {@code arg1.projectId})
 * @param tagValueLimit distinct values kept per tag; further values count as {@code other}
 * @param thresholds limits checked against this operation's statistics
 * @param recommendations threshold name to the text shown when that threshold is breached
 * @param allocation also measure the bytes the calling thread allocates during each call (costs
 *                   two reads of the thread's allocation counter per call; off by default)
 * @param exclude class names or globs the rule leaves out, even where its class selector matches
 * @param excludeMethods method names or globs the rule leaves out
 * @param visibility the least visible methods the rule keeps (default {@code any})
 * @param prometheusTags also export each tag value's histogram and calls to Prometheus, with the
 *                       tag as a label (off by default: every value is a series of its own)
 * @param profile sample the stacks of this operation's slow calls (see {@link ProfileConfig}); null: never
 */
public record OperationConfig(
        String name,
        String className,
        String subtypeOf,
        String annotatedWith,
        String method,
        Integer parameters,
        List<String> parameterTypes,
        Recursion recursion,
        Boolean async,
        Map<String, String> tags,
        Integer tagValueLimit,
        OperationThresholds thresholds,
        Map<String, String> recommendations,
        Boolean allocation,
        List<String> exclude,
        List<String> excludeMethods,
        Visibility visibility,
        Boolean prometheusTags,
        ProfileConfig profile) {

    private static final Pattern TAG_PATH = Pattern.compile("arg(\\d{1,3})((\\.[A-Za-z_$][A-Za-z0-9_$]*)*)");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]*)}");
    private static final Pattern PROMETHEUS_LABEL = Pattern.compile("(?!__)[A-Za-z_][A-Za-z0-9_]*");
    /** Labels the exposition or Prometheus itself sets on the tagged series. */
    private static final List<String> RESERVED_LABELS = List.of("operation", "outcome", "le", "quantile", "job", "instance");

    public OperationConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an operation needs a 'name'");
        }
        var matcher = TEMPLATE.matcher(name);
        while (matcher.find()) {
            String placeholder = matcher.group(1);
            if (!placeholder.equals("class") && !placeholder.equals("simpleClass") && !placeholder.equals("method")
                    && !placeholder.equals("descriptor")) {
                throw new IllegalArgumentException("operation '" + name + "': unknown placeholder {" + placeholder
                        + "}; expected {class}, {simpleClass}, {method} or {descriptor}");
            }
        }
        if (className == null && subtypeOf == null && annotatedWith == null) {
            throw new IllegalArgumentException("operation '" + name
                    + "' needs a class selector: 'class', 'subtype_of' or 'annotated_with'");
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("operation '" + name + "' needs a 'method' (a name or glob)");
        }
        if (parameters != null && (parameters < 0 || parameters > 255)) {
            throw new IllegalArgumentException("operation '" + name + "': parameters must be 0..255, was " + parameters);
        }
        if (parameters != null && parameterTypes != null && parameters != parameterTypes.size()) {
            throw new IllegalArgumentException("operation '" + name + "': parameters (" + parameters
                    + ") disagrees with parameter_types (" + parameterTypes.size() + " types)");
        }
        recursion = recursion == null ? Recursion.ALL : recursion;
        async = async != null && async;
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
        Integer tagArgument = null;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getValue() == null) {
                throw new IllegalArgumentException("operation '" + name + "': tag '" + tag.getKey() + "' needs a path");
            }
            var path = TAG_PATH.matcher(tag.getValue());
            if (!path.matches()) {
                throw new IllegalArgumentException("operation '" + name + "': tag '" + tag.getKey() + "' has path '"
                        + tag.getValue() + "'; expected argN or argN.property (e.g. arg0.projectId)");
            }
            int argument = Integer.parseInt(path.group(1));
            if (tagArgument != null && tagArgument != argument) {
                throw new IllegalArgumentException("operation '" + name
                        + "': all tags of one operation must read the same argument (found arg" + tagArgument
                        + " and arg" + argument + ")");
            }
            tagArgument = argument;
        }
        if (tagValueLimit != null && (tagValueLimit < 1 || tagValueLimit > 10_000)) {
            throw new IllegalArgumentException("operation '" + name + "': tag_value_limit must be 1..10000");
        }
        allocation = allocation != null && allocation;
        if (allocation && (async || method.equals("<init>"))) {
            throw new IllegalArgumentException("allocation: operation '" + name + "' is async or a constructor; allocation"
                    + " is measured on the calling thread from a method's entry to its exit");
        }
        exclude = globs(name, "exclude", exclude);
        excludeMethods = globs(name, "exclude_methods", excludeMethods);
        visibility = visibility == null ? Visibility.ANY : visibility;
        prometheusTags = prometheusTags != null && prometheusTags;
        if (prometheusTags) {
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("operation '" + name + "': prometheus_tags needs tags to export");
            }
            for (String tag : tags.keySet()) {
                if (!PROMETHEUS_LABEL.matcher(tag).matches() || RESERVED_LABELS.contains(tag)) {
                    throw new IllegalArgumentException("operation '" + name + "': tag '" + tag + "' cannot be a Prometheus"
                            + " label (prometheus_tags): use letters, digits and _, not starting with a digit or __,"
                            + " and none of " + RESERVED_LABELS);
                }
            }
        }
        if (profile != null && method.equals("<init>")) {
            // a constructor's exit advice cannot run when it throws, so its call would stay "in flight"
            throw new IllegalArgumentException("profile: operation '" + name + "' selects constructors, whose slow calls"
                    + " cannot be profiled; profile a method instead");
        }
        recommendations = recommendations == null ? Map.of() : new LinkedHashMap<>(recommendations);
        for (String key : recommendations.keySet()) {
            if (thresholds == null || !thresholds.byName().containsKey(key)) {
                throw new IllegalArgumentException("operation '" + name + "': recommendation for '" + key
                        + "', which is not one of its thresholds");
            }
        }
    }

    private static List<String> globs(String operation, String key, List<String> globs) {
        if (globs == null) {
            return List.of();
        }
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException("operation '" + operation + "': " + key
                        + " holds an empty pattern; expected names or globs");
            }
        }
        return List.copyOf(globs);
    }

    /** Index of the argument every tag reads, or -1 when the operation has no tags. */
    public int tagArgument() {
        for (String path : tags.values()) {
            var matcher = TAG_PATH.matcher(path);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    /** The property names below the argument for a tag path: {@code arg0.a.b} gives [a, b]. */
    public static String[] propertyPath(String tagPath) {
        int dot = tagPath.indexOf('.');
        return dot < 0 ? new String[0] : tagPath.substring(dot + 1).split("\\.");
    }

    public boolean selectsConstructors() {
        return method.equals("<init>");
    }
}
