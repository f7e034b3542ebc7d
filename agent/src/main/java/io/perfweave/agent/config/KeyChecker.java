package io.perfweave.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A first pass over the YAML, before it is bound to the config records: it rejects unknown keys
 * at the key itself (not at the end of the mapping, where binding would notice), and remembers
 * where each mapping starts so that a value rejected later can be reported at its line.
 *
 * <p>The keys a mapping may have are read from the {@code @JsonProperty} names of the record it
 * binds to, so this check and the binding cannot disagree.
 */
final class KeyChecker {
    private final YAMLFactory yaml;
    private final String source;
    /** Path of each value ({@code operations[0].thresholds}) to where it starts. */
    private final Map<String, JsonLocation> starts = new HashMap<>();

    KeyChecker(YAMLFactory yaml, String source) {
        this.yaml = yaml;
        this.source = source;
    }

    /** Walks the document; throws at the first unknown key. */
    void check(String text) throws IOException, ConfigException {
        try (JsonParser parser = yaml.createParser(text)) {
            if (parser.nextToken() == null) {
                return;
            }
            walk(parser, AgentConfig.class, "");
        }
    }

    /** Where the value at exactly {@code path} starts, or null. */
    JsonLocation exactly(String path) {
        return starts.get(path);
    }

    /** Where the value at {@code path} starts, or the nearest enclosing one that is known. */
    JsonLocation startOf(String path) {
        String p = path;
        while (true) {
            JsonLocation location = starts.get(p);
            if (location != null || p.isEmpty()) {
                return location;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    private void walk(JsonParser parser, Type type, String path) throws IOException, ConfigException {
        JsonToken token = parser.currentToken();
        Class<?> raw = raw(type);
        starts.put(path, parser.currentTokenLocation());
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                Type child;
                if (raw != null && raw.isRecord()) {
                    child = componentType(raw, key);
                    if (child == null) {
                        throw new ConfigException(source + ":" + at.getLineNr() + ":" + at.getColumnNr()
                                + ": unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                                + "; expected one of: " + String.join(", ", keysOf(raw)));
                    }
                } else if (raw != null && Map.class.isAssignableFrom(raw)) {
                    child = typeArgument(type, 1);
                } else {
                    child = null; // a mapping where a scalar is expected: binding reports it
                }
                parser.nextToken();
                walk(parser, child, path.isEmpty() ? key : path + "." + key);
            }
        } else if (token == JsonToken.START_ARRAY) {
            Type element = raw != null && List.class.isAssignableFrom(raw) ? typeArgument(type, 0) : null;
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, element, path + "[" + index++ + "]");
            }
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?>) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments()[index] : null;
    }

    private static Type componentType(Class<?> record, String key) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (nameOf(component).equals(key)) {
                return component.getGenericType();
            }
        }
        return null;
    }

    private static TreeSet<String> keysOf(Class<?> record) {
        TreeSet<String> keys = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            keys.add(nameOf(component));
        }
        return keys;
    }

    private static String nameOf(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null && component.getAccessor() != null) {
            property = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }
}
