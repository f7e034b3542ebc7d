package io.perfweave.agent.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.perfweave.agent.stats.Breakdown;
import io.perfweave.agent.stats.OperationSnapshot;
import io.perfweave.agent.stats.Summary;

/**
 * One operation as {@code GET /metrics} and {@code GET /metrics/{operation}} answer it: the
 * summary since start, how many methods the operation matched, where its time went (when timed
 * calls ran inside it), and the window's summary. Written
 * by Jackson straight from the snapshot, without an intermediate tree.
 */
@JsonPropertyOrder({"summary", "matched", "breakdown", "window"})
record OperationView(@JsonUnwrapped Summary summary, @JsonProperty("matched") int matched,
                     @JsonProperty("breakdown") @JsonInclude(JsonInclude.Include.NON_NULL) Breakdown breakdown,
                     @JsonProperty("window") Window window) {

    static OperationView of(OperationSnapshot snapshot, int matched, int windowSeconds) {
        return new OperationView(snapshot.summary(), matched, snapshot.breakdown(),
                new Window(snapshot.windowSummary(), windowSeconds));
    }

    /** The window's summary, without the operation's name, and the window's configured length. */
    record Window(@JsonUnwrapped @JsonIgnoreProperties("operation") Summary summary,
                  @JsonProperty("window_seconds") int windowSeconds) {
    }
}
