package io.perfweave.agent.config;

/** A config that cannot be used; the message names the file, line and column, and what was expected. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
