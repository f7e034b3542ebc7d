package io.perfweave.orchestrator.decision;

/**
 * Something about the project that the next sprint's planning should take into account.
 *
 * @param code     stable identifier, e.g. {@code LOW_COMPLETION_RATIO}
 * @param severity {@code low}, {@code medium} or {@code high}
 */
public record RiskFlag(String code, String severity, String detail) {
}
