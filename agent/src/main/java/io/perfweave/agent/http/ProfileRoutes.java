package io.perfweave.agent.http;

import io.perfweave.agent.profile.FlameGraphSvg;
import io.perfweave.agent.profile.FrameShare;
import io.perfweave.agent.profile.ProfileSnapshot;
import io.perfweave.agent.profile.SlowCallProfiles;
import io.perfweave.agent.record.OperationCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles of slow calls on the port. {@code GET /profile/{operation}}: collapsed stacks as
 * text, one {@code frame;frame;frame count} per line, hottest first (what flame graph tools read);
 * {@code ?format=svg}: a flame graph; {@code ?format=json}: the samples and the hottest frames.
 * {@code POST /profile/{operation}/reset} clears the profile.
 *
 * <p>An unknown operation is a 404, and so is one without a {@code profile} in its rule: it has
 * no profile to serve, and the message says how to give it one.
 */
public final class ProfileRoutes implements PathRoute {
    static final String PREFIX = "/profile/";
    private static final String RESET = "/reset";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String SVG = "image/svg+xml; charset=utf-8";
    /** Frames listed in the JSON answer. */
    private static final int HOTTEST = 10;

    private final SlowCallProfiles profiles;
    private final OperationCatalog catalog;

    private ProfileRoutes(SlowCallProfiles profiles, OperationCatalog catalog) {
        this.profiles = profiles;
        this.catalog = catalog;
    }

    public static void register(MetricsRoutes routes, SlowCallProfiles profiles, OperationCatalog catalog) {
        routes.withPathRoute(PREFIX, "/profile/{operation}", new ProfileRoutes(profiles, catalog));
    }

    @Override
    public HttpReply handle(HttpRequest request, String rest) {
        String method = request.method();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (rest.endsWith(RESET) && rest.length() > RESET.length() && !isOperation(rest)) {
            if (!method.equals("POST")) {
                return HttpReply.error(405, "method not allowed; use POST").withHeader("Allow", "POST");
            }
            String operation = rest.substring(0, rest.length() - RESET.length());
            HttpReply missing = missing(operation);
            if (missing != null) {
                return missing;
            }
            profiles.reset(operation);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "reset");
            body.put("operation", operation);
            return HttpReply.ok(body);
        }
        if (!read) {
            return HttpReply.error(405, "method not allowed; use " + MetricsRoutes.GET_OR_HEAD)
                    .withHeader("Allow", MetricsRoutes.GET_OR_HEAD);
        }
        HttpReply missing = missing(rest);
        if (missing != null) {
            return missing;
        }
        String format = request.query().get("format");
        ProfileSnapshot profile = profiles.snapshot(rest);
        if (format == null || format.isEmpty() || format.equals("collapsed")) {
            return HttpReply.text(200, TEXT, profile.collapsedText());
        }
        if (format.equals("svg")) {
            return HttpReply.text(200, SVG, FlameGraphSvg.render(profile));
        }
        if (format.equals("json")) {
            return HttpReply.ok(summary(profile));
        }
        return HttpReply.error(400, "unknown format '" + format + "'; expected collapsed (the default), svg or json");
    }

    /** Whether the whole rest names an operation (one whose name ends in "/reset", say). */
    private boolean isOperation(String rest) {
        return catalog.get(rest) != null;
    }

    /** The 404 for an operation that is unknown or has no profile; null when it has one. */
    private HttpReply missing(String operation) {
        if (catalog.get(operation) == null) {
            return HttpReply.error(404, "unknown operation '" + operation + "'");
        }
        if (!profiles.isProfiled(operation)) {
            return HttpReply.error(404, "operation '" + operation + "' has no profile: give its rule"
                    + " 'profile: {slower_than_ms: N}' to sample the stacks of its calls slower than N ms");
        }
        return null;
    }

    private static Map<String, Object> summary(ProfileSnapshot profile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", profile.operation());
        body.put("samples", profile.samples());
        body.put("distinct_stacks", profile.stacks().size());
        List<Map<String, Object>> frames = new java.util.ArrayList<>();
        for (FrameShare share : profile.hottestFrames(HOTTEST)) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("frame", share.frame());
            frame.put("samples", share.samples());
            frame.put("share_percent", Math.round(share.percent() * 10) / 10.0);
            frames.add(frame);
        }
        body.put("hottest_frames", frames);
        return body;
    }
}
