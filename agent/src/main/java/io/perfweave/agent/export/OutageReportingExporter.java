package io.perfweave.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.perfweave.agent.log.AgentLog;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Passes pushes on to the SDK's exporter and tells the user about outages, once each: one line
 * when pushes start failing, one when they work again. (The SDK's own log lines, one per failed
 * push, are silenced: a collector down for a night would otherwise fill the host's log.)
 */
final class OutageReportingExporter implements MetricExporter {
    private final MetricExporter delegate;
    private final String url;
    private final double intervalSeconds;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private int failedInARow;
    private long pushes;

    OutageReportingExporter(MetricExporter delegate, String url, double intervalSeconds,
                            Consumer<String> warn, Consumer<String> info) {
        this.delegate = delegate;
        this.url = url;
        this.intervalSeconds = intervalSeconds;
        this.warn = warn;
        this.info = info;
    }

    OutageReportingExporter(MetricExporter delegate, String url, double intervalSeconds) {
        this(delegate, url, intervalSeconds, AgentLog::warn, AgentLog::info);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        CompletableResultCode result;
        try {
            result = delegate.export(metrics);
        } catch (RuntimeException e) {
            result = CompletableResultCode.ofExceptionalFailure(e);
        }
        CompletableResultCode outcome = result;
        outcome.whenComplete(() -> completed(outcome));
        return outcome;
    }

    private synchronized void completed(CompletableResultCode outcome) {
        pushes++;
        if (outcome.isSuccess()) {
            if (failedInARow > 0) {
                info.accept("OTLP export to " + url + " works again, after " + failedInARow + " failed push(es); "
                        + "the counters are cumulative, so nothing recorded was lost");
            }
            failedInARow = 0;
            return;
        }
        if (failedInARow++ == 0) {
            Throwable cause = outcome.getFailureThrowable();
            warn.accept("OTLP export to " + url + " fails" + (cause == null ? "" : " (" + describe(cause) + ")")
                    + "; the application runs on, perfweave keeps measuring and pushes again every "
                    + (intervalSeconds == Math.rint(intervalSeconds) ? String.valueOf((long) intervalSeconds) : String.valueOf(intervalSeconds)) + " s; the next line says when it works again");
        }
    }

    /** Pushes that completed, failed or not. */
    synchronized long pushes() {
        return pushes;
    }

    synchronized boolean failing() {
        return failedInARow > 0;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root == cause ? "" : "; " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return (message == null ? cause.getClass().getSimpleName() : message) + rootText;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return delegate.getDefaultAggregation(instrumentType);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
