package io.perfweave.agent.http;

import io.perfweave.agent.config.ServerConfig;

import java.net.URI;
import java.util.Locale;

/**
 * Keeps web pages from elsewhere out of a port that binds loopback without a token. A page on
 * another site can make a browser send requests to 127.0.0.1: by renaming its own host to
 * 127.0.0.1 (DNS rebinding), its requests carry that other name in {@code Host}, which is refused;
 * and a form it posts carries its own {@code Origin}, which is refused for {@code POST /reset}.
 */
final class BrowserOriginGuard {
    private BrowserOriginGuard() {
    }

    /** Why the request is refused, or null to let it through. */
    static String refusal(HttpRequest request) {
        String host = request.header("host");
        if (host != null && !ServerConfig.isLoopback(hostName(host))) {
            return "Host '" + host + "' is not a loopback name; this port answers loopback names only"
                    + " (bind another host, with a token, to serve it under other names)";
        }
        String origin = request.header("origin");
        if (origin != null && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            String originHost;
            try {
                originHost = URI.create(origin).getHost();
            } catch (IllegalArgumentException malformed) {
                originHost = null;
            }
            if (originHost == null || !ServerConfig.isLoopback(originHost.toLowerCase(Locale.ROOT))) {
                return "cross-origin " + request.method() + " from " + origin + " refused";
            }
        }
        return null;
    }

    /** The name part of a Host header: without the port, brackets kept for IPv6. */
    static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close < 0 ? name : name.substring(0, close + 1);
        }
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
