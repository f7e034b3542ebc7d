package io.perfweave.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;

/** Writes response bodies as JSON. */
final class JsonResponder {

    private final ObjectMapper mapper;

    JsonResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(HttpExchange exchange, int status, Object body) throws IOException {
        // Serialise first, so a serialisation failure can still become a proper 500.
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, new ErrorBody(message, status));
    }
}
