package io.perfweave.agent.http;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.HistogramBounds;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.stats.SummaryMath;
import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationFamiliesTest {
    @Test
    void cumulativeCountsAgreeWithCountAtOrBelowForEveryBound() {
        Random random = new Random(42);
        long[] cells = new long[DurationBuckets.BUCKETS];
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            // durations from 100 ns to about 20 s, spread over many powers of two
            long nanos = (long) Math.pow(10, 2 + random.nextDouble() * 8.3);
            cells[DurationBuckets.index(nanos)]++;
            total++;
        }
        double[] boundsNanos = {5e5, 1e6, 2.5e6, 5e6, 1e7, 2.5e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 2.5e9, 5e9, 1e10};
        long[] cumulative = new HistogramBounds(java.util.Arrays.stream(boundsNanos).mapToObj(n -> n / 1e9).toList())
                .cumulativeCounts(BucketCounts.ofDense(cells));
        long[] expected = new long[boundsNanos.length + 1];
        for (int b = 0; b < boundsNanos.length; b++) {
            expected[b] = SummaryMath.countAtOrBelow(BucketCounts.ofDense(cells), boundsNanos[b]);
        }
        expected[boundsNanos.length] = total;
        assertArrayEquals(expected, cumulative);
        for (int b = 1; b < cumulative.length; b++) {
            assertTrue(cumulative[b] >= cumulative[b - 1], "cumulative");
        }
    }

    @Test
    void oneOperationIsAHistogramACallsCounterAndAMatchedGauge() throws Exception {
        String name = "families \"quoted\" \\ name";
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "histogram_buckets_seconds: [0.001, 0.005, 0.01]",
                "operations:",
                "  - name: 'families \"quoted\" \\ name'",
                "    class: x.Y",
                "    method: m",
                ""), "families.yaml")));
        OperationCatalog.Operation operation = statistics.catalog().get(name);
        int id = operation.recorder().id;
        // three successful calls of about 3 ms and one of about 20 ms; two failures
        for (int i = 0; i < 3; i++) {
            Timing.exit(id, System.nanoTime() - 3_000_000L, null);
        }
        Timing.exit(id, System.nanoTime() - 20_000_000L, null);
        Timing.exit(id, System.nanoTime() - 1_000L, new IllegalStateException());
        Timing.exit(id, System.nanoTime() - 1_000L, new IllegalStateException());

        ExpositionWriter writer = new ExpositionWriter(ExpositionFormat.PROMETHEUS_TEXT);
        new OperationFamilies(statistics, statistics.catalog().config().histogramBucketsSeconds()).writeTo(writer);
        String text = writer.finish();

        String label = "operation=\"families \\\"quoted\\\" \\\\ name\"";
        Matcher sum = Pattern.compile("perfweave_operation_duration_seconds_sum\\{" + Pattern.quote(label) + "} (\\S+)\n").matcher(text);
        assertTrue(sum.find(), text);
        double seconds = Double.parseDouble(sum.group(1));
        // 29 ms of made-up durations, plus however long the machine took between the reads
        assertTrue(seconds >= 0.029 && seconds < 0.5, "sum of about 29 ms: " + seconds);
        String expected = "# HELP perfweave_operation_duration_seconds Duration of the successful calls of each operation, in seconds.\n"
                + "# TYPE perfweave_operation_duration_seconds histogram\n"
                + "perfweave_operation_duration_seconds_bucket{" + label + ",le=\"0.001\"} 0\n"
                + "perfweave_operation_duration_seconds_bucket{" + label + ",le=\"0.005\"} 3\n"
                + "perfweave_operation_duration_seconds_bucket{" + label + ",le=\"0.01\"} 3\n"
                + "perfweave_operation_duration_seconds_bucket{" + label + ",le=\"+Inf\"} 4\n"
                + "perfweave_operation_duration_seconds_sum{" + label + "} " + sum.group(1) + "\n"
                + "perfweave_operation_duration_seconds_count{" + label + "} 4\n"
                + "# HELP perfweave_operation_calls_total Calls of each operation by outcome: success, or failure (ended by an exception).\n"
                + "# TYPE perfweave_operation_calls_total counter\n"
                + "perfweave_operation_calls_total{" + label + ",outcome=\"success\"} 4\n"
                + "perfweave_operation_calls_total{" + label + ",outcome=\"failure\"} 2\n"
                + "# HELP perfweave_operation_matched_methods Methods woven for each operation; 0 means its selector has matched nothing yet.\n"
                + "# TYPE perfweave_operation_matched_methods gauge\n"
                + "perfweave_operation_matched_methods{" + label + "} 0\n"
                + "# HELP perfweave_advice_failures_total Errors raised inside perfweave's timing code (not by the application); should stay 0.\n"
                + "# TYPE perfweave_advice_failures_total counter\n"
                + "perfweave_advice_failures_total " + Timing.adviceFailures() + "\n";
        assertEquals(expected, text);
    }

    @Test
    void anOperationWithoutCallsHasAnEmptyHistogramNotAMissingOne() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "histogram_buckets_seconds: [0.5]",
                "operations:",
                "  - name: families_idle",
                "    class: x.Y",
                "    method: m",
                ""), "families.yaml")));
        ExpositionWriter writer = new ExpositionWriter(ExpositionFormat.OPENMETRICS);
        new OperationFamilies(statistics, List.of(0.5)).writeTo(writer);
        String text = writer.finish();
        assertTrue(text.contains("perfweave_operation_duration_seconds_bucket{operation=\"families_idle\",le=\"0.5\"} 0\n"), text);
        assertTrue(text.contains("perfweave_operation_duration_seconds_bucket{operation=\"families_idle\",le=\"+Inf\"} 0\n"), text);
        assertTrue(text.contains("perfweave_operation_duration_seconds_sum{operation=\"families_idle\"} 0.0\n"), text);
        assertTrue(text.contains("# TYPE perfweave_operation_calls counter\n"), text);
        assertTrue(text.contains("perfweave_operation_calls_total{operation=\"families_idle\",outcome=\"failure\"} 0\n"), text);
        assertTrue(text.endsWith("# EOF\n"), text);
    }

    @Test
    void anOperationWithAMaxThresholdHasItsLongestCallSinceStartAndOverTheWindow() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "histogram_buckets_seconds: [0.5]",
                "operations:",
                "  - name: families_max",
                "    class: x.Y",
                "    method: m",
                "    thresholds: {max_ms: {target: 100}}",
                "  - name: families_max_idle",
                "    class: x.Y",
                "    method: n",
                "    thresholds: {max_ms: {target: 100}}",
                "  - name: families_no_max",
                "    class: x.Y",
                "    method: o",
                ""), "families.yaml")));
        int id = statistics.catalog().get("families_max").recorder().id;
        Timing.exit(id, System.nanoTime() - 3_000_000L, null);
        Timing.exit(id, System.nanoTime() - 20_000_000L, null);
        Timing.exit(id, System.nanoTime() - 1_000L, new IllegalStateException()); // failures have no duration here
        ExpositionWriter writer = new ExpositionWriter(ExpositionFormat.PROMETHEUS_TEXT);
        new OperationFamilies(statistics, List.of(0.5)).writeTo(writer);
        String text = writer.finish();

        assertTrue(text.contains("# TYPE perfweave_operation_duration_max_seconds gauge\n"), text);
        // the longest call, about 20 ms, is the maximum since start and over the window alike
        for (String over : new String[] {"since_start", "window"}) {
            Matcher max = Pattern.compile("perfweave_operation_duration_max_seconds\\{operation=\"families_max\",over=\""
                    + over + "\"} (\\S+)\n").matcher(text);
            assertTrue(max.find(), over + ": " + text);
            double seconds = Double.parseDouble(max.group(1));
            assertTrue(seconds >= 0.020 && seconds < 0.5, over + ": about 20 ms, was " + seconds);
            assertTrue(text.contains("perfweave_operation_duration_max_seconds{operation=\"families_max_idle\",over=\""
                    + over + "\"} 0.0\n"), "no calls: " + text);
        }
        assertTrue(!text.contains("families_no_max\",over="), "only operations with a max_ms threshold: " + text);
    }

    @Test
    void anOperationThatExportsItsTagsHasOneTaggedSeriesPerValueInFamiliesOfTheirOwn() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "histogram_buckets_seconds: [0.01]",
                "operations:",
                "  - name: families_tagged",
                "    class: x.Y",
                "    method: m",
                "    tags: {project_id: arg0}",
                "    tag_value_limit: 2",
                "    prometheus_tags: true",
                ""), "families.yaml")));
        int id = statistics.catalog().get("families_tagged").recorder().id;
        for (String project : new String[] {"P1", "P1", "P2", "P3", "P4"}) {
            Timing.exitTagged(id, System.nanoTime() - 1_000_000L, null, project);
        }
        Timing.exitTagged(id, System.nanoTime() - 1_000_000L, new IllegalStateException(), "P1");
        ExpositionWriter writer = new ExpositionWriter(ExpositionFormat.PROMETHEUS_TEXT);
        new OperationFamilies(statistics, List.of(0.01)).writeTo(writer);
        String text = writer.finish();
        assertTrue(text.contains("# TYPE perfweave_operation_tagged_duration_seconds histogram\n"), text);
        assertTrue(text.contains("perfweave_operation_tagged_duration_seconds_bucket{operation=\"families_tagged\",project_id=\"P1\",le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("perfweave_operation_tagged_duration_seconds_count{operation=\"families_tagged\",project_id=\"other\"} 2\n"),
                "P3 and P4 are past the cap of 2: " + text);
        assertTrue(text.contains("perfweave_operation_tagged_calls_total{operation=\"families_tagged\",project_id=\"P1\",outcome=\"failure\"} 1\n"), text);
        assertTrue(text.contains("perfweave_operation_calls_total{operation=\"families_tagged\",outcome=\"success\"} 5\n"),
                "the untagged totals are as before: " + text);
    }
}
