package io.perfweave.agent.config;


/**
 * Where the agent's HTTP port listens. Loopback by default; any other host requires a token.
 *
 * @param enabled false to run without a port (statistics are still recorded)
 * @param host interface to bind, default {@code 127.0.0.1}
 * @param port TCP port, default 9404; 0 picks a free port and logs it
 * @param token bearer token required on every request; mandatory when {@code host} is not loopback
 * @param threads worker threads serving requests (1..32), default 4
 */
public record ServerConfig(boolean enabled, String host, int port, String token, int threads) {
    public static final int DEFAULT_PORT = 9404;
    public static final ServerConfig DEFAULT = new ServerConfig(true, "127.0.0.1", DEFAULT_PORT, null, 4);
    public static ServerConfig of(Boolean enabled, String host,
                                  Integer port, String token,
                                  Integer threads) {
        return new ServerConfig(enabled == null || enabled, host == null ? DEFAULT.host : host,
                port == null ? DEFAULT_PORT : port, token, threads == null ? DEFAULT.threads : threads);
    }

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be between 0 and 65535, was " + port);
        }
        if (threads < 1 || threads > 32) {
            throw new IllegalArgumentException("server.threads must be between 1 and 32, was " + threads);
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("server.token must be at least 16 characters long");
        }
        if (enabled && !isLoopback(host) && token == null) {
            throw new IllegalArgumentException("server.host " + host
                    + " is not a loopback address, so server.token is required");
        }
    }

    /** True for host names that cannot be reached from another machine. */
    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(enabled, newHost, port, token, threads);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(enabled, host, newPort, token, threads);
    }

    public ServerConfig withToken(String newToken) {
        return new ServerConfig(enabled, host, port, newToken, threads);
    }
}
