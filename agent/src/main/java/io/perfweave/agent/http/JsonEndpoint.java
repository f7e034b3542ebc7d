package io.perfweave.agent.http;

/**
 * A read-only JSON endpoint added to the port by another part of the agent (thresholds,
 * resources, recommendations). Its answer is rendered with Jackson; a null answer is a 404.
 */
@FunctionalInterface
public interface JsonEndpoint {
    Object answer(HttpRequest request);
}
