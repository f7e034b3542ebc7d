package io.perfweave.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a YAML config into an {@link AgentConfig}. Unknown keys, wrong types and invalid values
 * are all errors whose message starts with {@code file:line:column:}.
 */
public final class ConfigLoader {
    /** Configs are small; a larger file is a mistake (or an attack) and is refused before parsing. */
    static final long MAX_BYTES = 1024 * 1024;

    private final YAMLFactory yaml;
    private final ObjectMapper mapper;

    public ConfigLoader() {
        yaml = YAMLFactory.builder().build();
        mapper = new ObjectMapper(yaml)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Whether a config that failed to load still says {@code fail_on_error: true} at its top
     * level, read as leniently as possible: a config that cannot be read at all does not ask.
     */
    public static boolean asksToFailOnError(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return root != null && root.path("fail_on_error").asBoolean(false);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    public AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": config is larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public AgentConfig parse(String text, String source) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException(source + ":1:1: the config is empty; expected a mapping with 'operations'");
        }
        KeyChecker keys = new KeyChecker(yaml, source);
        try {
            keys.check(text);
            AgentConfig config = mapper.readValue(text, AgentConfig.class);
            if (config == null) {
                throw new ConfigException(source + ":1:1: the config is empty; expected a mapping with 'operations'");
            }
            return config;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(e, source, keys), e);
        } catch (java.io.IOException e) {
            throw new ConfigException(source + ": cannot read config: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonProcessingException e, String source, KeyChecker keys) {
        String path = e instanceof JsonMappingException ? path((JsonMappingException) e) : "";
        JsonLocation location = e.getLocation();
        if (e instanceof JsonMappingException && !path.isEmpty()) {
            // binding notices a bad value only when its mapping ends: point at where the value starts
            JsonLocation start = keys.startOf(path);
            location = start != null ? start : location;
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            // validation messages start with the key they are about ("window_seconds must be ...")
            String key = e.getCause().getMessage().split("[ :]", 2)[0];
            JsonLocation keyed = keys.exactly(path.isEmpty() ? key : path + "." + key);
            location = keyed != null ? keyed : location;
        }
        String where = location == null ? source
                : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
        String at = path.isEmpty() ? "" : " " + path + ":";
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) e;
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            return where + ": unknown key '" + unknown.getPropertyName() + "'"
                    + (parent.isEmpty() ? "" : " in " + parent)
                    + "; expected one of: " + known(unknown.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return where + ": " + e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException) {
            InvalidFormatException invalid = (InvalidFormatException) e;
            Throwable cause = invalid.getCause();
            String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : "expected " + typeName(invalid.getTargetType()) + ", found '" + invalid.getValue() + "'";
            return where + ":" + at + " " + detail;
        }
        if (e instanceof MismatchedInputException) {
            MismatchedInputException mismatch = (MismatchedInputException) e;
            if (mismatch.getCause() instanceof IllegalArgumentException) {
                return where + ":" + at + " " + mismatch.getCause().getMessage();
            }
            return where + ":" + at + " expected " + typeName(mismatch.getTargetType());
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null) {
            return "(none)";
        }
        return new TreeSet<>(ids.stream().map(String::valueOf).collect(Collectors.toSet())).stream()
                .collect(Collectors.joining(", "));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase();
        }
        return type.getSimpleName();
    }
}
