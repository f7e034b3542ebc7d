package io.perfweave.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.HistogramBounds;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Totals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The operations' figures as OTLP metrics, read from the same totals as the Prometheus families
 * and with the same meaning, so that a Collector's Prometheus exporter yields the same series:
 *
 * <ul>
 *   <li>{@code perfweave.operation.duration} (unit {@code s}): a histogram of the successful
 *       calls with the bounds of {@code histogram_buckets_seconds}, and their min and max;</li>
 *   <li>{@code perfweave.operation.calls}: a monotonic counter of every call, attribute
 *       {@code outcome} = {@code success} or {@code failure}.</li>
 * </ul>
 *
 * <p>Both are cumulative since the agent started or the last {@code POST /reset}: a reset moves
 * the points' start time, which receivers read as a counter reset.
 */
final class OperationMetrics implements MetricProducer {
    static final String DURATION = "perfweave.operation.duration";
    static final String CALLS = "perfweave.operation.calls";
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("operation");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    private final Statistics statistics;
    private final HistogramBounds bounds;
    private final InstrumentationScopeInfo scope;

    OperationMetrics(Statistics statistics, HistogramBounds bounds) {
        this.statistics = statistics;
        this.bounds = bounds;
        this.scope = InstrumentationScopeInfo.create("io.perfweave.agent");
    }

    @Override
    public Collection<MetricData> produce(Resource resource) {
        List<OperationCatalog.Operation> operations = statistics.catalog().all();
        long start = statistics.startedMillis() * 1_000_000L;
        long now = System.currentTimeMillis() * 1_000_000L;
        List<HistogramPointData> durations = new ArrayList<>(operations.size());
        List<LongPointData> calls = new ArrayList<>(operations.size() * 2);
        for (OperationCatalog.Operation operation : operations) {
            Totals totals = statistics.totals(operation.recorder());
            Attributes attributes = Attributes.of(OPERATION, operation.name());
            durations.add(histogramPoint(start, now, attributes, totals));
            calls.add(LongPointData.create(start, now, attributes.toBuilder().put(OUTCOME, "success").build(), totals.count));
            calls.add(LongPointData.create(start, now, attributes.toBuilder().put(OUTCOME, "failure").build(), totals.failures));
        }
        if (durations.isEmpty()) {
            return List.of();
        }
        return List.of(
                new OtlpMetric(resource, scope, DURATION, "Duration of the successful calls of each operation.", "s",
                        MetricDataType.HISTOGRAM, HistogramData.create(AggregationTemporality.CUMULATIVE, durations)),
                new OtlpMetric(resource, scope, CALLS,
                        "Calls of each operation by outcome: success, or failure (ended by an exception).", "{call}",
                        MetricDataType.LONG_SUM,
                        SumData.createLongSumData(true, AggregationTemporality.CUMULATIVE, calls)));
    }

    private HistogramPointData histogramPoint(long start, long now, Attributes attributes, Totals totals) {
        long[] perBound = bounds.countsPerBound(totals.buckets);
        List<Long> counts = new ArrayList<>(perBound.length);
        long count = 0;
        for (long n : perBound) {
            counts.add(n);
            count += n;
        }
        // OTLP requires the count to equal the buckets' sum; while calls are running a snapshot may
        // hold one more in the count than in the buckets, or the reverse, so the buckets decide.
        boolean any = count > 0;
        return HistogramPointData.create(start, now, attributes, totals.sumNanos / 1e9,
                any, any ? totals.minNanos / 1e9 : 0, any, any ? totals.maxNanos / 1e9 : 0, bounds.seconds(), counts);
    }
}
