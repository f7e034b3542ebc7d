package io.perfweave.agent.alerting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Prometheus alerting rule.
 *
 * @param name the {@code alert} name; the rules of one threshold kind share it and differ in labels
 * @param forSeconds how long the condition must hold before the alert fires
 * @param labels {@code severity}, {@code level}, {@code threshold} and the like; the series'
 *               own labels ({@code operation}, {@code instance}) come from the expression
 */
public record AlertRule(String name, Condition condition, int forSeconds, Map<String, String> labels,
                        Map<String, String> annotations) {
    public AlertRule {
        // kept in the order given, so that the rules file reads the same on every run
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
}
