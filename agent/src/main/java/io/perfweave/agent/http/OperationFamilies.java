package io.perfweave.agent.http;

import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Breakdown;
import io.perfweave.agent.stats.HistogramBounds;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.Timing;
import io.perfweave.bootstrap.TagExtractor;
import io.perfweave.bootstrap.Totals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The operations as Prometheus metric families, since start or the last {@code POST /reset}
 * (which Prometheus reads as a counter reset):
 *
 * <ul>
 *   <li>{@code perfweave_operation_duration_seconds}: a histogram of successful calls, with the
 *       bucket bounds of {@code histogram_buckets_seconds}, so that quantiles can be aggregated
 *       across JVMs with {@code histogram_quantile};</li>
 *   <li>{@code perfweave_operation_calls_total{outcome="success"|"failure"}}: every call, by how
 *       it ended; failures are counted here and nowhere in the histogram;</li>
 *   <li>{@code perfweave_operation_duration_max_seconds{over="since_start"|"window"}}, for the
 *       operations with a {@code max_ms} threshold: the longest successful call since start, and
 *       over the recent window ({@code window_seconds}); 0 without calls. A histogram cannot give
 *       a maximum, and a rule generated from {@code max_ms} needs one; other operations go without,
 *       so that a scrape of a config without {@code max_ms} costs what it did;</li>
 *   <li>{@code perfweave_operation_matched_methods}: methods woven for the operation, 0 for a
 *       selector that matched nothing;</li>
 *   <li>{@code perfweave_advice_failures_total}: errors inside the timing advice, which should
 *       stay 0;</li>
 *   <li>for operations with {@code prometheus_tags: true}, {@code perfweave_operation_tagged_duration_seconds}
 *       and {@code perfweave_operation_tagged_calls_total}: the same per tag value, with the tag as
 *       a label ({@code project_id="TEST-001"}; values past the tag's cap as {@code other}). These
 *       are families of their own, so summing the untagged families never counts a call twice;
 *       an operation with two tags has each call once under each tag.</li>
 *   <li>with {@code breakdown} on, for the operations in whose calls timed calls ran:
 *       {@code perfweave_operation_child_seconds_total{operation, child}} and
 *       {@code perfweave_operation_child_calls_total{operation, child}}, the time and calls of each
 *       operation timed directly inside it, and {@code perfweave_operation_time_seconds_total}, the
 *       time of its own calls (failed ones included, a call directly inside a call of itself
 *       once), so that a child's share over any range is the ratio of two rates.</li>
 * </ul>
 *
 * <p>A bucket counts the recorded durations whose {@link DurationBuckets} cell has its midpoint at
 * or below the bound, so a bucket boundary is exact to within 0.8 %.
 */
public final class OperationFamilies implements MetricFamilySource {
    static final String DURATION = "perfweave_operation_duration_seconds";
    static final String CALLS = "perfweave_operation_calls";
    static final String DURATION_MAX = "perfweave_operation_duration_max_seconds";
    static final String MATCHED = "perfweave_operation_matched_methods";
    static final String ADVICE_FAILURES = "perfweave_advice_failures";
    static final String TAGGED_DURATION = "perfweave_operation_tagged_duration_seconds";
    static final String TAGGED_CALLS = "perfweave_operation_tagged_calls";
    static final String CHILD_SECONDS = "perfweave_operation_child_seconds";
    static final String CHILD_CALLS = "perfweave_operation_child_calls";
    static final String TIME_SECONDS = "perfweave_operation_time_seconds";
    private static final HistogramNames DURATION_NAMES = HistogramNames.of(DURATION);
    private static final HistogramNames TAGGED_DURATION_NAMES = HistogramNames.of(TAGGED_DURATION);

    private final Statistics statistics;
    private final double[] boundsSeconds;
    private final HistogramBounds bounds;
    private final String[] boundLabels;

    public OperationFamilies(Statistics statistics, List<Double> bucketBoundsSeconds) {
        this.statistics = statistics;
        this.boundsSeconds = bucketBoundsSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        this.bounds = new HistogramBounds(bucketBoundsSeconds);
        this.boundLabels = Arrays.stream(boundsSeconds).mapToObj(ExpositionWriter::number).toArray(String[]::new);
    }

    @Override
    public void writeTo(ExpositionWriter writer) {
        List<OperationCatalog.Operation> operations = statistics.catalog().all();
        List<Totals> totals = new ArrayList<>(operations.size());
        boolean anyMax = false;
        for (OperationCatalog.Operation operation : operations) {
            boolean max = reportsMax(operation);
            anyMax |= max;
            totals.add(max ? statistics.totalsWithWindowExtremes(operation.recorder()) : statistics.totals(operation.recorder()));
        }

        writer.family(DURATION, ExpositionWriter.Type.HISTOGRAM, "seconds",
                "Duration of the successful calls of each operation, in seconds.");
        for (int i = 0; i < operations.size(); i++) {
            writeHistogram(writer, DURATION_NAMES, List.of("operation", operations.get(i).name()), totals.get(i));
        }

        writer.family(CALLS, ExpositionWriter.Type.COUNTER, null,
                "Calls of each operation by outcome: success, or failure (ended by an exception).");
        for (int i = 0; i < operations.size(); i++) {
            String name = operations.get(i).name();
            Totals t = totals.get(i);
            writer.sample(CALLS + "_total", List.of("operation", name, "outcome", "success"), t.count);
            writer.sample(CALLS + "_total", List.of("operation", name, "outcome", "failure"), t.failures);
        }

        if (anyMax) {
            writer.family(DURATION_MAX, ExpositionWriter.Type.GAUGE, "seconds",
                    "Longest successful call of each operation with a max_ms threshold, in seconds, since start and over"
                            + " the recent window; 0 without calls.");
            for (int i = 0; i < operations.size(); i++) {
                if (reportsMax(operations.get(i))) {
                    String name = operations.get(i).name();
                    Totals t = totals.get(i);
                    writer.sample(DURATION_MAX, List.of("operation", name, "over", "since_start"),
                            t.count == 0 ? 0 : t.maxNanos / 1e9);
                    writer.sample(DURATION_MAX, List.of("operation", name, "over", "window"),
                            t.count == 0 ? 0 : t.windowMaxNanos / 1e9);
                }
            }
        }

        writer.family(MATCHED, ExpositionWriter.Type.GAUGE, null,
                "Methods woven for each operation; 0 means its selector has matched nothing yet.");
        for (OperationCatalog.Operation operation : operations) {
            writer.sample(MATCHED, List.of("operation", operation.name()), operation.matched());
        }

        writer.family(ADVICE_FAILURES, ExpositionWriter.Type.COUNTER, null,
                "Errors raised inside perfweave's timing code (not by the application); should stay 0.");
        writer.sample(ADVICE_FAILURES + "_total", List.of(), Timing.adviceFailures());

        writeTagged(writer, operations);
        writeChildren(writer, operations, totals);
    }

    private static void writeChildren(ExpositionWriter writer, List<OperationCatalog.Operation> operations,
                                      List<Totals> totals) {
        List<Map<String, long[]>> children = new ArrayList<>(operations.size());
        boolean any = false;
        for (Totals t : totals) {
            Map<String, long[]> byName = t.children.size() == 0 ? null : Breakdown.sumsByName(t.children);
            children.add(byName);
            any |= byName != null;
        }
        if (!any) {
            return; // an exposition without nested operations stays as it was
        }
        writer.family(TIME_SECONDS, ExpositionWriter.Type.COUNTER, "seconds",
                "Time of the calls of each operation in which timed calls ran, failed calls included: what child shares are of.");
        for (int i = 0; i < operations.size(); i++) {
            Totals t = totals.get(i);
            if (children.get(i) != null) {
                writer.sample(TIME_SECONDS + "_total", List.of("operation", operations.get(i).name()),
                        Math.max(0, t.sumNanos + t.failedSumNanos - t.children.nestedNanos) / 1e9);
            }
        }
        writer.family(CHILD_SECONDS, ExpositionWriter.Type.COUNTER, "seconds",
                "Time of the calls of each child operation made directly inside calls of the parent operation.");
        for (int i = 0; i < operations.size(); i++) {
            if (children.get(i) != null) {
                String parent = operations.get(i).name();
                children.get(i).forEach((child, sums) ->
                        writer.sample(CHILD_SECONDS + "_total", List.of("operation", parent, "child", child), sums[1] / 1e9));
            }
        }
        writer.family(CHILD_CALLS, ExpositionWriter.Type.COUNTER, null,
                "Calls of each child operation made directly inside calls of the parent operation.");
        for (int i = 0; i < operations.size(); i++) {
            if (children.get(i) != null) {
                String parent = operations.get(i).name();
                children.get(i).forEach((child, sums) ->
                        writer.sample(CHILD_CALLS + "_total", List.of("operation", parent, "child", child), sums[0]));
            }
        }
    }

    private static boolean reportsMax(OperationCatalog.Operation operation) {
        OperationConfig rule = operation.rule();
        return rule != null && rule.thresholds() != null && rule.thresholds().maxMs() != null;
    }

    /** One series per (operation, tag, value) for the operations that export their tags. */
    private record TaggedSeries(String operation, String tag, String value, Totals totals) {
        List<String> labels(String... more) {
            List<String> labels = new ArrayList<>(List.of("operation", operation, tag, value));
            labels.addAll(List.of(more));
            return labels;
        }
    }

    private void writeTagged(ExpositionWriter writer, List<OperationCatalog.Operation> operations) {
        List<TaggedSeries> series = new ArrayList<>();
        for (OperationCatalog.Operation operation : operations) {
            OperationConfig rule = operation.rule();
            TagExtractor tags = operation.recorder().tags;
            if (rule == null || !rule.prometheusTags() || tags == null) {
                continue;
            }
            for (String tag : tags.keys()) {
                tags.valuesOf(tag).forEach((value, recorder) ->
                        series.add(new TaggedSeries(operation.name(), tag, value, statistics.totals(recorder))));
            }
        }
        if (series.isEmpty()) {
            return; // an exposition without tagged operations stays as it was
        }
        writer.family(TAGGED_DURATION, ExpositionWriter.Type.HISTOGRAM, "seconds",
                "Duration of the successful calls of each operation, per value of each of its tags, in seconds.");
        for (TaggedSeries one : series) {
            writeHistogram(writer, TAGGED_DURATION_NAMES, one.labels(), one.totals());
        }
        writer.family(TAGGED_CALLS, ExpositionWriter.Type.COUNTER, null,
                "Calls of each operation per value of each of its tags, by outcome.");
        for (TaggedSeries one : series) {
            writer.sample(TAGGED_CALLS + "_total", one.labels("outcome", "success"), one.totals().count);
            writer.sample(TAGGED_CALLS + "_total", one.labels("outcome", "failure"), one.totals().failures);
        }
    }

    /** The sample names of a histogram family, built once rather than per sample. */
    private record HistogramNames(String bucket, String sum, String count) {
        static HistogramNames of(String family) {
            return new HistogramNames(family + "_bucket", family + "_sum", family + "_count");
        }
    }

    /** One histogram: its buckets, sum and count, each sample with {@code labels} (and {@code le} for buckets). */
    private void writeHistogram(ExpositionWriter writer, HistogramNames names, List<String> labels, Totals totals) {
        long[] cumulative = bounds.cumulativeCounts(totals.buckets);
        // Writers update the count and the buckets one after the other; while calls are running a
        // snapshot may hold one more in either. The largest of the two keeps the histogram
        // monotonic, and equals both once the calls in flight have finished.
        long count = Math.max(totals.count, cumulative[cumulative.length - 1]);
        for (int b = 0; b < boundLabels.length; b++) {
            writer.sample(names.bucket(), labels, "le", boundLabels[b], cumulative[b]);
        }
        writer.sample(names.bucket(), labels, "le", "+Inf", count);
        writer.sample(names.sum(), labels, totals.sumNanos / 1e9);
        writer.sample(names.count(), labels, count);
    }
}
