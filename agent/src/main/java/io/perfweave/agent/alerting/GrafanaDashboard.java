package io.perfweave.agent.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.Levels;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.OperationThresholds;
import io.perfweave.agent.config.ResourcesConfig;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * A Grafana dashboard (JSON, schema of Grafana 10 and later) for a config: a row per operation
 * with its calls per second, failure percentage, p50/p95/p99 and average (and longest call), each
 * with the operation's thresholds drawn as lines in the colour of their level; then a row of the
 * processes' resources. A {@code datasource} variable picks the Prometheus, an {@code instance}
 * variable the JVMs; operation figures are summed over the instances chosen, as the rules sum
 * them over all.
 *
 * <p>Panels take rates over {@code $__rate_interval}, which Grafana fits to the scrape interval
 * and the zoom; the alert rules use the thresholds' own ranges, so a panel is a view of the same
 * figure, not a replay of the rule.
 */
public final class GrafanaDashboard {
    /** Grafana 10.0 writes 38; 39 is 10.2 and later, which read 38 alike. */
    static final int SCHEMA_VERSION = 39;
    static final String RATE_INTERVAL = "$__rate_interval";
    static final String INSTANCE_MATCHER = "instance=~\"$instance\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 24;

    private final ArrayNode panels = JSON.createArrayNode();
    private int nextId = 1;
    private int x;
    private int y;
    private int lineHeight;

    private GrafanaDashboard() {
    }

    /** The dashboard as pretty-printed JSON; {@code name} (the config's file name) titles it. */
    public static String json(AgentConfig config, String name) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(config, name)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode of(AgentConfig config, String name) {
        GrafanaDashboard dashboard = new GrafanaDashboard();
        for (OperationConfig operation : config.operations()) {
            dashboard.operationPanels(operation);
        }
        dashboard.resourcePanels(config.resources().thresholds());

        ObjectNode root = JSON.createObjectNode();
        root.put("title", "perfweave: " + name);
        // one uid per config, so that the dashboards of several services can be imported side by side
        root.put("uid", uid(name));
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("version", 1);
        root.put("editable", true);
        root.put("graphTooltip", 1);
        root.put("refresh", "30s");
        root.putArray("tags").add("perfweave");
        root.putObject("time").put("from", "now-1h").put("to", "now");
        root.set("templating", JSON.createObjectNode().set("list", variables()));
        root.putObject("annotations").putArray("list");
        root.set("panels", dashboard.panels);
        return root;
    }

