package io.perfweave.orchestrator.api;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, refusing bodies over a size limit before they fill the heap. */
final class RequestBodyReader {

    /**
     * How much of an oversized body is read and thrown away before answering 413. A server that
     * closes the connection with unread data makes TCP reset it, and the client then sees a
     * broken connection instead of the 413. Beyond this much, a reset is the lesser evil.
     */
    private static final long DISCARD_LIMIT_BYTES = 1024 * 1024;

    private final int limitBytes;

    RequestBodyReader(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    byte[] read(HttpExchange exchange) throws IOException {
        long declared = declaredLength(exchange);
        try (InputStream in = exchange.getRequestBody()) {
            if (declared > limitBytes) {
                discard(in);
                throw tooLarge();
            }
            // A chunked body declares no length: read one byte past the limit to detect an overrun.
            byte[] body = in.readNBytes(limitBytes + 1);
            if (body.length > limitBytes) {
                discard(in);
                throw tooLarge();
            }
            return body;
        }
    }

    private static long declaredLength(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid Content-Length: " + declared);
        }
    }

    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long remaining = DISCARD_LIMIT_BYTES;
        int read;
        while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
            remaining -= read;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "request body larger than " + limitBytes + " bytes");
    }
}
