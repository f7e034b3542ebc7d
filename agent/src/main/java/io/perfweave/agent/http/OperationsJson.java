package io.perfweave.agent.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.OperationSnapshot;
import io.perfweave.agent.stats.Statistics;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Every operation's view as one JSON object keyed by operation name: the body of
 * {@code GET /metrics} and of the {@code report_on_exit} file. Each operation is read and written
 * in turn, so the whole is never held in memory.
 */
public final class OperationsJson {
    private OperationsJson() {
    }

    public static void write(Statistics statistics, OutputStream out) throws IOException {
        try (JsonGenerator json = HttpReply.MAPPER.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            OperationJsonWriter writer = new OperationJsonWriter(json);
            json.writeStartObject();
            for (OperationCatalog.Operation operation : statistics.catalog().all()) {
                json.writeFieldName(operation.name());
                writer.write(view(statistics, operation));
            }
            json.writeEndObject();
        }
    }

    /** An operation's summary since start, plus how many methods it matched and its window summary. */
    static OperationView view(Statistics statistics, OperationCatalog.Operation operation) {
        OperationSnapshot snapshot = statistics.snapshot(operation.recorder(), operation.name());
        return OperationView.of(snapshot, operation.matched(), statistics.windowSeconds());
    }
}
