package io.perfweave.agent.core;

/**
 * Tells the {@code attach} command how loading the agent went. The command reads the target's
 * system properties once the agent's {@code agentmain} has returned; this one property, in the
 * agent's own namespace, is all the agent adds there.
 */
final class AttachStatus {
    /** Read by {@code io.perfweave.agent.cli.Attacher}; the two must agree. */
    static final String PROPERTY = "perfweave.attach.status";

    private AttachStatus() {
    }

    static void tell(boolean attached, String status) {
        if (!attached) {
            return;
        }
        try {
            System.setProperty(PROPERTY, status);
        } catch (SecurityException ignored) {
            // the command then says only that the agent was loaded
        }
    }
}
