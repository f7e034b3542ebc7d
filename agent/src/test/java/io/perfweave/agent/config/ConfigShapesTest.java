package io.perfweave.agent.config;

import io.perfweave.agent.config.ConfigShapes.Key;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The written-out shapes against the records they describe, found here by reflection. */
class ConfigShapesTest {
    /** Keys whose record component is not the key in camel case. */
    private static final Map<String, String> RENAMED = Map.of("class", "className");

    private static String component(String key) {
        if (RENAMED.containsKey(key)) {
            return RENAMED.get(key);
        }
        StringBuilder camel = new StringBuilder();
        for (String part : key.split("_")) {
            camel.append(camel.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return camel.toString();
    }

    @Test
    void everyConfigRecordHasAShapeWithItsComponentsInOrder() {
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(AgentConfig.class));
        Set<Class<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!seen.add(type)) {
                continue;
            }
            Key[] keys = ConfigShapes.keysOf(type);
            assertNotNull(keys, "no shape for " + type.getName());
            RecordComponent[] components = type.getRecordComponents();
            assertEquals(components.length, keys.length, type.getSimpleName() + ": one key per component");
            for (int i = 0; i < keys.length; i++) {
                RecordComponent component = components[i];
                String where = type.getSimpleName() + "." + component.getName();
                assertEquals(component.getName(), component(keys[i].name()), where + ": key " + keys[i].name());
                Class<?> raw = component.getType() == boolean.class ? Boolean.class
                        : component.getType() == int.class ? Integer.class : component.getType();
                assertEquals(raw, keys[i].type(), where);
                Type generic = component.getGenericType();
                if (generic instanceof ParameterizedType parameterized) {
                    Type[] arguments = parameterized.getActualTypeArguments();
                    assertEquals(arguments[arguments.length - 1], keys[i].element(), where + ": element type");
                }
                if (raw.isRecord()) {
                    pending.push(raw);
                } else if (keys[i].element() != null && keys[i].element().isRecord()) {
                    pending.push(keys[i].element());
                } else if (raw.isEnum()) {
                    assertTrue(ConfigShapes.isWord(raw), where + ": an enum is written as a word");
                }
            }
        }
        assertTrue(seen.size() >= 13, "the records reached from AgentConfig: " + seen);
    }

    @Test
    void createMakesEachRecordFromItsValuesInOrder() throws Exception {
        AgentConfig config = new ConfigLoader().parse(String.join("\n",
                "server: {host: 127.0.0.1, port: 0, threads: 2}",
                "window_seconds: 30",
                "resources: {interval_seconds: 2, os_probe: 'off', thresholds: {cpu_percent: {warning: 80}, for_seconds: 5}}",
                "reload: {watch: false, poll_seconds: 7}",
                "profiling: {interval_ms: 20, max_stacks: 50}",
                "export: {otlp: {endpoint: 'http://localhost:4318', interval_seconds: 15, service_name: svc}}",
                "alerts: {regression_percent: 20}",
                "operations:",
                "  - name: op",
                "    class: a.B",
                "    method: m",
                "    recursion: outermost",
                "    visibility: public",
                "    thresholds: {p95_ms: {target: 1, warning: 2, critical: 3}, over: window}",
                "    profile: {slower_than_ms: 5}",
                ""), "shapes.yaml");
        assertEquals(2, config.server().threads());
        assertEquals(30, config.windowSeconds());
        assertEquals(2.0, config.resources().intervalSeconds());
        assertEquals(80.0, config.resources().thresholds().cpuPercent().warning());
        assertEquals(5, config.resources().thresholds().forSeconds());
        assertEquals(7, config.reload().pollSeconds());
        assertEquals(50, config.profiling().maxStacks());
        assertEquals("svc", config.export().otlp().serviceName());
        assertEquals(20.0, config.alerts().regressionPercent());
        OperationConfig operation = config.operations().get(0);
        assertEquals("a.B", operation.className());
        assertEquals(Recursion.OUTERMOST, operation.recursion());
        assertEquals(Visibility.PUBLIC, operation.visibility());
        assertEquals(3.0, operation.thresholds().p95Ms().critical());
        assertEquals("window", operation.thresholds().over());
        assertEquals(5.0, operation.profile().slowerThanMs());
    }
}
