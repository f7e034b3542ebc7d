package io.perfweave.agent.judge;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A threshold moved to another level: what JDK Mission Control shows of a breach and its end. */
@Name("perfweave.ThresholdLevelChange")
@Label("Threshold Level Change")
@Category({"perfweave"})
@Description("A perfweave threshold moved from one level (target, off_target, warning, critical, no_data) to another")
@StackTrace(false)
public final class ThresholdLevelEvent extends jdk.jfr.Event {
    @Label("Operation")
    @Description("The operation judged; empty for a resource threshold")
    String operation;

    @Label("Threshold")
    String threshold;

    @Label("From")
    String from;

    @Label("To")
    String to;

    @Label("Actual")
    @Description("The figure judged, in the threshold's unit; NaN when there was nothing to judge")
    double actual;

    @Label("Limit")
    double limit;

    @Label("Unit")
    String unit;

    @Label("Met")
    boolean met;
}
