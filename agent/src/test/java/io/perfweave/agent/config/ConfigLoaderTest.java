package io.perfweave.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    private ConfigException rejected(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "agent.yaml"));
    }

    @Test
    void theShippedSampleConfigIsValid() throws Exception {
        AgentConfig config = loader.load(Path.of("../config/agent.yaml"));
        assertEquals(6, config.operations().size());
        assertEquals("enhanced_orchestration", config.operations().get(0).name());
        assertEquals("arg0.projectId", config.operations().get(0).tags().get("project_id"));
        assertEquals("127.0.0.1", config.server().host());
    }

    @Test
    void theReadmesConfigExampleIsValid() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String example = readme.substring(readme.indexOf("## Configure"));
        example = example.substring(example.indexOf("```yaml") + "```yaml".length());
        example = example.substring(0, example.indexOf("```"));
        AgentConfig config = loader.parse(example, "README.md");
        assertTrue(config.operations().size() >= 5, example);
    }

    @Test
    void defaultsApplyWhenKeysAreLeftOut() throws Exception {
        AgentConfig config = loader.parse("operations:\n  - name: a\n    class: x.Y\n    method: m\n", "agent.yaml");
        assertEquals(ServerConfig.DEFAULT, config.server());
        assertEquals(60, config.windowSeconds());
        assertEquals(100, config.tagValueLimit());
        assertEquals(AgentConfig.DEFAULT_BUCKETS, config.histogramBucketsSeconds());
        OperationConfig operation = config.operations().get(0);
        assertEquals(Recursion.ALL, operation.recursion());
        assertFalse(operation.async());
        assertTrue(operation.tags().isEmpty());
    }

    @Test
    void unknownKeysNameTheKeyTheLineAndWhatIsExpected() {
        ConfigException e = rejected("operations:\n  - name: a\n    class: x.Y\n    methd: m\n");
        assertTrue(e.getMessage().startsWith("agent.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'methd'"), e.getMessage());
        assertTrue(e.getMessage().contains("method"), e.getMessage());
    }

    @Test
    void selectorKeysAreReadAndTheirErrorsNameThePlace() throws Exception {
        OperationConfig rule = loader.parse("operations:\n  - name: '{method}{descriptor}'\n    class: 'x.**'\n"
                + "    method: '*'\n    exclude: ['x.gen.**']\n    exclude_methods: ['get*']\n    visibility: Public\n"
                + "report_on_exit: out/report.json\n", "agent.yaml").operations().get(0);
        assertEquals(java.util.List.of("x.gen.**"), rule.exclude());
        assertEquals(java.util.List.of("get*"), rule.excludeMethods());
        assertEquals(Visibility.PUBLIC, rule.visibility());
        assertEquals(Visibility.ANY, loader.parse("operations:\n  - name: a\n    class: x.Y\n    method: m\n",
                "agent.yaml").operations().get(0).visibility());

        ConfigException visibility = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    visibility: secret\n");
        assertTrue(visibility.getMessage().startsWith("agent.yaml:5:"), visibility.getMessage());
        assertTrue(visibility.getMessage().contains("visibility must be 'public', 'protected', 'package' or 'any'"),
                visibility.getMessage());
        ConfigException empty = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    exclude_methods: ['']\n");
        assertTrue(empty.getMessage().contains("exclude_methods holds an empty pattern"), empty.getMessage());
        ConfigException placeholder = rejected("operations:\n  - name: '{signature}'\n    class: x.Y\n    method: m\n");
        assertTrue(placeholder.getMessage().contains("{descriptor}"), placeholder.getMessage());
    }

    @Test
    void prometheusTagsNeedTagsWhoseNamesArePrometheusLabels() {
        ConfigException none = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n    prometheus_tags: true\n");
        assertTrue(none.getMessage().contains("prometheus_tags needs tags"), none.getMessage());
        ConfigException reserved = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    tags: {operation: arg0}\n    prometheus_tags: true\n");
        assertTrue(reserved.getMessage().contains("tag 'operation' cannot be a Prometheus label"), reserved.getMessage());
        ConfigException dashed = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    tags: {project-id: arg0}\n    prometheus_tags: true\n");
        assertTrue(dashed.getMessage().startsWith("agent.yaml:"), dashed.getMessage());
        assertTrue(dashed.getMessage().contains("tag 'project-id' cannot be a Prometheus label"), dashed.getMessage());
    }

    @Test
    void otlpExportIsReadWithItsDefaultsAndItsErrorsNameThePlace() throws Exception {
        ExportConfig.Otlp otlp = loader.parse("export:\n  otlp:\n    endpoint: http://collector:4318\n"
                + "    headers: {Authorization: Bearer x}\n", "agent.yaml").export().otlp();
        assertEquals("http://collector:4318/v1/metrics", otlp.metricsUrl());
        assertEquals(10.0, otlp.intervalSeconds());
        assertEquals(java.util.Map.of("Authorization", "Bearer x"), otlp.headers());
        assertEquals("https://c/v1/metrics", loader.parse("export: {otlp: {endpoint: 'https://c/v1/metrics/'}}\n",
                "agent.yaml").export().otlp().metricsUrl());
        assertEquals(null, loader.parse("operations: []\n", "agent.yaml").export().otlp());

        ConfigException scheme = rejected("export:\n  otlp:\n    endpoint: collector:4318\n");
        assertTrue(scheme.getMessage().startsWith("agent.yaml:3:5:"), scheme.getMessage());
        assertTrue(scheme.getMessage().contains("must be an http:// or https:// URL with a host"), scheme.getMessage());
        assertTrue(rejected("export: {otlp: {endpoint: 'http://c', interval_seconds: 0.5}}\n").getMessage()
                .contains("export.otlp.interval_seconds must be between 1 and 3600, was 0.5"));
        assertEquals("gzip", otlp.compression());
        assertTrue(rejected("export: {otlp: {endpoint: 'http://c', compression: zstd}}\n").getMessage()
                .contains("export.otlp.compression must be 'gzip' or 'none', was 'zstd'"));
        assertTrue(rejected("export: {otlp: {interval_seconds: 5}}\n").getMessage().contains("export.otlp.endpoint is required"));
        assertTrue(rejected("export: {otlp: {endpoint: 'http://c', header: {}}}\n").getMessage().contains("header"));
    }

    @Test
    void unknownTopLevelKeyIsAnError() {
        ConfigException e = rejected("operation: []\n");
        assertTrue(e.getMessage().startsWith("agent.yaml:1:1: unknown key 'operation'"), e.getMessage());
        assertTrue(e.getMessage().contains("operations"), e.getMessage());
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        ConfigException e = rejected("window_seconds: soon\n");
        assertTrue(e.getMessage().startsWith("agent.yaml:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("window_seconds"), e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedWithTheirReason() {
        assertTrue(rejected("window_seconds: 0\n").getMessage().contains("window_seconds must be between 1 and 60"));
        assertTrue(rejected("operations:\n  - name: a\n    method: m\n").getMessage().contains("needs a class selector"));
        assertTrue(rejected("operations:\n  - name: a\n    class: x.Y\n").getMessage().contains("needs a 'method'"));
        assertTrue(rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n    recursion: sometimes\n")
                .getMessage().contains("recursion must be 'all' or 'outermost'"));
        assertTrue(rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n    tags: {p: projectId}\n")
                .getMessage().contains("expected argN or argN.property"));
        assertTrue(rejected("operations:\n  - name: '{klass}'\n    class: x.Y\n    method: m\n")
                .getMessage().contains("unknown placeholder {klass}"));
        assertTrue(rejected("histogram_buckets_seconds: [1, 0.5]\n").getMessage().contains("increasing"));
    }

    @Test
    void tagsOfOneOperationMustReadOneArgument() {
        String message = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    tags: {p: arg0.projectId, q: arg1}\n").getMessage();
        assertTrue(message.contains("must read the same argument"), message);
    }

    @Test
    void duplicateNamesAndKeysAreErrors() {
        assertTrue(rejected("operations:\n  - {name: a, class: x.Y, method: m}\n  - {name: a, class: x.Z, method: m}\n")
                .getMessage().contains("'a' is used twice"));
        assertTrue(rejected("window_seconds: 5\nwindow_seconds: 6\n").getMessage().contains("window_seconds"));
    }

    @Test
    void aPublicHostNeedsAToken() {
        String message = rejected("server: {host: 0.0.0.0}\n").getMessage();
        assertTrue(message.contains("server.token is required"), message);
    }

    @Test
    void thresholdLevelsMustBeOrdered() {
        String message = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    thresholds: {p95_ms: {target: 100, warning: 50}}\n").getMessage();
        assertTrue(message.contains("must go up"), message);
    }

    @Test
    void recommendationsMustNameAThreshold() {
        String message = rejected("operations:\n  - name: a\n    class: x.Y\n    method: m\n"
                + "    recommendations: {p95_ms: faster please}\n").getMessage();
        assertTrue(message.contains("not one of its thresholds"), message);
    }

    @Test
    void missingAndEmptyFilesAreClearErrors() throws Exception {
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(Path.of("no/such/file.yaml")))
                .getMessage().contains("no such config file"));
        Path empty = Files.createTempFile("perfweave", ".yaml");
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(empty)).getMessage().contains("empty"));
    }

    @Test
    void yamlSyntaxErrorsCarryTheirPosition() {
        String message = rejected("operations:\n  - name: [a\n").getMessage();
        assertTrue(message.startsWith("agent.yaml:"), message);
    }
}
