package io.perfweave.agent.http;

import io.perfweave.agent.log.AgentLog;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * NanoHTTPD reports clients that hang up mid-answer through {@code java.util.logging}, whose
 * default console handler would print them, with stack traces, among the host's own output. Its
 * logger is cut off from the host's handlers and sent to the agent's debug log instead.
 */
final class NanoHttpdLog {
    /** Held, because the logging framework keeps only weak references to loggers. */
    private static volatile Logger logger;

    private NanoHttpdLog() {
    }

    static synchronized void redirectToAgentLog() {
        if (logger != null) {
            return;
        }
        Logger nano = Logger.getLogger("fi.iki.elonen.NanoHTTPD");
        nano.setUseParentHandlers(false);
        nano.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                AgentLog.debug("http: " + record.getMessage()
                        + (record.getThrown() == null ? "" : ": " + record.getThrown()));
            }

            @Override
            public void flush() {
                // AgentLog writes through at once
            }

            @Override
            public void close() {
                // nothing held
            }
        });
        logger = nano;
    }
}
