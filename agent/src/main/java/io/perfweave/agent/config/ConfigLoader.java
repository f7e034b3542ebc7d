package io.perfweave.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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

    private final YAMLFactory yaml = YAMLFactory.builder().build();

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
        try (JsonParser parser = yaml.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            AgentConfig config = new ConfigBinder(parser, source).bind(AgentConfig.class);
            if (config == null) {
                throw new ConfigException(source + ":1:1: the config is empty; expected a mapping with 'operations'");
            }
            return config;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read config: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a config that failed to load still says {@code fail_on_error: true} at its top
     * level, read as leniently as possible: a config that cannot be read at all does not ask.
     */
    public static boolean asksToFailOnError(Path file) {
        try (JsonParser parser = YAMLFactory.builder().build().createParser(read(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                token = parser.nextToken();
                if (key.equals("fail_on_error")) {
                    return token == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException | ConfigException | RuntimeException unreadable) {
            return false;
        }
    }
}
