package io.perfweave.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response: status, content type and body, plus extra headers. The body is either text, or a
 * {@link BodyWriter} that streams it to the connection ({@link #streamed}).
 */
public record HttpReply(int status, String contentType, String text, BodyWriter streamed, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public static HttpReply json(int status, Object value) {
        try {
            return new HttpReply(status, JSON, MAPPER.writeValueAsString(value), null, Map.of());
        } catch (JsonProcessingException e) {
            return error(500, "cannot render the response: " + e.getOriginalMessage());
        }
    }

    public static HttpReply ok(Object value) {
        return json(200, value);
    }

    /** The contract's error shape: {@code {"error": "...", "status": N}}. */
    public static HttpReply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return json(status, body);
    }

    public static HttpReply text(int status, String contentType, String body) {
        return new HttpReply(status, contentType, body, null, Map.of());
    }

    /** A reply whose body is written to the connection as it is produced. */
    public static HttpReply streamed(int status, String contentType, BodyWriter body) {
        return new HttpReply(status, contentType, null, body, Map.of());
    }

    public boolean isStreamed() {
        return streamed != null;
    }

    /** The body as text; a streamed body is rendered whole (for tests and small answers). */
    public String body() {
        if (streamed == null) {
            return text;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            streamed.writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, text, streamed, more);
    }
}
