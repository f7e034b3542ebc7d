package io.perfweave.agent.config;


/**
 * Target, warning and critical levels of one threshold, as in the seeds' benchmarks ("Target
 * &lt;200ms, Warning &gt;500ms, Critical &gt;1000ms"). For limits where higher is better
 * ({@code success_rate_min}) the order is reversed.
 */
public record Levels(Double target, Double warning,
                     Double critical) {
    public Levels {
        if (target == null && warning == null && critical == null) {
            throw new IllegalArgumentException("a threshold needs at least one of target, warning, critical");
        }
    }

    /** Checks that the levels rise (or fall, when higher is better) from target to critical. */
    void checkOrder(String where, boolean higherIsBetter) {
        Double previous = null;
        for (Double level : new Double[] {target, warning, critical}) {
            if (level == null) {
                continue;
            }
            if (previous != null && (higherIsBetter ? level > previous : level < previous)) {
                throw new IllegalArgumentException(where + ": levels must go " + (higherIsBetter ? "down" : "up")
                        + " from target to warning to critical");
            }
            previous = level;
        }
    }
}
