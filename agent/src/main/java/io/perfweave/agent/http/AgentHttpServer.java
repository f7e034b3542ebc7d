package io.perfweave.agent.http;

import fi.iki.elonen.NanoHTTPD;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.log.AgentLog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP port. Requests run on a small fixed pool of agent threads, never on the
 * host's; when the pool and its queue are full a connection is closed at once rather than
 * queued without bound. Slow clients time out after {@link #SOCKET_TIMEOUT_MILLIS}.
 */
public final class AgentHttpServer extends NanoHTTPD {
    static final int SOCKET_TIMEOUT_MILLIS = 5_000;
    private static final int QUEUE = 64;

    private final ServerConfig config;
    private final MetricsRoutes routes;
    private final byte[] token;

    public AgentHttpServer(ServerConfig config, MetricsRoutes routes) {
        super(config.host(), config.port());
        this.config = config;
        this.routes = routes;
        this.token = config.token() == null ? null : ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        setAsyncRunner(new BoundedRunner(config.threads()));
    }

    /** Binds the port; a busy port is one log line, and the agent goes on recording. */
    public boolean startQuietly() {
        try {
            start(SOCKET_TIMEOUT_MILLIS, true);
            AgentLog.info("metrics on http://" + config.host() + ":" + getListeningPort() + "/metrics");
            return true;
        } catch (IOException | RuntimeException e) {
            AgentLog.error("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                    + "); statistics are still recorded, but not served");
            return false;
        }
    }

    @Override
    public Response serve(IHTTPSession session) {
        HttpReply reply;
        try {
            Map<String, String> headers = new HashMap<>();
            session.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            if (token != null && !authorized(headers.get("authorization"))) {
                reply = HttpReply.error(401, "missing or wrong bearer token").withHeader("WWW-Authenticate", "Bearer");
            } else {
                Map<String, String> query = new HashMap<>();
                for (Map.Entry<String, List<String>> e : session.getParameters().entrySet()) {
                    query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
                }
                reply = routes.handle(new HttpRequest(session.getMethod() == null ? "UNKNOWN" : session.getMethod().name(),
                        session.getUri(), query, headers));
            }
        } catch (RuntimeException e) {
            AgentLog.warn("request failed: " + e);
            reply = HttpReply.error(500, "internal error: " + e.getClass().getSimpleName());
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        Response response = newFixedLengthResponse(status(reply.status()), reply.contentType(),
                new ByteArrayInputStream(body), body.length);
        reply.headers().forEach(response::addHeader);
        response.addHeader("Cache-Control", "no-store");
        return response;
    }

    /** Compares in constant time, so that response times do not reveal the token. */
    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
    }

    private static Response.IStatus status(int code) {
        for (Response.Status status : Response.Status.values()) {
            if (status.getRequestStatus() == code) {
                return status;
            }
        }
        return new Response.IStatus() {
            @Override
            public String getDescription() {
                return code + " Status";
            }

            @Override
            public int getRequestStatus() {
                return code;
            }
        };
    }

    /** Runs client connections on a fixed pool of daemon threads with a bounded queue. */
    private static final class BoundedRunner implements AsyncRunner {
        private final ThreadPoolExecutor pool;

        BoundedRunner(int threads) {
            AtomicInteger number = new AtomicInteger();
            pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread thread = new Thread(r, "perfweave-http-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        public void closeAll() {
            pool.shutdownNow();
        }

        @Override
        public void closed(ClientHandler handler) {
            // nothing kept per connection
        }

        @Override
        public void exec(ClientHandler handler) {
            try {
                pool.execute(handler);
            } catch (RejectedExecutionException busy) {
                handler.close();
            }
        }
    }
}
