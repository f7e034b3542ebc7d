package io.perfweave.agent.alerting;

/**
 * When an alert is breached: a measure (a PromQL expression in the unit of its threshold), how it
 * compares, and the limit. Kept apart so that a test can run the measure alone and see that it
 * returns data, which an expression that is merely never breached would not show.
 *
 * @param comparison {@code >} for figures where higher is worse, {@code <} for the success rate
 */
public record Condition(String measure, String comparison, double limit) {
    public Condition {
        if (!comparison.equals(">") && !comparison.equals("<")) {
            throw new IllegalArgumentException("comparison must be > or <, was " + comparison);
        }
    }

    /** The whole rule expression: it returns the measure's value for every series past the limit. */
    public String expression() {
        return measure + " " + comparison + " " + PromQl.number(limit);
    }
}
