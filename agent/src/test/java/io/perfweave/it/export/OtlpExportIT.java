package io.perfweave.it.export;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.CountingApp;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export.otlp}: a forked JVM with the agent pushes OTLP/HTTP protobuf to a receiver that
 * decodes it with the {@code opentelemetry-proto} classes; counts are exact, the histogram has
 * the Prometheus bounds and buckets, and a collector in trouble costs the host nothing but one
 * log line per outage.
 */
class OtlpExportIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    // CountingApp 2 threads x 500 calls, every 10th fails: 900 successful, 100 failed
    private static final String[] APP = {CountingApp.class.getName(), "2", "500", "10"};

    private static String config(String endpoint, String more) {
        return String.join("\n",
                "export:",
                "  otlp:",
                "    endpoint: " + endpoint,
                "    interval_seconds: 1",
                "    timeout_seconds: 2",
                more,
                "operations:",
                "  - name: work",
                "    class: " + CountingApp.class.getName(),
                "    method: work",
                "");
    }

    @Test
    void pushesExactCountsAndTheHistogramThatPrometheusServes() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             ForkedJvm jvm = ForkedJvm.start(config(receiver.endpoint(),
                     "    headers: {Authorization: Bearer fleet-secret}\n    service_name: checkout"),
                     APP[0], APP[1], APP[2], APP[3])) {
            jvm.awaitStdout("done calls=1000 failures=100", WAIT);
            ExportMetricsServiceRequest request = receiver.await(r -> calls(r, "work", "success").orElse(-1L) == 900
                    && calls(r, "work", "failure").orElse(-1L) == 100
                    && duration(r, "work").map(HistogramDataPoint::getCount).orElse(-1L) == 900, WAIT);

            assertEquals(List.of("Bearer fleet-secret"), receiver.headersOf(request).get("Authorization"));
            assertEquals(List.of("application/x-protobuf"), receiver.headersOf(request).get("Content-type"));
            assertEquals(List.of("gzip"), receiver.headersOf(request).get("Content-encoding"), "compressed by default");
            ResourceMetrics resource = request.getResourceMetrics(0);
            assertEquals("checkout", attribute(resource.getResource().getAttributesList(), "service.name"));
            assertFalse(attribute(resource.getResource().getAttributesList(), "service.instance.id").isEmpty());
            assertEquals(String.valueOf(jvm.pid()), attribute(resource.getResource().getAttributesList(), "process.pid"));

            Metric calls = metric(request, "perfweave.operation.calls").orElseThrow();
            assertTrue(calls.getSum().getIsMonotonic());
            assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, calls.getSum().getAggregationTemporality());
            Metric duration = metric(request, "perfweave.operation.duration").orElseThrow();
            assertEquals("s", duration.getUnit());
            assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                    duration.getHistogram().getAggregationTemporality());

            HistogramDataPoint point = duration(request, "work").orElseThrow();
            assertEquals(900, point.getBucketCountsList().stream().mapToLong(Long::longValue).sum());
            assertTrue(point.getMin() > 0 && point.getMin() <= point.getMax(), point.toString());
            assertTrue(point.getSum() >= point.getMin() * 900 && point.getSum() <= point.getMax() * 900, point.toString());
            assertTrue(point.getStartTimeUnixNano() > 0 && point.getStartTimeUnixNano() < point.getTimeUnixNano());

            // the same bounds and, cumulated, the same buckets as the Prometheus histogram on the port
            String exposition = jvm.http("GET", "/metrics?format=prometheus").body();
            List<Double> bounds = new ArrayList<>();
            List<Long> buckets = new ArrayList<>();
            Matcher m = Pattern.compile("perfweave_operation_duration_seconds_bucket\\{operation=\"work\",le=\"([^\"]+)\"} (\\d+)")
                    .matcher(exposition);
            while (m.find()) {
                if (!m.group(1).equals("+Inf")) {
                    bounds.add(Double.parseDouble(m.group(1)));
                }
                buckets.add(Long.parseLong(m.group(2)));
            }
            assertEquals(bounds, point.getExplicitBoundsList(), exposition);
            List<Long> cumulative = new ArrayList<>();
            long running = 0;
            for (long count : point.getBucketCountsList()) {
                cumulative.add(running += count);
            }
            assertEquals(buckets, cumulative, exposition);

            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(WAIT), String.join("\n", jvm.stderr()));
            assertTrue(jvm.agentLog().stream().anyMatch(line -> line.contains("pushing OTLP metrics to "
                    + receiver.endpoint() + "/v1/metrics every 1.0 s")), String.join("\n", jvm.agentLog()));
            assertTrue(jvm.agentLog().stream().noneMatch(line -> line.contains("fails")), String.join("\n", jvm.agentLog()));
        }
    }

    @Test
    void aCollectorInTroubleIsOneLogLineAndTheFiguresArriveWhenItRecovers() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            receiver.failWith(503);
            try (ForkedJvm jvm = ForkedJvm.start(config(receiver.endpoint(), "    compression: none"),
                    APP[0], APP[1], APP[2], APP[3])) {
                jvm.awaitStdout("done calls=1000 failures=100", WAIT);
                jvm.awaitStderr("OTLP export to " + receiver.endpoint() + "/v1/metrics fails", WAIT);
                // the exporter tries a push at most 5 times: 12 attempts span at least three pushes
                receiver.awaitAttempts(12, WAIT);
                assertEquals(200, jvm.http("GET", "/metrics").statusCode(), "the port serves on during the outage");
                receiver.failWith(0);
                receiver.await(r -> calls(r, "work", "success").orElse(-1L) == 900
                        && calls(r, "work", "failure").orElse(-1L) == 100, WAIT);
                jvm.awaitStderr("works again", WAIT);
                assertEquals(1, jvm.agentLog().stream().filter(line -> line.contains(" fails")).count(),
                        String.join("\n", jvm.agentLog()));
                assertTrue(jvm.agentLog().stream().noneMatch(line -> line.contains("Exception") && !line.contains(" fails")),
                        "nothing but perfweave's own lines: " + String.join("\n", jvm.stderr()));
                assertTrue(jvm.stderr().stream().allMatch(line -> line.startsWith("[perfweave]")
                                || line.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported")),
                        "the SDK's own logging stays silent: " + String.join("\n", jvm.stderr()));
                jvm.send("exit");
                assertEquals(0, jvm.awaitExit(WAIT), String.join("\n", jvm.stderr()));
            }
        }
    }

    @Test
    void aDeadCollectorLeavesTheApplicationAsItWas() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        try (ForkedJvm jvm = ForkedJvm.start(config(endpoint, ""), APP[0], APP[1], APP[2], APP[3])) {
            String done = jvm.awaitStdout("done calls=", WAIT);
            assertTrue(done.startsWith("done calls=1000 failures=100 checksum="), done);
            jvm.awaitStderr("OTLP export to " + endpoint + "/v1/metrics fails", WAIT);
            assertEquals(1000, jvm.getJson("/metrics").get("work").get("total_calls").asLong());
            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(WAIT), String.join("\n", jvm.stderr()));
            assertEquals(1, jvm.agentLog().stream().filter(line -> line.contains(" fails")).count(),
                    String.join("\n", jvm.agentLog()));
        }
    }

    private static Optional<Metric> metric(ExportMetricsServiceRequest request, String name) {
        return request.getResourceMetricsList().stream()
                .flatMap(r -> r.getScopeMetricsList().stream())
                .flatMap(s -> s.getMetricsList().stream())
                .filter(m -> m.getName().equals(name))
                .findFirst();
    }

    private static Optional<Long> calls(ExportMetricsServiceRequest request, String operation, String outcome) {
        return metric(request, "perfweave.operation.calls").flatMap(m -> m.getSum().getDataPointsList().stream()
                .filter(p -> attribute(p.getAttributesList(), "operation").equals(operation)
                        && attribute(p.getAttributesList(), "outcome").equals(outcome))
                .map(NumberDataPoint::getAsInt)
                .findFirst());
    }

    private static Optional<HistogramDataPoint> duration(ExportMetricsServiceRequest request, String operation) {
        return metric(request, "perfweave.operation.duration").flatMap(m -> m.getHistogram().getDataPointsList().stream()
                .filter(p -> attribute(p.getAttributesList(), "operation").equals(operation))
                .findFirst());
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().hasIntValue() ? String.valueOf(a.getValue().getIntValue()) : a.getValue().getStringValue())
                .orElse("");
    }

}
