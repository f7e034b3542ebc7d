package io.perfweave.agent.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.perfweave.bootstrap.ChildTotals;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Totals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an operation's time went, since start or the last reset: per operation timed directly
 * inside its calls, how many calls per call of it, their average time and their share of its
 * time; and its self time, the share not spent in timed calls inside it. Shares are of the time
 * of the operation's calls, failed ones included, not counting calls made directly inside a call
 * of itself twice (their time is already the enclosing call's). Immutable.
 *
 * @param selfPercent 100 minus the children's shares, never below 0 (calls that outlive their
 *                    caller, asynchronous ones, can take more than it)
 * @param children largest share first
 */
@JsonPropertyOrder({"self_percent", "children"})
public record Breakdown(@JsonProperty("self_percent") double selfPercent,
                        @JsonProperty("children") List<Child> children) {

    /** One operation timed inside the calls of another. */
    @JsonPropertyOrder({"operation", "calls_per_call", "avg_ms", "share_percent"})
    public record Child(@JsonProperty("operation") String operation,
                        @JsonProperty("calls_per_call") double callsPerCall,
                        @JsonProperty("avg_ms") double avgMs,
                        @JsonProperty("share_percent") double sharePercent) {
    }

    /** The breakdown of what {@code totals} recorded; null when no timed call ran inside its calls. */
    public static Breakdown of(Totals totals) {
        ChildTotals children = totals.children;
        if (children.size() == 0) {
            return null;
        }
        long parentCalls = totals.calls() - children.nestedCalls;
        long parentNanos = totals.sumNanos + totals.failedSumNanos - children.nestedNanos;
        Map<String, long[]> byName = sumsByName(children);
        List<Child> list = new ArrayList<>(byName.size());
        double shares = 0;
        for (Map.Entry<String, long[]> entry : byName.entrySet()) {
            long calls = entry.getValue()[0];
            long nanos = entry.getValue()[1];
            double share = parentNanos > 0 ? 100.0 * nanos / parentNanos : 0;
            shares += share;
            list.add(new Child(entry.getKey(), parentCalls > 0 ? round((double) calls / parentCalls) : 0,
                    calls > 0 ? round(nanos / 1e6 / calls) : 0, round(share)));
        }
        list.sort(Comparator.comparingDouble(Child::sharePercent).reversed());
        return new Breakdown(round(Math.max(0, 100 - shares)), List.copyOf(list));
    }

    /**
     * Calls and nanoseconds per child operation name, in the order first seen: a reshaped operation
     * (a reload that changed its tags) has two recorders of one name, which count as one child.
     */
    public static Map<String, long[]> sumsByName(ChildTotals children) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        OperationRecorder[] recorders = Recorders.all();
        for (int i = 0; i < children.size(); i++) {
            int id = children.child(i);
            long[] sums = byName.computeIfAbsent(id < recorders.length ? recorders[id].name : "#" + id, n -> new long[2]);
            sums[0] += children.calls(i);
            sums[1] += children.nanos(i);
        }
        return byName;
    }

    /** To a hundredth: shares and averages read as figures, not as noise. */
    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
