package io.perfweave.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.UnknownProjectException;
import io.perfweave.orchestrator.decision.DecisionEngine;
import io.perfweave.orchestrator.decision.ProjectData;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The service's endpoints:
 * <ul>
 *   <li>{@code POST /orchestrate/project/{project_id}}: the orchestration decision for a project;</li>
 *   <li>{@code GET /health}: whether the service is up and how much history it holds.</li>
 * </ul>
 * Every failure is answered with a JSON error body and a status saying whose fault it was.
 */
final class ApiRouter implements HttpHandler {

    static final String ORCHESTRATE_PREFIX = "/orchestrate/project/";
    static final String HEALTH_PATH = "/health";

    private static final System.Logger LOG = System.getLogger(ApiRouter.class.getName());

    private final ChronicleHistory history;
    private final DecisionEngine decisionEngine;
    private final JsonResponder responder;
    private final RequestBodyReader bodyReader;
    private final OrchestrationRequestParser requestParser;

    ApiRouter(ChronicleHistory history, DecisionEngine decisionEngine, ObjectMapper mapper, int bodyLimitBytes) {
        this.history = history;
        this.decisionEngine = decisionEngine;
        this.responder = new JsonResponder(mapper);
        this.bodyReader = new RequestBodyReader(bodyLimitBytes);
        this.requestParser = new OrchestrationRequestParser(mapper);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (ApiException e) {
            if (e.allowedMethod() != null) {
                exchange.getResponseHeaders().set("Allow", e.allowedMethod());
            }
            responder.sendError(exchange, e.status(), e.getMessage());
        } catch (UnknownProjectException e) {
            responder.sendError(exchange, 404, e.getMessage());
        } catch (RuntimeException e) {
            // A failure inside the orchestration itself, e.g. corrupt history: the client
            // learns what failed, the log keeps the stack trace.
            LOG.log(Level.WARNING, "request " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI() + " failed", e);
            responder.sendError(exchange, 500, "orchestration failed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        if (BoundedRequestExecutor.isSheddingLoad()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            throw new ApiException(503, "server busy, retry shortly");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (HEALTH_PATH.equals(path)) {
            requireMethod(method, path, "GET");
            responder.send(exchange, 200, new HealthStatus("UP", "sample-orchestrator", history.size()));
        } else if (isProjectPath(path)) {
            requireMethod(method, path, "POST");
            String projectId = path.substring(ORCHESTRATE_PREFIX.length());
            ProjectData request = requestParser.parse(projectId, bodyReader.read(exchange));
            responder.send(exchange, 200, decisionEngine.makeOrchestrationDecision(request));
        } else {
            throw new ApiException(404, "no endpoint " + path);
        }
    }

    private static boolean isProjectPath(String path) {
        return path.startsWith(ORCHESTRATE_PREFIX)
                && path.length() > ORCHESTRATE_PREFIX.length()
                && path.indexOf('/', ORCHESTRATE_PREFIX.length()) < 0;
    }

    private static void requireMethod(String method, String path, String allowed) {
        if (!allowed.equals(method)) {
            throw ApiException.methodNotAllowed(method, path, allowed);
        }
    }
}
