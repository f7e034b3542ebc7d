package io.perfweave.agent.judge;

import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.ResourcesConfig;
import io.perfweave.agent.record.OperationCatalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What to do about breached thresholds, as the seeds' {@code _generate_performance_recommendations}
 * said it: for each threshold that is not met, the text the config attaches to it, or else a
 * built-in one in the seeds' words ("... exceeds the 2000 ms threshold", "... has low success rate
 * - investigate error handling"); {@value #ALL_WITHIN} when nothing is breached.
 */
public final class Recommendations {
    public static final String ALL_WITHIN = "Performance within acceptable thresholds";

    private Recommendations() {
    }

    /** Recommendations for a judgement of the thresholds of the operations in {@code catalog}. */
    public static List<String> of(Judgement judgement, OperationCatalog catalog) {
        return of(judgement, catalog, Causes.NONE);
    }

    /** As {@link #of(Judgement, OperationCatalog)}, each breached operation followed by what its time goes to. */
    public static List<String> of(Judgement judgement, OperationCatalog catalog, Causes causes) {
        return of(judgement.checks(), operation -> ruleOf(catalog, operation), catalog.config().resources(), causes);
    }

    /**
     * Recommendations for some checks.
     *
     * @param rules the config rule of an operation by its name (null when it has none)
     */
    public static List<String> of(List<ThresholdCheck> checks, Function<String, OperationConfig> rules,
                                  ResourcesConfig resources) {
        return of(checks, rules, resources, Causes.NONE);
    }

    /**
     * Recommendations for some checks, the text of each breached duration threshold followed by its
     * operation's cause (see {@link Causes}), once per operation.
     */
    public static List<String> of(List<ThresholdCheck> checks, Function<String, OperationConfig> rules,
                                  ResourcesConfig resources, Causes causes) {
        Set<String> texts = new LinkedHashSet<>();
        for (ThresholdCheck check : checks) {
            if (check.met()) {
                continue;
            }
            String configured = null;
            if (check.operation() != null) {
                OperationConfig rule = rules.apply(check.operation());
                configured = rule == null ? null : rule.recommendations().get(check.threshold());
            } else if (resources.thresholds() != null) {
                configured = resources.thresholds().recommendations().get(check.threshold());
            }
            texts.add(configured != null ? configured : builtIn(check));
            // only a duration has a cause in where the time went; a failure rate does not
            boolean duration = check.operation() != null && "ms".equals(check.unit());
            String cause = duration ? causes.of(check.operation()) : null;
            if (cause != null) {
                texts.add(cause);
            }
        }
        return texts.isEmpty() ? List.of(ALL_WITHIN) : new ArrayList<>(texts);
    }

    /** The built-in text for a breached threshold, with its figures. */
    static String builtIn(ThresholdCheck check) {
        ThresholdKind kind = check.kind();
        String subject = check.operation() != null ? check.operation() : "the process";
        String figures = number(check.actual()) + " " + check.unit();
        String limit = number(check.limit()) + " " + check.unit();
        if (kind == ThresholdKind.SUCCESS_RATE_MIN) {
            return subject + " has low success rate (" + figures + ", below " + limit + ", " + check.level().word()
                    + ") - investigate error handling";
        }
        String what = check.operation() != null ? subject + " " + kind.words() : capitalised(kind.words());
        return what + " of " + figures + " exceeds the " + limit + " threshold (" + check.level().word() + ")";
    }

    /** The rule an operation came from (its name may differ, when the rule's name is a template). */
    public static OperationConfig ruleOf(OperationCatalog catalog, String operation) {
        OperationCatalog.Operation found = catalog.get(operation);
        return found == null ? null : found.rule();
    }

    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
