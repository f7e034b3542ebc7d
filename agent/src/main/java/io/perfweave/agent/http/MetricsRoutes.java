package io.perfweave.agent.http;

import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Timing;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent's HTTP API: which path answers what. Operation figures come from {@link Statistics};
 * other parts of the agent add Prometheus families ({@link #withMetricFamilies}) and JSON
 * endpoints ({@link #withEndpoint}) of their own. Only the dashboard's static files may be read
 * without the token: they hold no figures.
 */
public final class MetricsRoutes {
    static final String GET_OR_HEAD = "GET, HEAD";

    private final Statistics statistics;
    private final DashboardAssets dashboard;
    private final TagReport tagReport;
    private final List<MetricFamilySource> families = new CopyOnWriteArrayList<>();
    private final Map<String, JsonEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, JsonAction> actions = new ConcurrentHashMap<>();
    /** Prefix (ending in '/') to its route, and to how {@code GET /health} lists it. */
    private final Map<String, PathRoute> pathRoutes = new ConcurrentHashMap<>();
    private final Map<String, String> pathRouteNames = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Supplier<Object>> healthParts = new java.util.concurrent.ConcurrentSkipListMap<>();

    public MetricsRoutes(Statistics statistics) {
        this(statistics, DashboardAssets.load());
    }

    MetricsRoutes(Statistics statistics, DashboardAssets dashboard) {
        this.statistics = statistics;
        this.dashboard = dashboard;
        this.tagReport = new TagReport(statistics);
        families.add(new OperationFamilies(statistics, statistics.catalog().config().histogramBucketsSeconds()));
    }

    /** Adds families to the Prometheus exposition, after the operations'. */
    public MetricsRoutes withMetricFamilies(MetricFamilySource source) {
        families.add(source);
        return this;
    }

    /**
     * Answers {@code GET path} with what {@code endpoint} returns, such as {@code /thresholds}.
     * A path the API already serves cannot be taken over.
     */
    public MetricsRoutes withEndpoint(String path, JsonEndpoint endpoint) {
        if (isBuiltIn(path)) {
            throw new IllegalArgumentException(path + " is served by the metrics routes themselves");
        }
        endpoints.put(path, endpoint);
        return this;
    }

    /** Adds fields to every {@code /report/{tag}/{value}} answer, such as the seeds' judged thresholds. */
    public MetricsRoutes withReportExtension(ReportExtension extension) {
        tagReport.extendWith(extension);
        return this;
    }

    /** Adds a field to {@code GET /health}, such as the weaving state; read anew on every request. */
    public MetricsRoutes withHealth(String name, java.util.function.Supplier<Object> part) {
        healthParts.put(name, part);
        return this;
    }

    /** Answers {@code POST path} by performing {@code action}, such as {@code /config/reload}. */
    public MetricsRoutes withAction(String path, JsonAction action) {
        if (isBuiltIn(path) || endpoints.containsKey(path)) {
            throw new IllegalArgumentException(path + " is served already");
        }
        actions.put(path, action);
        return this;
    }

    /**
     * Hands every request under {@code prefix} (such as {@code /profile/}) to {@code route}.
     *
     * @param listedAs how {@code GET /health} lists it, such as {@code /profile/{operation}}
     */
    public MetricsRoutes withPathRoute(String prefix, String listedAs, PathRoute route) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
            throw new IllegalArgumentException("a path prefix is /name/, was " + prefix);
        }
        if (isBuiltIn(prefix) || endpoints.containsKey(prefix.substring(0, prefix.length() - 1))) {
            throw new IllegalArgumentException(prefix + " is served already");
        }
        pathRoutes.put(prefix, route);
        pathRouteNames.put(prefix, listedAs);
        return this;
    }

    /** True for paths anyone may read: the dashboard's page, script and style, which hold no data. */
    public boolean isPublic(String path) {
        return dashboard.has(path);
    }

    public HttpReply handle(HttpRequest request) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = request.method();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/reset")) {
            if (!method.equals("POST")) {
                return methodNotAllowed("POST");
            }
            statistics.reset();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "reset");
            body.put("at", Instant.ofEpochMilli(statistics.startedMillis()).toString());
            return HttpReply.ok(body);
        }
        for (Map.Entry<String, PathRoute> route : pathRoutes.entrySet()) {
            if (path.startsWith(route.getKey()) && path.length() > route.getKey().length()) {
                return route.getValue().handle(request, path.substring(route.getKey().length()));
            }
        }
        JsonAction action = actions.get(path);
        if (action != null) {
            return method.equals("POST") ? action.perform(request) : methodNotAllowed("POST");
        }
        if (!read) {
            return serves(path) ? methodNotAllowed(GET_OR_HEAD) : notFound(path);
        }
        HttpReply reply = route(path, request);
        return reply == null ? notFound(path) : reply;
    }

    private boolean serves(String path) {
        return dashboard.has(path) || path.equals("/health") || path.equals("/metrics") || path.startsWith("/metrics/")
                || path.startsWith("/report/") || endpoints.containsKey(path);
    }

    private static HttpReply notFound(String path) {
        return HttpReply.error(404, "no such path: " + path);
    }

    /** The GET answer for {@code path}, or null when nothing lives there. */
    private HttpReply route(String path, HttpRequest request) {
        if (dashboard.has(path)) {
            return dashboard.reply(path);
        }
        if (path.equals("/health")) {
            return HttpReply.ok(health());
        }
        if (path.equals("/metrics")) {
            return metrics(request);
        }
        if (path.startsWith("/metrics/")) {
            String name = path.substring("/metrics/".length());
            OperationCatalog.Operation operation = statistics.catalog().get(name);
            if (operation == null) {
                return HttpReply.error(404, "unknown operation '" + name + "'");
            }
            return HttpReply.ok(view(operation));
        }
        if (path.startsWith("/report/")) {
            return tagReport.reply(path.substring("/report/".length()));
        }
        JsonEndpoint endpoint = endpoints.get(path);
        if (endpoint != null) {
            Object answer = endpoint.answer(request);
            return answer == null ? HttpReply.error(404, "nothing at " + path + " yet") : HttpReply.ok(answer);
        }
        return null;
    }

    private static boolean isBuiltIn(String path) {
        return path.equals("/") || path.equals("/health") || path.equals("/reset") || path.equals("/metrics")
                || path.startsWith("/metrics/") || path.startsWith("/report/") || path.startsWith("/dashboard.");
    }

    private HttpReply metrics(HttpRequest request) {
        ExpositionFormat format;
        try {
            format = ExpositionFormat.choose(request.query().get("format"), request.header("accept"));
        } catch (ExpositionFormat.UnknownFormat e) {
            return HttpReply.error(400, e.getMessage());
        }
        if (format == null) {
            return HttpReply.streamed(200, HttpReply.JSON, out -> OperationsJson.write(statistics, out)).withHeader("Vary", "Accept");
        }
        ExpositionFormat chosen = format;
        return HttpReply.streamed(200, format.contentType(), out -> {
            ExpositionWriter writer = new ExpositionWriter(chosen, new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (MetricFamilySource source : families) {
                source.writeTo(writer);
            }
            writer.finish();
        }).withHeader("Vary", "Accept");
    }

    private static HttpReply methodNotAllowed(String allowed) {
        return HttpReply.error(405, "method not allowed; use " + allowed).withHeader("Allow", allowed);
    }

    /** An operation's summary since start, plus how many methods it matched and its window summary. */
    OperationView view(OperationCatalog.Operation operation) {
        return OperationsJson.view(statistics, operation);
    }

    private Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("operations", statistics.catalog().all().size());
        health.put("uptime_seconds", statistics.secondsSinceStart());
        health.put("statistics_since", Instant.ofEpochMilli(statistics.startedMillis()).toString());
        health.put("advice_failures", Timing.adviceFailures());
        healthParts.forEach((name, part) -> health.put(name, part.get()));
        List<String> paths = new ArrayList<>(List.of("/metrics", "/metrics/{operation}", "/report/{tag}/{value}", "/health"));
        endpoints.keySet().stream().sorted().forEach(paths::add);
        pathRouteNames.values().stream().sorted().forEach(paths::add);
        // the dashboard reads this list, so that it asks only for what this agent serves
        health.put("endpoints", paths);
        return health;
    }
}
