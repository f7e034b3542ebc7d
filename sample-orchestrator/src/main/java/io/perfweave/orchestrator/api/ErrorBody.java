package io.perfweave.orchestrator.api;

/** The body of every error response: {@code {"error": "...", "status": N}}. */
record ErrorBody(String error, int status) {
}
