package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.select.SelectorApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selector keys {@code visibility}, {@code exclude}, {@code exclude_methods} and {@code {descriptor}} on a forked JVM. */
class SelectorKeysIT {
    private static final String APP = SelectorApp.class.getName();
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: 'public.{method}'",
            "    class: " + APP,
            "    method: '*'",
            "    visibility: public",
            "    exclude_methods: ['helper*', find, main]",
            "  - name: 'protected.{method}'",
            "    class: " + APP,
            "    method: '*ly'",
            "    visibility: protected",
            "  - name: 'package.{method}'",
            "    class: " + APP,
            "    method: '*'",
            "    visibility: package",
            "    exclude_methods: ['helper*', find, main]",
            "  - name: 'any.{method}'",
            "    class: " + APP,
            "    method: packaged",
            "  - name: 'any.privately'",
            "    class: " + APP,
            "    method: privately",
            "  - name: '{simpleClass}.{method}{descriptor}'",
            "    class: " + APP,
            "    method: find",
            "  - name: nested_work",
            "    class: '" + APP + "$*'",
            "    exclude: ['" + APP + "$Skip*']",
            "    method: work",
            "");

    private static ForkedJvm app;

    @BeforeAll
    static void start() throws Exception {
        app = ForkedJvm.start(CONFIG, APP);
        app.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode metrics() throws Exception {
        return app.getJson("/metrics");
    }

    private static List<String> names(JsonNode all, String prefix) {
        List<String> names = new ArrayList<>();
        all.fieldNames().forEachRemaining(name -> {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Test
    void visibilityKeepsTheLeastVisibleMethodsItNames() throws Exception {
        JsonNode all = metrics();
        assertEquals(List.of("public.openly"), names(all, "public."), "public, without the excluded methods");
        assertEquals(List.of("protected.openly", "protected.protectedly"), names(all, "protected."));
        assertEquals(List.of("package.openly", "package.packaged", "package.protectedly"), names(all, "package."));
        assertEquals(3, all.get("any.privately").get("total_calls").asLong(), "any keeps private methods");
        assertEquals(3, all.get("public.openly").get("total_calls").asLong());
    }

    @Test
    void theDescriptorPlaceholderTellsOverloadsApart() throws Exception {
        JsonNode all = metrics();
        assertEquals(List.of("SelectorApp.find(int)", "SelectorApp.find(java.lang.String)"), names(all, "SelectorApp.find"));
        assertEquals(4, all.get("SelectorApp.find(java.lang.String)").get("total_calls").asLong());
        assertEquals(2, app.getJson("/metrics/SelectorApp.find(int)").get("total_calls").asLong());
    }

    @Test
    void excludeLeavesOutClassesAndMethodsTheRuleWouldSelect() throws Exception {
        JsonNode work = metrics().get("nested_work");
        assertEquals(1, work.get("matched").asInt(), "only Kept.work: " + work);
        assertEquals(5, work.get("total_calls").asLong());
        assertTrue(app.stderr().stream().noneMatch(line -> line.contains("ERROR")), String.join("\n", app.stderr()));
    }
}
