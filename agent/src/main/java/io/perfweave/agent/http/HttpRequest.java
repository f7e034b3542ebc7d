package io.perfweave.agent.http;

import java.util.Map;

/**
 * What a route needs of a request, independent of the server library.
 *
 * @param method upper-case HTTP method
 * @param path decoded path, without the query
 * @param query the query parameters (first value of each)
 * @param headers header names in lower case
 */
public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers) {
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
