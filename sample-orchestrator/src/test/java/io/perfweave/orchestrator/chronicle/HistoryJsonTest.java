package io.perfweave.orchestrator.chronicle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryJsonTest {

    private final HistoryJson json = new HistoryJson();

    @Test
    void savedHistoryLoadsBackEqual(@TempDir Path dir) throws IOException {
        ChronicleHistory history = new HistoryGenerator().generate(60, 4);
        Path file = dir.resolve("nested/history.json");
        json.save(history, file);
        assertEquals(history, json.load(file));
    }

    @Test
    void usesTheServicesSnakeCaseFieldNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("history.json");
        json.save(new HistoryGenerator().generate(1, 4), file);
        String text = Files.readString(file);
        for (String field : new String[] {"\"projects\"", "\"project_id\":\"TEST-001\"", "\"planned_points\"",
                "\"completed_points\"", "\"duration_days\"", "\"team_size\"", "\"defects\"", "\"outcome\":\""}) {
            assertTrue(text.contains(field), field);
        }
    }

    @Test
    void loadsAHandWrittenFileIncludingCorruptValues(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("history.json");
        Files.writeString(file, """
                {"projects": [{"project_id": "X-1", "name": "X", "domain": "retail", "outcome": "failed",
                  "sprints": [{"number": 1, "planned_points": 10, "completed_points": 8, "duration_days": -3,
                               "team_size": 4, "defects": 1}]}]}
                """);
        Project project = json.load(file).require("X-1");
        assertEquals(ProjectOutcome.FAILED, project.outcome());
        assertEquals(new Sprint(1, 10, 8, -3, 4, 1), project.sprints().get(0));
    }

    @Test
    void rejectsUnknownFieldsMissingFieldsAndDuplicates(@TempDir Path dir) throws IOException {
        String sprint = "{\"number\": 1, \"planned_points\": 10, \"completed_points\": 8, "
                + "\"duration_days\": 10, \"team_size\": 4, \"defects\": 1}";
        assertLoadFails(dir, "{\"projects\": [{\"project_id\": \"X-1\", \"name\": \"X\", \"domain\": \"d\", "
                + "\"outcome\": \"success\", \"colour\": \"red\", \"sprints\": [" + sprint + "]}]}", "colour");
        assertLoadFails(dir, "{\"projects\": [{\"project_id\": \"X-1\", \"name\": \"X\", \"domain\": \"d\", "
                + "\"outcome\": \"success\", \"sprints\": [{\"number\": 1}]}]}", "planned_points");
        assertLoadFails(dir, "{\"projects\": [{\"project_id\": \"X-1\", \"name\": \"X\", \"domain\": \"d\", "
                + "\"outcome\": \"great\", \"sprints\": [" + sprint + "]}]}", "great");
        String project = "{\"project_id\": \"X-1\", \"name\": \"X\", \"domain\": \"d\", \"outcome\": \"success\", "
                + "\"sprints\": [" + sprint + "]}";
        assertLoadFails(dir, "{\"projects\": [" + project + ", " + project + "]}", "duplicate project_id X-1");
    }

    private void assertLoadFails(Path dir, String content, String expectedInMessage) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), content);
        Exception e = assertThrows(Exception.class, () -> json.load(file));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
