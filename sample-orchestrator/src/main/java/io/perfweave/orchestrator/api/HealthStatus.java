package io.perfweave.orchestrator.api;

/**
 * The body of {@code GET /health}.
 *
 * @param projects how many projects the loaded chronicle holds, so a client can tell a service
 *                 started on the wrong data from a healthy one
 */
record HealthStatus(String status, String service, int projects) {
}
