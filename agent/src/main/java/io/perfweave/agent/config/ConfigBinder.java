package io.perfweave.agent.config;

import io.perfweave.agent.config.ConfigShapes.Key;
import io.perfweave.agent.config.YamlTokens.At;
import io.perfweave.agent.config.YamlTokens.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a YAML document, read as a stream of tokens ({@link YamlTokens}), to the config records,
 * whose keys and creation {@link ConfigShapes} writes out.
 *
 * <p>Because the binder sees every token with its position, each error names the line and column
 * of the key or value it is about: an unknown key at the key, a wrong type at the value, a value
 * that a record rejects at the key it names (or else where its mapping starts).
 *
 * <p>It is deliberately small and uses no reflection: the agent parses its config in
 * {@code premain}, before the application starts (see {@link ConfigShapes} for what reflection
 * cost there).
 */
final class ConfigBinder {
    private final YamlTokens parser;
    private final String source;

    ConfigBinder(YamlTokens parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Binds the whole document to {@code type}; null for an empty document. */
    <T> T bind(Class<T> type) throws ConfigException {
        if (parser.next() == null) {
            return null;
        }
        Object value = value(type, null, "");
        if (parser.next() != null) {
            throw error(parser.at(), "", "expected the end of the document");
        }
        return type.cast(value);
    }

    /** @param element for a list or a map, the type of its elements */
    private Object value(Class<?> type, Class<?> element, String path) throws ConfigException {
        Token token = parser.current();
        At at = parser.at();
        if (token == Token.NULL) {
            return null;
        }
        Key[] keys = ConfigShapes.keysOf(type);
        if (keys != null) {
            expect(token == Token.START_MAPPING, at, path, "a mapping");
            return record(type, keys, path, at);
        }
        if (type == List.class) {
            expect(token == Token.START_LIST, at, path, "a list");
            List<Object> list = new ArrayList<>();
            while (parser.next() != Token.END_LIST) {
                list.add(value(element, null, path + "[" + list.size() + "]"));
            }
            return list;
        }
        if (type == Map.class) {
            expect(token == Token.START_MAPPING, at, path, "a mapping");
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.next() == Token.KEY) {
                String key = parser.text();
                At keyAt = parser.at();
                if (map.containsKey(key)) {
                    throw error(keyAt, path, "duplicate key '" + key + "'");
                }
                parser.next();
                map.put(key, value(element, null, join(path, key)));
            }
            return map;
        }
        return scalar(type, token, at, path);
    }

    private Object scalar(Class<?> type, Token token, At at, String path) throws ConfigException {
        boolean isScalar = token != null && token.isScalar();
        String text = isScalar ? parser.text() : null;
        if (type == String.class) {
            expect(isScalar, at, path, "a string");
            return text;
        }
        if (type == Integer.class) {
            if (token == Token.INTEGER && parser.fitsInt()) {
                return Integer.parseInt(text);
            }
            throw found(at, path, "a whole number", text, token);
        }
        if (type == Double.class) {
            if (token == Token.INTEGER || token == Token.NUMBER) {
                return Double.parseDouble(text);
            }
            throw found(at, path, "a number", text, token);
        }
        if (type == Boolean.class) {
            if (token == Token.TRUE || token == Token.FALSE) {
                return token == Token.TRUE;
            }
            throw found(at, path, "true or false", text, token);
        }
        if (ConfigShapes.isWord(type)) {
            expect(isScalar, at, path, "a string");
            try {
                return ConfigShapes.word(type, text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(at) + ": " + e.getMessage(), e);
            }
        }
        throw error(at, path, "cannot bind a value of type " + type.getSimpleName());
    }

    private Object record(Class<?> type, Key[] keys, String path, At start) throws ConfigException {
        Object[] values = new Object[keys.length];
        Map<String, At> keyLocations = new LinkedHashMap<>();
        while (parser.next() == Token.KEY) {
            String key = parser.text();
            At keyAt = parser.at();
            int index = indexOf(keys, key);
            if (index < 0) {
                TreeSet<String> known = new TreeSet<>();
                for (Key each : keys) {
                    known.add(each.name());
                }
                throw error(keyAt, "", "unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                        + "; expected one of: " + String.join(", ", known));
            }
            if (keyLocations.containsKey(key)) {
                throw error(keyAt, path, "duplicate key '" + key + "'");
            }
            keyLocations.put(key, keyAt);
            parser.next();
            values[index] = value(keys[index].type(), keys[index].element(), join(path, key));
        }
        try {
            return ConfigShapes.create(type, values);
        } catch (IllegalArgumentException rejected) {
            // a validation message that starts with one of this mapping's keys is reported at that key
            String message = rejected.getMessage();
            String first = message == null ? "" : message.split("[ :.]", 2)[0];
            At keyAt = keyLocations.get(first);
            throw keyAt == null ? new ConfigException(where(start) + ": " + message, rejected) : error(keyAt, "", message);
        } catch (RuntimeException e) {
            throw new ConfigException(where(start) + ": " + (path.isEmpty() ? "" : path + ": ") + e, e);
        }
    }

    private static int indexOf(Key[] keys, String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].name().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void expect(boolean condition, At at, String path, String expected) throws ConfigException {
        if (!condition) {
            Token token = parser.current();
            throw found(at, path, expected, token != null && token.isScalar() ? parser.text() : null, token);
        }
    }

    private ConfigException found(At at, String path, String expected, String text, Token token) {
        String what = text != null ? "'" + text + "'" : token == Token.START_LIST ? "a list"
                : token == Token.START_MAPPING ? "a mapping" : "nothing";
        return error(at, path, "expected " + expected + ", found " + what);
    }

    private ConfigException error(At at, String path, String message) {
        return new ConfigException(where(at) + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private String where(At at) {
        return source + ":" + at.line() + ":" + at.column();
    }
}
