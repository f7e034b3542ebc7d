package io.perfweave.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a YAML config into an {@link AgentConfig}. Unknown keys, wrong types and invalid values
 * are all errors whose message starts with {@code file:line:column:}.
 */
public final class ConfigLoader {
    /** Configs are small; a larger file is a mistake (or an attack) and is refused before parsing. */
    static final long MAX_BYTES = 1024 * 1024;

    public AgentConfig load(Path file) throws ConfigException {
        return parse(read(file), file.toString());
    }

    private static String read(Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": config is larger than " + MAX_BYTES + " bytes");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
        }
    }

    public AgentConfig parse(String text, String source) throws ConfigException {
        AgentConfig config = new ConfigBinder(new YamlTokens(text, source), source).bind(AgentConfig.class);
        if (config == null) {
            throw new ConfigException(source + ":1:1: the config is empty; expected a mapping with 'operations'");
        }
        return config;
    }

    /**
     * Whether a config that failed to load still says {@code fail_on_error: true} at its top
     * level, read as leniently as possible: a config that cannot be read at all does not ask.
     */
    public static boolean asksToFailOnError(Path file) {
        try {
            YamlTokens tokens = new YamlTokens(read(file), file.toString());
            if (tokens.next() != YamlTokens.Token.START_MAPPING) {
                return false;
            }
            int depth = 0;
            for (YamlTokens.Token token = tokens.next(); token != null; token = tokens.next()) {
                if (token == YamlTokens.Token.START_MAPPING || token == YamlTokens.Token.START_LIST) {
                    depth++;
                } else if (token == YamlTokens.Token.END_MAPPING || token == YamlTokens.Token.END_LIST) {
                    if (depth-- == 0) {
                        return false;
                    }
                } else if (depth == 0 && token == YamlTokens.Token.KEY && "fail_on_error".equals(tokens.text())) {
                    return tokens.next() == YamlTokens.Token.TRUE;
                }
            }
            return false;
        } catch (ConfigException | RuntimeException unreadable) {
            return false;
        }
    }
}
