package io.perfweave.agent.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.stats.Breakdown;
import io.perfweave.agent.stats.Summary;

import java.io.IOException;

/**
 * Writes {@link OperationView}s for {@code GET /metrics} field by field, with the very names, order
 * and number text that Jackson gives the records, but without reflection, boxing or a string per
 * number: a scrape of thousands of operations then allocates little beyond what it reads.
 * (A test holds its output equal to Jackson's.)
 *
 * <p>One writer serves one response on one thread.
 */
final class OperationJsonWriter {
    private final JsonGenerator json;
    /** Numbers are formatted here: {@code StringBuilder.append(double)} writes the same digits as {@code Double.toString}, into a buffer it keeps. */
    private final StringBuilder number = new StringBuilder(32);
    private char[] digits = new char[32];

    OperationJsonWriter(JsonGenerator json) {
        this.json = json;
    }

    void write(OperationView view) throws IOException {
        json.writeStartObject();
        fields(view.summary(), true);
        json.writeNumberField("matched", view.matched());
        if (view.breakdown() != null) {
            breakdown(view.breakdown());
        }
        json.writeFieldName("window");
        json.writeStartObject();
        fields(view.window().summary(), false);
        json.writeNumberField("window_seconds", view.window().windowSeconds());
        json.writeEndObject();
        json.writeEndObject();
    }

    private void breakdown(Breakdown breakdown) throws IOException {
        json.writeFieldName("breakdown");
        json.writeStartObject();
        number("self_percent", breakdown.selfPercent());
        json.writeFieldName("children");
        json.writeStartArray();
        for (Breakdown.Child child : breakdown.children()) {
            json.writeStartObject();
            json.writeStringField("operation", child.operation());
            number("calls_per_call", child.callsPerCall());
            number("avg_ms", child.avgMs());
            number("share_percent", child.sharePercent());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void fields(Summary s, boolean withOperation) throws IOException {
        if (withOperation) {
            json.writeStringField("operation", s.operation());
        }
        json.writeNumberField("total_calls", s.totalCalls());
        json.writeNumberField("successful_calls", s.successfulCalls());
        json.writeNumberField("failed_calls", s.failedCalls());
        number("avg_duration_ms", s.avgDurationMs());
        number("max_duration_ms", s.maxDurationMs());
        number("min_duration_ms", s.minDurationMs());
        number("success_rate", s.successRate());
        number("p50_ms", s.p50Ms());
        number("p95_ms", s.p95Ms());
        number("p99_ms", s.p99Ms());
        number("stddev_ms", s.stddevMs());
        number("calls_per_second", s.callsPerSecond());
        number("period_seconds", s.periodSeconds());
        Summary.LastError error = s.lastError();
        if (error == null) {
            json.writeNullField("last_error");
        } else {
            json.writeFieldName("last_error");
            json.writeStartObject();
            json.writeStringField("type", error.type());
            json.writeStringField("message", error.message());
            json.writeStringField("at", error.at());
            json.writeEndObject();
        }
        if (s.avgAllocatedBytes() != null) {
            number("avg_allocated_bytes", s.avgAllocatedBytes());
        }
    }

    private void number(String name, double value) throws IOException {
        json.writeFieldName(name);
        if (!Double.isFinite(value)) {
            json.writeNumber(value);
            return;
        }
        number.setLength(0);
        number.append(value);
        int length = number.length();
        if (digits.length < length) {
            digits = new char[length];
        }
        number.getChars(0, length, digits, 0);
        json.writeNumber(digits, 0, length);
    }
}