    static String uid(String name) {
        String uid = "perfweave-" + name.replaceAll("\\.ya?ml$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        return uid.length() <= 40 ? uid : uid.substring(0, 40);
    }

    /** The Prometheus to read, and the instances to show (all by default). */
    private static ArrayNode variables() {
        ArrayNode list = JSON.createArrayNode();
        ObjectNode datasource = list.addObject();
        datasource.put("name", "datasource");
        datasource.put("label", "Prometheus");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        datasource.put("refresh", 1);
        datasource.put("hide", 0);
        datasource.putObject("current");
        datasource.putArray("options");

        String instances = "label_values(" + PromQl.CALLS + ", instance)";
        ObjectNode instance = list.addObject();
        instance.put("name", "instance");
        instance.put("label", "instance");
        instance.put("type", "query");
        instance.set("datasource", datasourceRef());
        instance.put("definition", instances);
        instance.putObject("query").put("query", instances).put("refId", "PrometheusVariableQueryEditor-VariableQuery");
        instance.put("refresh", 2); // on time range change: JVMs come and go
        instance.put("includeAll", true);
        instance.put("multi", true);
        instance.put("allValue", ".*");
        instance.put("sort", 1);
        instance.put("hide", 0);
        ObjectNode current = instance.putObject("current");
        current.putArray("text").add("All");
        current.putArray("value").add("$__all");
        instance.putArray("options");
        return list;
    }

    private static ObjectNode datasourceRef() {
        return JSON.createObjectNode().put("type", "prometheus").put("uid", "${datasource}");
    }

    private void operationPanels(OperationConfig operation) {
        row(operation.name());
        List<String> matchers = PromQl.operationMatchers(operation, INSTANCE_MATCHER);
        // a name with placeholders names many operations: their series are told apart in the legend
        String who = PromQl.namesMany(operation) ? "{{operation}} " : "";
        OperationThresholds thresholds = operation.thresholds();
        Lines none = new Lines();

        panel("calls/s", "Calls per second by outcome, all instances chosen together.", "ops", none)
                .target(PromQl.callsPerSecond(matchers, RATE_INTERVAL), who + "{{outcome}}");

        Lines failureLines = new Lines();
        if (thresholds != null && thresholds.successRateMin() != null) {
            // the config sets the least success rate; this panel shows its complement
            failureLines.add("success_rate_min", thresholds.successRateMin(), "%", rate -> 100 - rate);
        }
        panel("failure %", "Failed calls (ended by an exception) as a percentage of all calls.", "percent", failureLines)
                .target(PromQl.failurePercent(matchers, RATE_INTERVAL), who + "failure %");

        Lines quantileLines = new Lines();
        if (thresholds != null) {
            quantileLines.add("p95_ms", thresholds.p95Ms(), "ms", ms -> ms);
            quantileLines.add("p99_ms", thresholds.p99Ms(), "ms", ms -> ms);
        }
        panel("p50 / p95 / p99", "Quantiles of the successful calls' durations, from the summed histogram buckets.",
                "ms", quantileLines)
                .target(PromQl.quantileMs(0.5, matchers, RATE_INTERVAL), who + "p50")
                .target(PromQl.quantileMs(0.95, matchers, RATE_INTERVAL), who + "p95")
                .target(PromQl.quantileMs(0.99, matchers, RATE_INTERVAL), who + "p99");

        Lines averageLines = new Lines();
        if (thresholds != null) {
            averageLines.add("avg_ms", thresholds.avgMs(), "ms", ms -> ms);
            averageLines.add("max_ms", thresholds.maxMs(), "ms", ms -> ms);
        }
        // the agents report the longest call only for operations with a max_ms threshold
        if (thresholds != null && thresholds.maxMs() != null) {
            panel("average / longest call", "Average of the successful calls, and the longest call of the agents' recent"
                    + " window (the largest over the instances chosen).", "ms", averageLines)
                    .target(PromQl.averageMs(matchers, RATE_INTERVAL, null), who + "average")
                    .target(PromQl.maxMs(matchers, true), who + "longest");
        } else {
            panel("average", "Average duration of the successful calls.", "ms", averageLines)
                    .target(PromQl.averageMs(matchers, RATE_INTERVAL, null), who + "average");
        }
    }

    private void resourcePanels(ResourcesConfig.ResourceThresholds thresholds) {
        row("resources");
        List<String> instance = List.of(INSTANCE_MATCHER);
        String selector = PromQl.selector(instance);
        Lines cpuLines = new Lines();
        Lines memoryLines = new Lines();
        if (thresholds != null) {
            cpuLines.add("cpu_percent", thresholds.cpuPercent(), "%", percent -> percent);
            memoryLines.add("memory_increase_mb", thresholds.memoryIncreaseMb(), "MB", mb -> mb);
        }
        panel("process CPU %", "CPU use of each JVM; 100 % is one core busy.", "percent", cpuLines)
                .target(PromQl.cpuPercent(instance), "{{instance}}");
        // the agent's MB are mebibytes, which Grafana calls mbytes
        panel("memory increase (MB)", "Resident memory above the baseline each agent took at start (or reset).",
                "mbytes", memoryLines)
                .target(PromQl.memoryIncreaseMb(instance), "{{instance}}");
        panel("resident memory", "Resident memory (RSS) of each JVM.", "bytes", new Lines())
                .target("perfweave_process_resident_memory_bytes" + selector, "{{instance}}");
        panel("heap", "JVM heap in use, committed, and the most it may grow to.", "bytes", new Lines())
                .target("perfweave_jvm_memory_used_bytes" + PromQl.selector(instance, "area=\"heap\""), "{{instance}} used")
                .target("perfweave_jvm_memory_committed_bytes" + PromQl.selector(instance, "area=\"heap\""),
                        "{{instance}} committed")
                .target("perfweave_jvm_memory_max_bytes" + selector, "{{instance}} max");
        panel("time in GC", "Share of the time each collector spent collecting.", "percentunit", new Lines())
                .target("rate(perfweave_jvm_gc_collection_seconds_total" + selector + "[" + RATE_INTERVAL + "])",
                        "{{instance}} {{collector}}");
        panel("GC collections/s", "Collections per second, by collector.", "short", new Lines())
                .target("rate(perfweave_jvm_gc_collections_total" + selector + "[" + RATE_INTERVAL + "])",
                        "{{instance}} {{collector}}");
        panel("threads", "Threads of each JVM, as the operating system counts them.", "short", new Lines())
                .target("perfweave_process_threads" + selector, "{{instance}}");
        panel("open files", "Open file descriptors of each JVM.", "short", new Lines())
                .target("perfweave_process_open_fds" + selector, "{{instance}}");
    }

    /**
     * Threshold lines of one panel: each level's value (in the panel's unit) and the colour of its
     * level. Grafana draws a line at every step of the panel's thresholds.
     */
    private static final class Lines {
        private final TreeMap<Double, String> colours = new TreeMap<>();
        private final List<String> legend = new ArrayList<>();

        void add(String threshold, Levels levels, String unit, DoubleUnaryOperator toPanel) {
            if (levels == null) {
                return;
            }
            put(threshold, "target", levels.target(), "yellow", unit, toPanel);
            put(threshold, "warning", levels.warning(), "orange", unit, toPanel);
            put(threshold, "critical", levels.critical(), "red", unit, toPanel);
        }

        private void put(String threshold, String level, Double value, String colour, String unit, DoubleUnaryOperator toPanel) {
            if (value != null) {
                double drawn = toPanel.applyAsDouble(value);
                // two levels on one value: the worse colour wins, red over orange over yellow
                colours.merge(drawn, colour, (a, b) -> rank(a) >= rank(b) ? a : b);
                legend.add(threshold + " " + level + " " + PromQl.number(value) + " " + unit
                        + (drawn == value ? "" : " (drawn at " + PromQl.number(drawn) + ")"));
            }
        }

        private static int rank(String colour) {
            return List.of("yellow", "orange", "red").indexOf(colour);
        }
    }

    private void row(String title) {
        ObjectNode row = place("row", title, WIDTH, 1);
        row.put("collapsed", false);
        row.putArray("panels");
    }

    /** A time series panel of width 6; targets are added to what it returns. */
    private Panel panel(String title, String description, String unit, Lines lines) {
        ObjectNode panel = place("timeseries", title, 6, 8);
        panel.put("description", lines.legend.isEmpty() ? description
                : description + " Lines: " + String.join(", ", lines.legend) + ".");
        panel.set("datasource", datasourceRef());

        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        ObjectNode defaults = fieldConfig.putObject("defaults");
        fieldConfig.putArray("overrides");
        defaults.put("unit", unit);
        defaults.put("min", 0);
        defaults.putObject("color").put("mode", "palette-classic");
        ObjectNode custom = defaults.putObject("custom");
        custom.put("drawStyle", "line");
        custom.put("lineWidth", 1);
        custom.put("fillOpacity", 10);
        custom.put("spanNulls", false);
        custom.putObject("thresholdsStyle").put("mode", lines.colours.isEmpty() ? "off" : "line");
        ObjectNode thresholds = defaults.putObject("thresholds");
        thresholds.put("mode", "absolute");
        ArrayNode steps = thresholds.putArray("steps");
        steps.addObject().put("color", "green").putNull("value");
        lines.colours.forEach((value, colour) -> steps.addObject().put("color", colour).put("value", value));

        ObjectNode options = panel.putObject("options");
        options.putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
        options.putObject("tooltip").put("mode", "multi").put("sort", "none");
        return new Panel(panel.putArray("targets"));
    }

    /** The targets of one panel, lettered A, B, C in order. */
    private record Panel(ArrayNode targets) {
        Panel target(String expression, String legend) {
            ObjectNode target = targets.addObject();
            target.put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
            target.set("datasource", datasourceRef());
            target.put("editorMode", "code");
            target.put("expr", expression);
            target.put("legendFormat", legend);
            target.put("range", true);
            return this;
        }
    }

    /** A new panel after the previous one, on a new line of the grid when it does not fit on the current one. */
    private ObjectNode place(String type, String title, int width, int height) {
        if (x + width > WIDTH) {
            x = 0;
            y += lineHeight;
        }
        ObjectNode panel = panels.addObject();
        panel.put("id", nextId++);
        panel.put("type", type);
        panel.put("title", title);
        panel.set("gridPos", gridPos(x, y, width, height));
        x += width;
        lineHeight = height;
        return panel;
    }

    private static ObjectNode gridPos(int x, int y, int w, int h) {
        return JSON.createObjectNode().put("x", x).put("y", y).put("w", w).put("h", h);
    }
}
