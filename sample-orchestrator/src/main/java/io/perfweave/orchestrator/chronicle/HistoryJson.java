package io.perfweave.orchestrator.chronicle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.perfweave.orchestrator.OrchestratorJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes a chronicle as JSON: {@code {"projects": [{"project_id": ..., "sprints": [...]}]}}.
 *
 * <p>Reading is strict (unknown or missing fields are errors) because a silently defaulted field
 * would turn a typo in a data file into wrong analyses rather than a clear message.
 */
public final class HistoryJson {

    private final ObjectMapper mapper = OrchestratorJson.newMapper();
    private final ObjectReader strictReader = mapper.readerFor(HistoryDocument.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public ChronicleHistory load(Path file) throws IOException {
        HistoryDocument document = strictReader.readValue(file.toFile());
        if (document.projects() == null) {
            throw new IOException(file + ": no \"projects\" array");
        }
        return new ChronicleHistory(document.projects());
    }

    public void save(ChronicleHistory history, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), new HistoryDocument(history.projects()));
    }

    /** The file's top level; an object rather than a bare array so the format can grow. */
    record HistoryDocument(List<Project> projects) {
    }
}
