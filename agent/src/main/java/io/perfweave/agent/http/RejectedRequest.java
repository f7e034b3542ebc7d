package io.perfweave.agent.http;

import java.util.Map;

/** A request refused before routing, with the status and message its JSON error carries. */
final class RejectedRequest extends Exception {
    private final int status;
    private final Map<String, String> headers;

    RejectedRequest(int status, String message) {
        this(status, message, Map.of());
    }

    RejectedRequest(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
