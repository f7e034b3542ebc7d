package io.perfweave.orchestrator.decision;

/** Switches a client may set per request. */
public record OrchestrationOptions(boolean enablePatternRecognition) {

    /** Pattern recognition is on unless a client turns it off, as in the original service. */
    public static final OrchestrationOptions DEFAULTS = new OrchestrationOptions(true);
}
