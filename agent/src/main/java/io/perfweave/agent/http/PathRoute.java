package io.perfweave.agent.http;

/**
 * Every request under a path prefix, such as {@code /profile/{operation}} and its
 * {@code /reset}, added to the port by another part of the agent: the route reads the rest of the
 * path and answers every method itself, {@code 405} included.
 */
@FunctionalInterface
public interface PathRoute {
    /**
     * @param rest the path after the prefix, never empty
     */
    HttpReply handle(HttpRequest request, String rest);
}
