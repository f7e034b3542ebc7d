package io.perfweave.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageReportingExporterTest {
    /** Answers each push with the next outcome of a script: true succeeds, false fails. */
    private static class ScriptedExporter implements MetricExporter {
        private final List<Boolean> outcomes;
        private int next;

        ScriptedExporter(Boolean... outcomes) {
            this.outcomes = List.of(outcomes);
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return outcomes.get(next++) ? CompletableResultCode.ofSuccess()
                    : CompletableResultCode.ofExceptionalFailure(new IOException("connection refused"));
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }
    }

    @Test
    void eachOutageIsOneLineWhenItStartsAndOneWhenItEnds() {
        List<String> warnings = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        OutageReportingExporter exporter = new OutageReportingExporter(
                new ScriptedExporter(true, false, false, false, true, true, false, true),
                "http://c:4318/v1/metrics", 10, warnings::add, infos::add);
        for (int i = 0; i < 8; i++) {
            exporter.export(List.of());
        }
        assertEquals(8, exporter.pushes());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("OTLP export to http://c:4318/v1/metrics fails (connection refused)"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("pushes again every 10 s"), warnings.get(0));
        assertEquals(2, infos.size(), infos.toString());
        assertTrue(infos.get(0).contains("works again, after 3 failed push(es)"), infos.get(0));
        assertTrue(infos.get(1).contains("works again, after 1 failed push(es)"), infos.get(1));
    }

    @Test
    void anExporterThatThrowsCountsAsAFailedPush() {
        List<String> warnings = new ArrayList<>();
        MetricExporter throwing = new ScriptedExporter() {
            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                throw new IllegalStateException("exporter is shut down");
            }
        };
        OutageReportingExporter exporter = new OutageReportingExporter(throwing, "http://c", 1, warnings::add, s -> { });
        CompletableResultCode result = exporter.export(List.of());
        assertTrue(result.isDone() && !result.isSuccess());
        assertTrue(exporter.failing());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("exporter is shut down"), warnings.get(0));
    }
}
