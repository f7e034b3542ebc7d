package io.perfweave.agent.config;


/**
 * How the agent notices a changed config file. {@code POST /config/reload} works either way.
 *
 * @param watch poll the config file and reload it when it changes (default true)
 * @param pollSeconds how often to look at the file (1..3600, default 2)
 */
public record ReloadConfig(Boolean watch, Integer pollSeconds) {
    public static final ReloadConfig DEFAULT = new ReloadConfig(true, 2);

    public ReloadConfig {
        watch = watch == null || watch;
        pollSeconds = pollSeconds == null ? 2 : pollSeconds;
        if (pollSeconds < 1 || pollSeconds > 3600) {
            throw new IllegalArgumentException("reload.poll_seconds must be between 1 and 3600, was " + pollSeconds);
        }
    }
}
