package io.perfweave.agent.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.perfweave.agent.config.YamlTokens.At;
import io.perfweave.agent.config.YamlTokens.Token;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a YAML document, read as a stream of tokens ({@link YamlTokens}), to the config records.
 *
 * <p>Each record names its keys with {@code @JsonProperty} on its components; a record may offer a
 * {@code @JsonCreator} static factory instead of its canonical constructor. Because the binder
 * sees every token with its position, each error names the line and column of the key or value it
 * is about: an unknown key at the key, a wrong type at the value, a value that a record rejects at
 * the key it names (or else where its mapping starts).
 *
 * <p>It is deliberately small: the agent parses its config in {@code premain}, before the
 * application starts, and a full object mapper would load several hundred classes there.
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
        Object value = value(type, "");
        if (parser.next() != null) {
            throw error(parser.at(), "", "expected the end of the document");
        }
        return type.cast(value);
    }

    private Object value(Type type, String path) throws ConfigException {
        Token token = parser.current();
        At at = parser.at();
        if (token == Token.NULL) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            expect(token == Token.START_MAPPING, at, path, "a mapping");
            return record(raw, path, at);
        }
        if (List.class.isAssignableFrom(raw)) {
            expect(token == Token.START_LIST, at, path, "a list");
            List<Object> list = new ArrayList<>();
            while (parser.next() != Token.END_LIST) {
                list.add(value(typeArgument(type, 0), path + "[" + list.size() + "]"));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            expect(token == Token.START_MAPPING, at, path, "a mapping");
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.next() == Token.KEY) {
                String key = parser.text();
                At keyAt = parser.at();
                if (map.containsKey(key)) {
                    throw error(keyAt, path, "duplicate key '" + key + "'");
                }
                parser.next();
                map.put(key, value(typeArgument(type, 1), join(path, key)));
            }
            return map;
        }
        return scalar(raw, token, at, path);
    }

    private Object scalar(Class<?> type, Token token, At at, String path) throws ConfigException {
        boolean isScalar = token != null && token.isScalar();
        String text = isScalar ? parser.text() : null;
        if (type == String.class) {
            expect(isScalar, at, path, "a string");
            return text;
        }
        if (type == Integer.class || type == int.class) {
            if (token == Token.INTEGER && parser.fitsInt()) {
                return Integer.parseInt(text);
            }
            throw found(at, path, "a whole number", text, token);
        }
        if (type == Double.class || type == double.class) {
            if (token == Token.INTEGER || token == Token.NUMBER) {
                return Double.parseDouble(text);
            }
            throw found(at, path, "a number", text, token);
        }
        if (type == Boolean.class || type == boolean.class) {
            if (token == Token.TRUE || token == Token.FALSE) {
                return token == Token.TRUE;
            }
            throw found(at, path, "true or false", text, token);
        }
        if (type.isEnum()) {
            expect(isScalar, at, path, "a string");
            return create(creatorOf(type), new Object[] {text}, at, path);
        }
        throw error(at, path, "cannot bind a value of type " + type.getSimpleName());
    }

    private Object record(Class<?> type, String path, At start) throws ConfigException {
        RecordComponent[] components = type.getRecordComponents();
        Executable creator = creatorOf(type);
        Parameter[] parameters = creator.getParameters();
        Object[] arguments = new Object[parameters.length];
        Map<String, At> keyLocations = new LinkedHashMap<>();
        while (parser.next() == Token.KEY) {
            String key = parser.text();
            At keyAt = parser.at();
            int index = indexOf(creator, components, key);
            if (index < 0) {
                TreeSet<String> known = new TreeSet<>();
                for (int i = 0; i < parameters.length; i++) {
                    known.add(nameOf(creator, components, i));
                }
                throw error(keyAt, "", "unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                        + "; expected one of: " + String.join(", ", known));
            }
            if (keyLocations.containsKey(key)) {
                throw error(keyAt, path, "duplicate key '" + key + "'");
            }
            keyLocations.put(key, keyAt);
            parser.next();
            arguments[index] = value(parameters[index].getParameterizedType(), join(path, key));
        }
        for (int i = 0; i < parameters.length; i++) {
            if (arguments[i] == null && parameters[i].getType().isPrimitive()) {
                throw error(start, path, "'" + nameOf(creator, components, i) + "' is required");
            }
        }
        try {
            return create(creator, arguments, start, path);
        } catch (ConfigException rejected) {
            // a validation message that starts with one of this mapping's keys is reported at that key
            String message = rejected.getCause() == null ? null : rejected.getCause().getMessage();
            String first = message == null ? "" : message.split("[ :.]", 2)[0];
            At keyAt = keyLocations.get(first);
            throw keyAt == null ? rejected : error(keyAt, "", message);
        }
    }

    private Object create(Executable creator, Object[] arguments, At at, String path) throws ConfigException {
        try {
            return creator instanceof Method ? ((Method) creator).invoke(null, arguments)
                    : ((Constructor<?>) creator).newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new ConfigException(where(at) + ": " + cause.getMessage(), cause);
            }
            throw new ConfigException(where(at) + ": " + (path.isEmpty() ? "" : path + ": ") + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + creator.getDeclaringClass().getSimpleName(), e);
        }
    }

    /** The {@code @JsonCreator} static factory of a type, else its canonical record constructor. */
    private static Executable creatorOf(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.isAnnotationPresent(JsonCreator.class)) {
                return method;
            }
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    private static int indexOf(Executable creator, RecordComponent[] components, String key) {
        for (int i = 0; i < creator.getParameterCount(); i++) {
            if (nameOf(creator, components, i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The key of a creator parameter: its {@code @JsonProperty}, else that of the record component. */
    private static String nameOf(Executable creator, RecordComponent[] components, int index) {
        JsonProperty property = creator.getParameters()[index].getAnnotation(JsonProperty.class);
        if (property == null && creator instanceof Constructor && components != null) {
            RecordComponent component = components[index];
            property = component.getAnnotation(JsonProperty.class);
            if (property == null) {
                property = component.getAccessor().getAnnotation(JsonProperty.class);
            }
            if (property == null) {
                return component.getName();
            }
        }
        return property == null ? creator.getParameters()[index].getName() : property.value();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?>) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments()[index] : String.class;
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
