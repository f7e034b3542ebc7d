package io.perfweave.agent.http;

/**
 * A {@code POST} endpoint added to the port by another part of the agent, such as
 * {@code /config/reload}. It answers with a full reply, so that it can report a rejection.
 */
@FunctionalInterface
public interface JsonAction {
    HttpReply perform(HttpRequest request);
}
