package io.perfweave.agent.log;

import java.time.LocalDate;

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
        System.err.println("[perfweave] " + timestamp(System.currentTimeMillis()) + " " + level + " " + message);
    }

    /**
     * The time in UTC, ISO 8601 to the millisecond ({@code 2026-12-02T04:32:41.365Z}), written by
     * hand: the first {@code Instant.toString()} of a JVM sets up java.time's formatters, 10-16 ms
     * that {@code premain}'s one line would add to the host's start.
     */
    static String timestamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        int ms = (int) Math.floorMod(epochMillis, 86_400_000L);
        StringBuilder text = new StringBuilder(24).append(LocalDate.ofEpochDay(day)).append('T');
        twoDigits(text, ms / 3_600_000).append(':');
        twoDigits(text, ms / 60_000 % 60).append(':');
        twoDigits(text, ms / 1000 % 60).append('.');
        int millis = ms % 1000;
        text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        return text.append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
