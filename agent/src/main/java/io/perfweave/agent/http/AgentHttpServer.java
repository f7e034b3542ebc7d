package io.perfweave.agent.http;

import fi.iki.elonen.NanoHTTPD;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.log.AgentLog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
 * The embedded HTTP port, on the agent's own threads only: one accept thread and a small fixed
 * pool of workers ({@code server.threads}) with a bounded queue; when both are full a connection
 * is closed at once rather than queued without bound.
 *
 * <p>Each connection carries one request: {@link RequestHeadReader} reads it within its limits
 * and deadline and refuses what is malformed or too large with a JSON error; NanoHTTPD parses
 * what is left and the answer closes the connection, so that no idle client holds a worker.
 * With a token configured, every path but the dashboard's static files needs
 * {@code Authorization: Bearer <token>}, compared in constant time. Without one the port is on
 * loopback (the config insists) and {@link BrowserOriginGuard} keeps other sites' pages out.
 */
public final class AgentHttpServer extends NanoHTTPD {
    /** Longest wait for one read from a client. */
    static final int SOCKET_TIMEOUT_MILLIS = 5_000;
    /** Pause between attempts to bind a port that was busy. */
    static final int BIND_RETRY_MILLIS = 10_000;
    private static final int QUEUE = 64;

    private final ServerConfig config;
    private final MetricsRoutes routes;
    private final byte[] token;
    private final LastServerSocket sockets = new LastServerSocket();

    public AgentHttpServer(ServerConfig config, MetricsRoutes routes) {
        super(config.host(), config.port());
        this.config = config;
        this.routes = routes;
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        setAsyncRunner(new BoundedRunner(config.threads()));
        setServerSocketFactory(sockets);
    }

    /**
     * Binds the port. A busy port is one log line: the agent goes on recording, tries again every
     * {@value #BIND_RETRY_MILLIS} ms on a thread of its own, and logs once more when it succeeds.
     */
    public boolean startQuietly() {
        NanoHttpdLog.redirectToAgentLog();
        try {
            bind();
            return true;
        } catch (IOException | RuntimeException e) {
            AgentLog.error("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                    + "); statistics are still recorded, but not served; trying again every "
                    + BIND_RETRY_MILLIS / 1000 + " s");
            Thread retry = new Thread(this::bindWhenFree, "perfweave-http-bind");
            retry.setDaemon(true);
            retry.start();
            return false;
        }
    }

    private void bind() throws IOException {
        try {
            start(SOCKET_TIMEOUT_MILLIS, true);
        } catch (IOException | RuntimeException e) {
            sockets.closeLast(); // the unbound socket would otherwise hold a descriptor until collected
            throw e;
        }
        AgentLog.info("metrics on http://" + config.host() + ":" + getListeningPort() + "/metrics");
        Thread close = new Thread(this::closeAtExit, "perfweave-http-exit");
        close.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(close);
    }

    /**
     * Closes the port as the JVM exits. A thread blocked in {@code accept()} is in native code,
     * and HotSpot's exit waits up to 300 ms for such threads to come out; closed first, the
     * accepting thread ends at once and the exit does not wait for it.
     */
    private void closeAtExit() {
        try {
            stop();
        } catch (RuntimeException e) {
            // the JVM is exiting: nothing to tell
        }
    }

    private void bindWhenFree() {
        while (true) {
            try {
                Thread.sleep(BIND_RETRY_MILLIS);
                bind();
                return;
            } catch (InterruptedException stop) {
                return;
            } catch (IOException | RuntimeException stillBusy) {
                // said once already
            }
        }
    }

    @Override
    protected ServerRunnable createServerRunnable(int timeout) {
        return new ServerRunnable(timeout) {
            @Override
            public void run() {
                // named like every agent thread, so that the recorders never count its work
                Thread.currentThread().setName("perfweave-http-accept");
                super.run();
            }
        };
    }

    @Override
    protected ClientHandler createClientHandler(Socket socket, InputStream inputStream) {
        return new OneRequestConnection(inputStream, socket);
    }

    /** Reads and checks the request on a worker, then lets NanoHTTPD parse and answer it. */
    private final class OneRequestConnection extends ClientHandler {
        private final InputStream in;
        private final Socket socket;

        OneRequestConnection(InputStream in, Socket socket) {
            super(in, socket);
            this.in = in;
            this.socket = socket;
        }

        @Override
        public void run() {
            byte[] request;
            try {
                request = RequestHeadReader.read(socket, in, SOCKET_TIMEOUT_MILLIS);
            } catch (RejectedRequest refused) {
                DirectReply.sendAndClose(socket, refused.status(), refused.getMessage(), refused.headers());
                return;
            } catch (RequestHeadReader.NoRequest | IOException gone) {
                close();
                return;
            }
            new ClientHandler(new ByteArrayInputStream(request), socket).run();
        }
    }

    @Override
    public Response serve(IHTTPSession session) {
        HttpReply reply;
        try {
            Map<String, String> headers = new HashMap<>();
            session.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            Map<String, String> query = new HashMap<>();
            for (Map.Entry<String, List<String>> e : session.getParameters().entrySet()) {
                query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
            }
            HttpRequest request = new HttpRequest(session.getMethod().name(), session.getUri(), query, headers);
            reply = answer(request);
        } catch (RuntimeException e) {
            AgentLog.warn("request failed: " + e);
            reply = HttpReply.error(500, "internal error: " + e.getClass().getSimpleName());
        }
        if (reply.isStreamed()) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(reply.headers());
            headers.put("Cache-Control", "no-store");
            headers.put("X-Content-Type-Options", "nosniff");
            Response response = new StreamedResponse(status(reply.status()), reply.contentType(), reply.streamed(),
                    headers, session.getMethod() == Method.HEAD);
            response.closeConnection(true);
            return response;
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        // HEAD: the length GET would send, and no body
        InputStream data = session.getMethod() == Method.HEAD ? InputStream.nullInputStream() : new ByteArrayInputStream(body);
        Response response = newFixedLengthResponse(status(reply.status()), reply.contentType(), data, body.length);
        reply.headers().forEach(response::addHeader);
        response.addHeader("Cache-Control", "no-store");
        response.addHeader("X-Content-Type-Options", "nosniff");
        response.closeConnection(true);
        return response;
    }

    private HttpReply answer(HttpRequest request) {
        if (token == null) {
            String refusal = BrowserOriginGuard.refusal(request);
            if (refusal != null) {
                return HttpReply.error(403, refusal);
            }
        } else {
            boolean open = routes.isPublic(request.path())
                    && (request.method().equals("GET") || request.method().equals("HEAD"));
            if (!open && !authorized(request.header("authorization"))) {
                return HttpReply.error(401, "missing or wrong bearer token").withHeader("WWW-Authenticate", "Bearer");
            }
        }
        return routes.handle(request);
    }

    /**
     * Checks {@code Bearer <token>} (the scheme in any case). The token is compared in constant
     * time, so that response times do not reveal how much of a guess was right.
     */
    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, offered);
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
                return code + " " + DirectReply.reason(code);
            }

            @Override
            public int getRequestStatus() {
                return code;
            }
        };
    }

    /** Creates the listening sockets, and keeps the last so that a failed bind can release it. */
    private static final class LastServerSocket implements ServerSocketFactory {
        private volatile ServerSocket last;

        @Override
        public ServerSocket create() throws IOException {
            ServerSocket socket = new ServerSocket();
            last = socket;
            return socket;
        }

        void closeLast() {
            ServerSocket socket = last;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing an unbound socket
                }
            }
        }
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
