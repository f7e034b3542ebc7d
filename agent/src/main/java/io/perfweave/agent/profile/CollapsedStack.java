package io.perfweave.agent.profile;

import java.util.List;

/**
 * One distinct stack of a profile and how many samples had it.
 *
 * @param frames from the operation's method (the root) down to the frame that was running, each as
 *               {@code com.acme.Class.method}
 * @param samples how many samples had exactly this stack
 */
public record CollapsedStack(List<String> frames, long samples) {
    public CollapsedStack {
        frames = List.copyOf(frames);
    }

    /** The line that flame graph tools read: {@code root;child;leaf 12}. */
    public String line() {
        return String.join(";", frames) + " " + samples;
    }
}
