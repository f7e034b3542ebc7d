package io.perfweave.agent.judge;

import io.perfweave.agent.stats.Breakdown;

import java.util.Locale;
import java.util.function.Function;

/**
 * Where a slow operation's time goes, in words, so that a recommendation names the cause: the
 * timed operation inside it that takes the largest share of its time (its {@link Breakdown}), and
 * the frame most of its slow-call samples are in (its profile, when it has one, else that child's).
 * For example "similarity_analysis takes 78 % of full_pattern_analysis; 64 % of
 * full_pattern_analysis's slow-call samples are in DynamicTimeWarping.distance".
 */
public final class Causes {
    /** A child is named as the cause from this share of its parent's time on. */
    static final double NAMED_FROM_PERCENT = 25.0;

    /** The frame most samples of an operation's slow calls are in, and the percentage of samples that are. */
    public record HotFrame(String frame, double percent) {
    }

    /** Causes that never name anything: for views without figures. */
    public static final Causes NONE = new Causes(operation -> null, operation -> null);

    private final Function<String, Breakdown> breakdowns;
    private final Function<String, HotFrame> hotFrames;

    /**
     * @param breakdowns an operation's breakdown by its name, null when it has none
     * @param hotFrames the hottest frame of an operation's slow-call samples, null without samples
     */
    public Causes(Function<String, Breakdown> breakdowns, Function<String, HotFrame> hotFrames) {
        this.breakdowns = breakdowns;
        this.hotFrames = hotFrames;
    }

    /** The cause of {@code operation}'s time, or null when neither its breakdown nor its samples name one. */
    public String of(String operation) {
        Breakdown breakdown = breakdowns.apply(operation);
        Breakdown.Child largest = breakdown == null || breakdown.children().isEmpty() ? null : breakdown.children().get(0);
        boolean named = largest != null && largest.sharePercent() >= NAMED_FROM_PERCENT;
        String sampled = operation;
        HotFrame hot = hotFrames.apply(operation);
        if (hot == null && named) {
            sampled = largest.operation();
            hot = hotFrames.apply(sampled);
        }
        String samples = hot == null ? null
                : percent(hot.percent()) + " of " + sampled + "'s slow-call samples are in " + hot.frame();
        if (named) {
            String text = largest.operation() + " takes " + percent(largest.sharePercent()) + " of " + operation;
            return samples == null ? text : text + "; " + samples;
        }
        return samples;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.0f %%", value);
    }
}
