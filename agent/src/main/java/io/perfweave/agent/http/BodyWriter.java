package io.perfweave.agent.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body straight to the connection as it is produced, so that a large answer
 * (every operation of a broad selection) is never held whole in memory.
 */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
