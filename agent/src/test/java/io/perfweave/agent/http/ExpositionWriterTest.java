package io.perfweave.agent.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpositionWriterTest {
    private static String write(ExpositionFormat format) {
        ExpositionWriter writer = new ExpositionWriter(format);
        writer.family("demo_duration_seconds", ExpositionWriter.Type.HISTOGRAM, "seconds", "Time with a \\ and a\nline feed.");
        writer.sample("demo_duration_seconds_bucket", List.of("operation", "a\"b\\c\nd", "le", "0.001"), 2);
        writer.sample("demo_duration_seconds_bucket", List.of("operation", "a\"b\\c\nd", "le", "+Inf"), 3);
        writer.sample("demo_duration_seconds_sum", List.of("operation", "a\"b\\c\nd"), 0.0125);
        writer.sample("demo_duration_seconds_count", List.of("operation", "a\"b\\c\nd"), 3);
        writer.family("demo_calls", ExpositionWriter.Type.COUNTER, null, "Calls, \"quoted\".");
        writer.sample("demo_calls_total", List.of("operation", "é ünïcode"), 7);
        writer.family("demo_up", ExpositionWriter.Type.GAUGE, null, "Up.");
        writer.sample("demo_up", List.of(), 1);
        return writer.finish();
    }

    @Test
    void textFormatIsExactWithEscapedLabelsAndHelp() {
        assertEquals("""
                # HELP demo_duration_seconds Time with a \\\\ and a\\nline feed.
                # TYPE demo_duration_seconds histogram
                demo_duration_seconds_bucket{operation="a\\"b\\\\c\\nd",le="0.001"} 2
                demo_duration_seconds_bucket{operation="a\\"b\\\\c\\nd",le="+Inf"} 3
                demo_duration_seconds_sum{operation="a\\"b\\\\c\\nd"} 0.0125
                demo_duration_seconds_count{operation="a\\"b\\\\c\\nd"} 3
                # HELP demo_calls_total Calls, "quoted".
                # TYPE demo_calls_total counter
                demo_calls_total{operation="é ünïcode"} 7
                # HELP demo_up Up.
                # TYPE demo_up gauge
                demo_up 1
                """, write(ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void openMetricsNamesCounterFamiliesWithoutTotalAddsUnitsAndEndsWithEof() {
        assertEquals("""
                # TYPE demo_duration_seconds histogram
                # UNIT demo_duration_seconds seconds
                # HELP demo_duration_seconds Time with a \\\\ and a\\nline feed.
                demo_duration_seconds_bucket{operation="a\\"b\\\\c\\nd",le="0.001"} 2
                demo_duration_seconds_bucket{operation="a\\"b\\\\c\\nd",le="+Inf"} 3
                demo_duration_seconds_sum{operation="a\\"b\\\\c\\nd"} 0.0125
                demo_duration_seconds_count{operation="a\\"b\\\\c\\nd"} 3
                # TYPE demo_calls counter
                # HELP demo_calls Calls, \\"quoted\\".
                demo_calls_total{operation="é ünïcode"} 7
                # TYPE demo_up gauge
                # HELP demo_up Up.
                demo_up 1
                # EOF
                """, write(ExpositionFormat.OPENMETRICS));
    }

    @Test
    void numbersReadAsOpenMetricsCanonicalNumbers() {
        // the examples the OpenMetrics specification gives for le and quantile values
        assertEquals("0.0", ExpositionWriter.number(0.0));
        assertEquals("0.001", ExpositionWriter.number(0.001));
        assertEquals("0.002", ExpositionWriter.number(0.002));
        assertEquals("0.01", ExpositionWriter.number(0.01));
        assertEquals("0.1", ExpositionWriter.number(0.1));
        assertEquals("0.9", ExpositionWriter.number(0.9));
        assertEquals("0.95", ExpositionWriter.number(0.95));
        assertEquals("0.99", ExpositionWriter.number(0.99));
        assertEquals("0.999", ExpositionWriter.number(0.999));
        assertEquals("1.0", ExpositionWriter.number(1.0));
        assertEquals("1.7", ExpositionWriter.number(1.7));
        assertEquals("10.0", ExpositionWriter.number(10.0));
        assertEquals("1e-10", ExpositionWriter.number(1e-10));
        assertEquals("1e-09", ExpositionWriter.number(1e-9));
        assertEquals("1e-05", ExpositionWriter.number(1e-5));
        assertEquals("0.0001", ExpositionWriter.number(1e-4));
        assertEquals("100000.0", ExpositionWriter.number(1e5));
        assertEquals("1e+06", ExpositionWriter.number(1e6));
        assertEquals("1e+10", ExpositionWriter.number(1e10));
        // and the default buckets, plus a few that are not round
        assertEquals("0.0005", ExpositionWriter.number(0.0005));
        assertEquals("0.0025", ExpositionWriter.number(0.0025));
        assertEquals("2.5", ExpositionWriter.number(2.5));
        assertEquals("1.5e-05", ExpositionWriter.number(0.000015));
        assertEquals("1.234567e+06", ExpositionWriter.number(1234567.0));
        assertEquals("-0.25", ExpositionWriter.number(-0.25));
        assertEquals("+Inf", ExpositionWriter.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", ExpositionWriter.number(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", ExpositionWriter.number(Double.NaN));
    }
}
