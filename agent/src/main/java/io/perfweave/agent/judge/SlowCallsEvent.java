package io.perfweave.agent.judge;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Calls of one operation that took longer than its {@code slow_call_ms}, counted over one
 * sampling interval. Counting after the fact keeps the timed calls free of any JFR work.
 */
@Name("perfweave.SlowCalls")
@Label("Slow Calls")
@Category({"perfweave"})
@Description("Calls of an operation slower than its slow_call_ms, since the previous event check")
@StackTrace(false)
public final class SlowCallsEvent extends jdk.jfr.Event {
    @Label("Operation")
    String operation;

    @Label("Limit (ms)")
    double limitMs;

    @Label("Slow Calls")
    long calls;

    @Label("Slowest (ms)")
    @Description("The slowest of them, to within 0.8 % (the histogram's precision)")
    double slowestMs;

    @Label("Period (s)")
    @Description("The time these calls were counted over")
    double periodSeconds;
}
