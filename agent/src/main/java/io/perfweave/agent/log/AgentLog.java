package io.perfweave.agent.log;

import java.time.Instant;

/**
 * The agent's log: one line per event on the host's standard error, prefixed {@code [perfweave]}.
 * The agent does not use the host's logging framework, which it must neither configure nor load.
 */
public final class AgentLog {
    private static volatile boolean debug = Boolean.getBoolean("perfweave.debug");

    private AgentLog() {
    }

    public static void info(String message) {
        write("INFO", message);
    }

    public static void warn(String message) {
        write("WARN", message);
    }

    public static void error(String message) {
        write("ERROR", message);
    }

    public static void debug(String message) {
        if (debug) {
            write("DEBUG", message);
        }
    }

    /** A structured event: one line of JSON after the prefix, for log pipelines to parse. */
    public static void event(String json) {
        System.err.println("[perfweave] " + json);
    }

    private static void write(String level, String message) {
        System.err.println("[perfweave] " + Instant.now() + " " + level + " " + message);
    }
}
