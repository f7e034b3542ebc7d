package io.perfweave.it;

import io.perfweave.it.apps.LoopingApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.perfweave.it.AttachIT.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changing the config file of a running agent: operations added, removed and kept; a bad config rejected. */
class ReloadIT {
    private static final String APP = LoopingApp.class.getName();

    private static String rule(String method) {
        return "  - name: " + method + "\n    class: " + APP + "\n    method: " + method + "\n";
    }

    @Test
    void aReloadAskedForOnThePortIsAppliedOrRejectedWhole() throws Exception {
        Path config = Files.createTempFile("perfweave-reload-", ".yaml");
        String header = "server: {port: 0}\nreload: {watch: false}\noperations:\n";
        Files.writeString(config, header + rule("alpha"));
        try (ForkedJvm host = ForkedJvm.startFile(config, "port=0", List.of(), APP)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            awaitCalls(host, "alpha", 10);
            assertEquals(405, host.http("GET", "/config/reload").statusCode());

            Files.writeString(config, header + rule("alpha") + rule("beta"));
            var applied = host.http("POST", "/config/reload");
            assertEquals(200, applied.statusCode(), applied.body());
            assertTrue(applied.body().contains("\"applied\":true"), applied.body());
            awaitCalls(host, "beta", 10);

            Files.writeString(config, header + rule("alpha") + "  - name: beta\n    class: " + APP + "\n    method: [beta]\n");
            var rejected = host.http("POST", "/config/reload");
            assertEquals(400, rejected.statusCode(), rejected.body());
            assertTrue(rejected.body().contains("operations[1].method: expected a string"), rejected.body());
            var view = host.getJson("/config");
            assertEquals(false, view.path("last_reload").path("applied").asBoolean(true));
            assertEquals(2, view.path("operations").size(), "the previous config stays in force: " + view);
            long betaThen = host.getJson("/metrics/beta").path("total_calls").asLong();
            awaitCalls(host, "beta", betaThen + 10);
        }
    }

    @Test
    void aChangedConfigAddsRemovesAndKeepsOperations() throws Exception {
        Path config = Files.createTempFile("perfweave-reload-", ".yaml");
        String header = "server: {port: 0}\nreload: {poll_seconds: 1}\noperations:\n";
        Files.writeString(config, header + rule("alpha") + rule("beta"));
        try (ForkedJvm host = ForkedJvm.startFile(config, "port=0", List.of(), APP)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            long alphaBefore = awaitCalls(host, "alpha", 50);
            awaitCalls(host, "beta", 50);

            Files.writeString(config, header + rule("alpha") + rule("gamma"));
            host.awaitStderr("config reloaded from", Duration.ofSeconds(30));
            awaitCalls(host, "gamma", 20);
            assertEquals(404, host.http("GET", "/metrics/beta").statusCode(), "beta was removed");
            long alphaAfter = host.getJson("/metrics/alpha").path("total_calls").asLong();
            assertTrue(alphaAfter >= alphaBefore, "alpha kept its statistics: " + alphaBefore + " then " + alphaAfter);
            assertEquals(1, host.getJson("/metrics/alpha").path("matched").asInt());
            assertEquals(1, host.getJson("/metrics/gamma").path("matched").asInt());

            // beta is woven out: it is no longer recorded even under its old name
            Files.writeString(config, header + rule("alpha") + rule("gamma") + "  - name: beta\n    class: " + APP + "Nothing\n    method: beta\n");
            host.awaitStderr("applied 3 operation rule(s)", Duration.ofSeconds(30));
            long betaThen = host.getJson("/metrics/beta").path("total_calls").asLong();
            Thread.sleep(300);
            assertEquals(betaThen, host.getJson("/metrics/beta").path("total_calls").asLong(), "beta no longer woven");
            assertEquals(0, host.getJson("/metrics/beta").path("matched").asInt());

            Files.writeString(config, header + rule("alpha") + "  - name: broken\n    class: " + APP + "\n    methd: beta\n");
            String rejected = host.awaitStderr("config reload rejected", Duration.ofSeconds(30));
            assertTrue(rejected.contains("unknown key 'methd'"), rejected);
            long gammaThen = host.getJson("/metrics/gamma").path("total_calls").asLong();
            awaitCalls(host, "gamma", gammaThen + 10);
        }
    }

    @Test
    void aReloadThatChangesTagsStartsTheOperationAfreshUnderThem() throws Exception {
        Path config = Files.createTempFile("perfweave-reload-", ".yaml");
        String header = "server: {port: 0}\nreload: {watch: false}\noperations:\n";
        Files.writeString(config, header + rule("alpha"));
        try (ForkedJvm host = ForkedJvm.startFile(config, "port=0", List.of(), APP)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            long untagged = awaitCalls(host, "alpha", 200);
            assertEquals(404, host.http("GET", "/report/n/other").statusCode(), "no operation is tagged yet");

            Files.writeString(config, header + rule("alpha") + "    tags: {n: arg0}\n    tag_value_limit: 2\n");
            var applied = host.http("POST", "/config/reload");
            assertEquals(200, applied.statusCode(), applied.body());
            assertTrue(applied.body().contains("started afresh under new tags or recursion (their earlier figures end): alpha"),
                    applied.body());
            assertTrue(host.getJson("/metrics/alpha").path("total_calls").asLong() < untagged,
                    "alpha counts from zero again");
            // every call from now on has a tag value: two values of their own, the rest "other"
            awaitCalls(host, "alpha", 100);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long tagged;
            long total;
            do {
                total = host.getJson("/metrics/alpha").path("total_calls").asLong();
                var other = host.getJson("/report/n/other");
                tagged = other.path("total_calls").asLong() + 2;
                Thread.sleep(50);
            } while (tagged < total && System.nanoTime() < deadline);
            assertTrue(tagged >= total, "the calls since the reload are counted under the tag: " + tagged + " of " + total);
            assertEquals(1, host.getJson("/metrics/alpha").path("matched").asInt());
        }
    }
}
