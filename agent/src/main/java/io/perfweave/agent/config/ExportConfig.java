package io.perfweave.agent.config;


import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the operations' figures are pushed, beside being served on the port.
 *
 * @param otlp OTLP/HTTP metrics to an OpenTelemetry Collector (or any OTLP receiver); null: no push
 */
public record ExportConfig(Otlp otlp) {
    public static final ExportConfig NONE = new ExportConfig(null);

    /**
     * OTLP/HTTP (protobuf) push of every operation's histogram and call counters, cumulative.
     *
     * @param endpoint the receiver's base URL, such as {@code http://collector:4318}; {@code /v1/metrics}
     *                 is appended unless the URL ends with it already
     * @param intervalSeconds how often the figures are pushed (1..3600, default 10)
     * @param headers sent with every push, for example an authorization header
     * @param timeoutSeconds how long one push may take, retries included (1..60, default 10)
     * @param serviceName the {@code service.name} resource attribute; default the environment's
     *                    {@code OTEL_SERVICE_NAME}, else the application's main class
     * @param compression {@code gzip} (the default: a push of many operations shrinks about tenfold)
     *                    or {@code none}
     */
    public record Otlp(String endpoint,
                       Double intervalSeconds,
                       Map<String, String> headers,
                       Double timeoutSeconds,
                       String serviceName,
                       String compression) {
        public Otlp {
            if (endpoint == null || endpoint.isBlank()) {
                throw new IllegalArgumentException("export.otlp.endpoint is required, e.g. http://localhost:4318");
            }
            URI uri;
            try {
                uri = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("export.otlp.endpoint is not a URL: '" + endpoint + "'");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("export.otlp.endpoint must be an http:// or https:// URL with a host, was '"
                        + endpoint + "'");
            }
            endpoint = endpoint.trim();
            intervalSeconds = intervalSeconds == null ? 10.0 : intervalSeconds;
            if (!(intervalSeconds >= 1 && intervalSeconds <= 3600)) {
                throw new IllegalArgumentException("export.otlp.interval_seconds must be between 1 and 3600, was "
                        + intervalSeconds);
            }
            timeoutSeconds = timeoutSeconds == null ? 10.0 : timeoutSeconds;
            if (!(timeoutSeconds >= 1 && timeoutSeconds <= 60)) {
                throw new IllegalArgumentException("export.otlp.timeout_seconds must be between 1 and 60, was "
                        + timeoutSeconds);
            }
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().isBlank() || !header.getKey().chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                    throw new IllegalArgumentException("export.otlp.headers: '" + header.getKey() + "' is not a header name");
                }
                if (header.getValue() == null) {
                    throw new IllegalArgumentException("export.otlp.headers: '" + header.getKey() + "' needs a value");
                }
            }
            headers = Map.copyOf(headers);
            compression = compression == null ? "gzip" : compression;
            if (!compression.equals("gzip") && !compression.equals("none")) {
                throw new IllegalArgumentException("export.otlp.compression must be 'gzip' or 'none', was '" + compression + "'");
            }
            if (serviceName != null && serviceName.isBlank()) {
                throw new IllegalArgumentException("export.otlp.service_name must not be empty");
            }
        }

        /** The URL the metrics are posted to. */
        public String metricsUrl() {
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            return base.endsWith("/v1/metrics") ? base : base + "/v1/metrics";
        }
    }
}
