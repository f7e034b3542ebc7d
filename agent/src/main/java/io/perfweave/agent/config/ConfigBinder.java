package io.perfweave.agent.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
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
 * Binds a YAML document, read as a stream of Jackson tokens, to the config records.
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
    private final JsonParser parser;
    private final String source;

    ConfigBinder(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Binds the whole document to {@code type}; null for an empty document. */
    <T> T bind(Class<T> type) throws IOException, ConfigException {
        if (parser.nextToken() == null) {
            return null;
        }
        Object value = value(type, "");
        if (parser.nextToken() != null) {
            throw error(parser.currentTokenLocation(), "", "expected the end of the document");
        }
        return type.cast(value);
    }

    private Object value(Type type, String path) throws IOException, ConfigException {
        JsonToken token = parser.currentToken();
        JsonLocation at = parser.currentTokenLocation();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            expect(token == JsonToken.START_OBJECT, at, path, "a mapping");
            return record(raw, path, at);
        }
        if (List.class.isAssignableFrom(raw)) {
            expect(token == JsonToken.START_ARRAY, at, path, "a list");
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(typeArgument(type, 0), path + "[" + list.size() + "]"));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            expect(token == JsonToken.START_OBJECT, at, path, "a mapping");
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                if (map.containsKey(key)) {
                    throw error(keyAt, path, "duplicate key '" + key + "'");
                }
                parser.nextToken();
                map.put(key, value(typeArgument(type, 1), join(path, key)));
            }
            return map;
        }
        return scalar(raw, token, at, path);
    }

    private Object scalar(Class<?> type, JsonToken token, JsonLocation at, String path) throws IOException, ConfigException {
        boolean isScalar = token != null && token.isScalarValue();
        String text = isScalar ? parser.getText() : null;
        if (type == String.class) {
            expect(isScalar, at, path, "a string");
            return text;
        }
        if (type == Integer.class || type == int.class) {
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            throw found(at, path, "a whole number", text, token);
        }
        if (type == Double.class || type == double.class) {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDoubleValue();
            }
            throw found(at, path, "a number", text, token);
        }
        if (type == Boolean.class || type == boolean.class) {
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            throw found(at, path, "true or false", text, token);
        }
        if (type.isEnum()) {
            expect(isScalar, at, path, "a string");
            return create(creatorOf(type), new Object[] {text}, at, path);
        }
        throw error(at, path, "cannot bind a value of type " + type.getSimpleName());
    }

    private Object record(Class<?> type, String path, JsonLocation start) throws IOException, ConfigException {
        RecordComponent[] components = type.getRecordComponents();
        Executable creator = creatorOf(type);
        Parameter[] parameters = creator.getParameters();
        Object[] arguments = new Object[parameters.length];
        Map<String, JsonLocation> keyLocations = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
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
            parser.nextToken();
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
            JsonLocation keyAt = keyLocations.get(first);
            throw keyAt == null ? rejected : error(keyAt, "", message);
        }
    }

    private Object create(Executable creator, Object[] arguments, JsonLocation at, String path) throws ConfigException {
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

    private void expect(boolean condition, JsonLocation at, String path, String expected) throws IOException, ConfigException {
        if (!condition) {
            JsonToken token = parser.currentToken();
            throw found(at, path, expected, token != null && token.isScalarValue() ? parser.getText() : null, token);
        }
    }

    private ConfigException found(JsonLocation at, String path, String expected, String text, JsonToken token) {
        String what = text != null ? "'" + text + "'" : token == JsonToken.START_ARRAY ? "a list"
                : token == JsonToken.START_OBJECT ? "a mapping" : "nothing";
        return error(at, path, "expected " + expected + ", found " + what);
    }

    private ConfigException error(JsonLocation at, String path, String message) {
        return new ConfigException(where(at) + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private String where(JsonLocation at) {
        return source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }
}
