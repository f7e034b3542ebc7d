package io.perfweave.agent.judge;

import java.util.function.Consumer;

/**
 * Emits perfweave's JFR events. Created only when the config sets {@code jfr: true}, so that an
 * agent without it never loads {@code jdk.jfr}. The events are registered at once, so that a
 * recording lists them even before the first one happens; JFR records them only while a
 * recording has them enabled (they are by default).
 */
final class FlightRecorderEvents implements Consumer<LevelChange>, SlowCallWatch.Sink {
    private FlightRecorderEvents() {
    }

    /** The emitter, or null when this JVM has no usable Flight Recorder. */
    static FlightRecorderEvents create() {
        try {
            if (!jdk.jfr.FlightRecorder.isAvailable()) {
                return null;
            }
            jdk.jfr.FlightRecorder.register(ThresholdLevelEvent.class);
            jdk.jfr.FlightRecorder.register(SlowCallsEvent.class);
            return new FlightRecorderEvents();
        } catch (LinkageError | RuntimeException unavailable) {
            return null;
        }
    }

    @Override
    public void accept(LevelChange change) {
        ThresholdLevelEvent event = new ThresholdLevelEvent();
        if (!event.isEnabled()) {
            return;
        }
        ThresholdCheck check = change.check();
        event.operation = check.operation() == null ? "" : check.operation();
        event.threshold = check.threshold();
        event.from = change.from().word();
        event.to = change.to().word();
        event.actual = check.actual() == null ? Double.NaN : check.actual();
        event.limit = check.limit();
        event.unit = check.unit();
        event.met = check.met();
        event.commit();
    }

    @Override
    public void slowCalls(String operation, double limitMs, long calls, double slowestMs, double periodSeconds) {
        SlowCallsEvent event = new SlowCallsEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.operation = operation;
        event.limitMs = limitMs;
        event.calls = calls;
        event.slowestMs = slowestMs;
        event.periodSeconds = periodSeconds;
        event.commit();
    }
}
