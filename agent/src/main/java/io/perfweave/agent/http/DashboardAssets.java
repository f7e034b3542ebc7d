package io.perfweave.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's page, script and style, read once from the agent's jar. The page loads nothing
 * from elsewhere, and its Content-Security-Policy lets it load nothing from elsewhere either.
 */
final class DashboardAssets {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, String body) {
    }

    private final Map<String, Asset> byPath;

    private DashboardAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    static DashboardAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        assets.put("/", new Asset("text/html; charset=utf-8", read("dashboard.html")));
        assets.put("/dashboard.js", new Asset("text/javascript; charset=utf-8", read("dashboard.js")));
        assets.put("/dashboard.css", new Asset("text/css; charset=utf-8", read("dashboard.css")));
        return new DashboardAssets(assets);
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    HttpReply reply(String path) {
        Asset asset = byPath.get(path);
        return HttpReply.text(200, asset.contentType(), asset.body())
                .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static String read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + name + " is missing from the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + name, e);
        }
    }
}
