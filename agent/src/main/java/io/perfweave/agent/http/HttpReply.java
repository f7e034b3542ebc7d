package io.perfweave.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response: status, content type and body, plus extra headers. */
public record HttpReply(int status, String contentType, String body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public static HttpReply json(int status, Object value) {
        try {
            return new HttpReply(status, JSON, MAPPER.writeValueAsString(value), Map.of());
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
        return new HttpReply(status, contentType, body, Map.of());
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, body, more);
    }
}
