package io.perfweave.agent.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.stats.Summary;
import io.perfweave.bootstrap.Timing;

import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's HTTP API: which path answers what. */
public final class MetricsRoutes {
    private final Statistics statistics;

    public MetricsRoutes(Statistics statistics) {
        this.statistics = statistics;
    }

    public HttpReply handle(HttpRequest request) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/reset")) {
            if (!request.method().equals("POST")) {
                return methodNotAllowed("POST");
            }
            statistics.reset();
            return HttpReply.ok(Map.of("status", "reset"));
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return methodNotAllowed("GET");
        }
        if (path.equals("/health")) {
            return HttpReply.ok(health());
        }
        if (path.equals("/metrics")) {
            return HttpReply.ok(allOperations());
        }
        if (path.startsWith("/metrics/")) {
            String name = path.substring("/metrics/".length());
            OperationCatalog.Operation operation = statistics.catalog().get(name);
            if (operation == null) {
                return HttpReply.error(404, "unknown operation '" + name + "'");
            }
            return HttpReply.ok(view(operation));
        }
        return HttpReply.error(404, "no such path: " + path);
    }

    private static HttpReply methodNotAllowed(String allowed) {
        return HttpReply.error(405, "method not allowed; use " + allowed).withHeader("Allow", allowed);
    }

    private Map<String, Object> allOperations() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (OperationCatalog.Operation operation : statistics.catalog().all()) {
            all.put(operation.name(), view(operation));
        }
        return all;
    }

    /** An operation's summary since start, plus how many methods it matched and its window summary. */
    ObjectNode view(OperationCatalog.Operation operation) {
        Summary total = statistics.summary(operation.recorder(), operation.name());
        Summary window = statistics.windowSummary(operation.recorder(), operation.name());
        ObjectNode node = HttpReply.MAPPER.valueToTree(total);
        node.put("matched", operation.matched());
        ObjectNode windowNode = HttpReply.MAPPER.valueToTree(window);
        windowNode.remove("operation");
        windowNode.put("window_seconds", statistics.windowSeconds());
        node.set("window", windowNode);
        return node;
    }

    private Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("operations", statistics.catalog().all().size());
        health.put("uptime_seconds", statistics.secondsSinceStart());
        health.put("advice_failures", Timing.adviceFailures());
        return health;
    }
}
