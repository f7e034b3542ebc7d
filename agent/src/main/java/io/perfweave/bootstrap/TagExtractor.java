package io.perfweave.bootstrap;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the tag source argument of a call into one value per tag and records the call under it.
 *
 * <p>Each tag is a property path below the argument: empty for the argument itself, or names read
 * through an accessor ({@code projectId()}), a getter ({@code getProjectId()}) or a field. The
 * number of distinct values per tag is capped; calls with further values are recorded under
 * {@link #OTHER}, so memory stays bounded whatever the arguments are.
 */
public final class TagExtractor {
    /** The value that stands for every value past the cap. */
    public static final String OTHER = "other";
    /** Stands for a null value, or one whose property could not be read. */
    public static final String NULL = "null";
    private static final int MAX_VALUE_LENGTH = 128;

    private final String operation;
    private final String[] keys;
    private final int limit;
    private final TagValues[] values;
    /** Per tag, per step of its path: how to read that property from a given class. */
    private final PropertyReader[][] readers;

    public TagExtractor(String operation, String[] keys, String[][] paths, int limit) {
        this.operation = operation;
        this.keys = keys.clone();
        this.limit = limit;
        this.values = new TagValues[keys.length];
        this.readers = new PropertyReader[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            values[i] = new TagValues();
            readers[i] = new PropertyReader[paths[i].length];
            for (int step = 0; step < paths[i].length; step++) {
                readers[i][step] = new PropertyReader(paths[i][step]);
            }
        }
    }

    public String[] keys() {
        return keys.clone();
    }

    /** The recorders of the values seen so far for {@code key}, by value; null for an unknown key. */
    public java.util.Map<String, OperationRecorder> valuesOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return java.util.Collections.unmodifiableMap(values[i].byValue);
            }
        }
        return null;
    }

    void record(Object source, long nanos, long endNanos, Throwable thrown) {
        for (int i = 0; i < keys.length; i++) {
            String value = valueOf(source, i);
            Recorders.record(values[i].recorderFor(value, i).id, nanos, endNanos, thrown);
        }
    }

    private String valueOf(Object source, int tag) {
        Object current = source;
        for (PropertyReader reader : readers[tag]) {
            if (current == null) {
                return NULL;
            }
            current = reader.read(current);
        }
        if (current == null) {
            return NULL;
        }
        String text = current instanceof String ? (String) current : String.valueOf(current);
        return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) : text;
    }

    /**
     * Reads one property. The accessor found for each class is kept in a {@link ClassValue}, which
     * does not keep the application's classes (or their class loaders) from being unloaded.
     */
    private static final class PropertyReader extends ClassValue<AccessibleObject> {
        private final String property;

        PropertyReader(String property) {
            this.property = property;
        }

        @Override
        protected AccessibleObject computeValue(Class<?> type) {
            return findAccessor(type, property);
        }

        Object read(Object target) {
            AccessibleObject accessor = get(target.getClass());
            if (accessor == null) {
                return null;
            }
            try {
                return accessor instanceof Method ? ((Method) accessor).invoke(target) : ((Field) accessor).get(target);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    private static AccessibleObject findAccessor(Class<?> type, String property) {
        String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : new String[] {property, "get" + capitalised, "is" + capitalised}) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Method method = c.getDeclaredMethod(name);
                    if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                            && trySetAccessible(method)) {
                        return method;
                    }
                } catch (NoSuchMethodException ignored) {
                    // try the superclass, then the next naming convention
                }
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(property);
                if (!Modifier.isStatic(field.getModifiers()) && trySetAccessible(field)) {
                    return field;
                }
            } catch (NoSuchFieldException ignored) {
                // try the superclass
            }
        }
        return null;
    }

    private static boolean trySetAccessible(AccessibleObject member) {
        try {
            return member.trySetAccessible();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The bounded table of one tag's values. */
    private final class TagValues {
        final ConcurrentHashMap<String, OperationRecorder> byValue = new ConcurrentHashMap<>();

        OperationRecorder recorderFor(String value, int tag) {
            OperationRecorder recorder = byValue.get(value);
            if (recorder != null) {
                return recorder;
            }
            synchronized (this) {
                recorder = byValue.get(value);
                if (recorder == null) {
                    if (byValue.size() >= limit && !value.equals(OTHER)) {
                        return recorderFor(OTHER, tag);
                    }
                    recorder = Recorders.child(operation + "{" + keys[tag] + "=" + value + "}");
                    byValue.put(value, recorder);
                }
                return recorder;
            }
        }
    }
}
