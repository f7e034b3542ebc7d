package io.perfweave.orchestrator.api;

import com.sun.net.httpserver.HttpServer;
import io.perfweave.orchestrator.OrchestratorJson;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.decision.DecisionEngine;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The orchestrator's HTTP API on the JDK's built-in server. */
public final class OrchestratorServer implements AutoCloseable {

    /** Enough to keep both cores busy while some requests wait on their clients. */
    public static final int REQUEST_THREADS = 16;
    /** Requests that may wait for a thread before the server starts answering 503. */
    public static final int REQUEST_QUEUE = 128;
    /** No legitimate orchestration request comes anywhere near this. */
    public static final int BODY_LIMIT_BYTES = 64 * 1024;

    private final HttpServer server;
    private final BoundedRequestExecutor executor;

    private OrchestratorServer(HttpServer server, BoundedRequestExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on the address (port 0: any free port); see {@link #port()}. */
    public static OrchestratorServer start(InetSocketAddress address, ChronicleHistory history,
                                           DecisionEngine decisionEngine) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        BoundedRequestExecutor executor = new BoundedRequestExecutor(REQUEST_THREADS, REQUEST_QUEUE);
        server.createContext("/", new ApiRouter(history, decisionEngine, OrchestratorJson.newMapper(), BODY_LIMIT_BYTES));
        server.setExecutor(executor);
        server.start();
        return new OrchestratorServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting connections, lets exchanges in progress finish briefly, then stops. */
    @Override
    public void close() {
        server.stop(1);
        executor.close();
    }
}
