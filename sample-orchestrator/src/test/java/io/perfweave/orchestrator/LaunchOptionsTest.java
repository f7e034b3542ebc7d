package io.perfweave.orchestrator;

import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void defaultsServeTheGeneratedHistoryOnPort8080() throws Exception {
        LaunchOptions options = LaunchOptions.parse();
        assertEquals(8080, options.port());
        assertEquals(HistoryGenerator.DEFAULT_PROJECT_COUNT, options.projectCount());
        assertEquals(HistoryGenerator.DEFAULT_SEED, options.seed());
        assertNull(options.dataFile());
        assertNull(options.exportFile());
        assertFalse(options.help());
    }

    @Test
    void readsEveryFlagWithSeparateOrInlineValues() throws Exception {
        LaunchOptions options = LaunchOptions.parse("--port=0", "--projects", "30000", "--seed=-7", "--export", "h.json");
        assertEquals(0, options.port());
        assertEquals(30000, options.projectCount());
        assertEquals(-7L, options.seed());
        assertEquals(Path.of("h.json"), options.exportFile());

        assertEquals(Path.of("data/history.json"), LaunchOptions.parse("--data", "data/history.json").dataFile());
        assertTrue(LaunchOptions.parse("--help").help());
    }

    @Test
    void errorsNameTheOffendingFlag() {
        assertMessage("unknown flag --bogus", "--bogus");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port expects a whole number from 0 to 65535, got 'abc'", "--port", "abc");
        assertMessage("--port expects a whole number from 0 to 65535, got '70000'", "--port", "70000");
        assertMessage("--projects expects a whole number from 0 to 10000000, got '-1'", "--projects=-1");
        assertMessage("--seed expects a whole number, got 'x'", "--seed", "x");
        assertMessage("--data needs a file name", "--data=");
        assertMessage("--data cannot be combined with --projects or --seed", "--data", "f.json", "--seed", "1");
    }

    private static void assertMessage(String expected, String... args) {
        InvalidFlagException e = assertThrows(InvalidFlagException.class, () -> LaunchOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
