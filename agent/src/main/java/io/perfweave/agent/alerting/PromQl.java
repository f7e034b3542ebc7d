package io.perfweave.agent.alerting;

import io.perfweave.agent.config.OperationConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PromQL over perfweave's own families, each figure in the unit its threshold is written in
 * (milliseconds, percent, MB), so that a rule compares it with the config's number as it stands.
 *
 * <p>Operation figures are summed across instances by operation, as a fleet asks for them: a
 * quantile from the summed buckets, an average from the summed sums and counts. A {@code range}
 * takes the rate over that range; a null range reads the cumulative totals, which is what a
 * threshold judged {@code since_start} means. Durations describe successful calls only, as in the
 * agent's own summaries: failures are counted in the calls family, not in the histogram.
 */
final class PromQl {
    static final String DURATION = "perfweave_operation_duration_seconds";
    static final String DURATION_MAX = "perfweave_operation_duration_max_seconds";
    static final String CALLS = "perfweave_operation_calls_total";
    static final String MEMORY_INCREASE = "perfweave_process_memory_increase_bytes";
    static final String CPU = "perfweave_process_cpu_usage";
    /** The agent's MB are mebibytes, as in its JSON ({@code memory_increase_mb}). */
    static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    private PromQl() {
    }

    /** Whether the config's name has placeholders, and so names many operations. */
    static boolean namesMany(OperationConfig operation) {
        return PLACEHOLDER.matcher(operation.name()).find();
    }

    /**
     * Label matchers of one operation's series, plus {@code more} (already written matchers such
     * as {@code instance=~"$instance"}). A name with placeholders ({@code {class}.{method}})
     * names many operations, so it becomes a regular expression with each placeholder as {@code .+}.
     */
    static List<String> operationMatchers(OperationConfig operation, String... more) {
        List<String> matchers = new ArrayList<>();
        String name = operation.name();
        if (namesMany(operation)) {
            Matcher placeholder = PLACEHOLDER.matcher(name);
            StringBuilder regex = new StringBuilder();
            int from = 0;
            while (placeholder.find()) {
                regex.append(regexLiteral(name.substring(from, placeholder.start()))).append(".+");
                from = placeholder.end();
            }
            regex.append(regexLiteral(name.substring(from)));
            matchers.add("operation=~" + string(regex.toString()));
        } else {
            matchers.add("operation=" + string(name));
        }
        matchers.addAll(List.of(more));
        return matchers;
    }

    /** {@code {a="b",c=~"d"}}, or nothing without matchers. */
    static String selector(List<String> matchers, String... more) {
        List<String> all = new ArrayList<>(matchers);
        all.addAll(List.of(more));
        return all.isEmpty() ? "" : "{" + String.join(",", all) + "}";
    }

    /** Average duration of the successful calls, in ms; {@code offset} (or null) moves it back in time. */
    static String averageMs(List<String> matchers, String range, String offset) {
        return "1000 * " + sumByOperation(DURATION + "_sum", matchers, range, offset)
                + " / " + sumByOperation(DURATION + "_count", matchers, range, offset);
    }

    /** The {@code quantile} (0..1) of the successful calls' durations from the summed buckets, in ms. */
    static String quantileMs(double quantile, List<String> matchers, String range) {
        return "1000 * histogram_quantile(" + number(quantile) + ", sum by (operation, le) ("
                + counter(DURATION + "_bucket", matchers, range, null) + "))";
    }

    /**
     * The longest successful call, in ms: over the agent's own window when {@code window}, else
     * since start. A maximum cannot be taken from rates, so the agent reports it as a gauge.
     */
    static String maxMs(List<String> matchers, boolean window) {
        return "1000 * max by (operation) (" + DURATION_MAX
                + selector(matchers, "over=" + string(window ? "window" : "since_start")) + ")";
    }

    /** Successful calls as a percentage of all calls. */
    static String successPercent(List<String> matchers, String range) {
        return "100 * " + sumByOperation(CALLS, withMatcher(matchers, "outcome=\"success\""), range, null)
                + " / " + sumByOperation(CALLS, matchers, range, null);
    }

    /** Failed calls as a percentage of all calls. */
    static String failurePercent(List<String> matchers, String range) {
        return "100 * " + sumByOperation(CALLS, withMatcher(matchers, "outcome=\"failure\""), range, null)
                + " / " + sumByOperation(CALLS, matchers, range, null);
    }

    /** Calls per second, by outcome. */
    static String callsPerSecond(List<String> matchers, String range) {
        return "sum by (operation, outcome) (rate(" + CALLS + selector(matchers) + "[" + range + "]))";
    }

    /** Each instance's resident memory above its baseline, in MB. */
    static String memoryIncreaseMb(List<String> matchers) {
        return MEMORY_INCREASE + selector(matchers) + " / " + number(BYTES_PER_MB);
    }

    /** Each instance's CPU use in percent, 100 being one core busy (as {@code cpu_percent} is). */
    static String cpuPercent(List<String> matchers) {
        return CPU + selector(matchers) + " * 100";
    }

    private static String sumByOperation(String family, List<String> matchers, String range, String offset) {
        return "sum by (operation) (" + counter(family, matchers, range, offset) + ")";
    }

    private static List<String> withMatcher(List<String> matchers, String extra) {
        List<String> all = new ArrayList<>(matchers);
        all.add(extra);
        return all;
    }

    /** A counter's rate over {@code range}, or its cumulative value when the range is null. */
    private static String counter(String family, List<String> matchers, String range, String offset) {
        String series = family + selector(matchers);
        if (range == null) {
            return offset == null ? series : series + " offset " + offset;
        }
        return "rate(" + series + "[" + range + "]" + (offset == null ? "" : " offset " + offset) + ")";
    }

    /** A number as PromQL and Prometheus' YAML read it, without a needless {@code .0}. */
    static String number(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** A PromQL string literal (Go's escapes: backslash and double quote). */
    static String string(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** {@code text} matched literally by RE2, which PromQL's {@code =~} uses (anchored at both ends). */
    private static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
