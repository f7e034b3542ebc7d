package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.profile.ProfileApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's flame graphs in a real browser against a running application: the operation
 * with a {@code profile} gets a figure whose image is the agent's flame graph of its slow calls,
 * drawn for the samples the agent has; an operation without a profile gets none.
 */
class DashboardProfileIT {
    private static final Path TARGET = Path.of(System.getProperty("perfweave.agentJar", "target/perfweave-agent.jar"))
            .toAbsolutePath().getParent();
    private static final String APP = ProfileApp.class.getName();
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - {name: handle, class: " + APP + ", method: handle, profile: {slower_than_ms: 50}}",
            "  - {name: plain, class: " + APP + ", method: plain}",
            "");

    @Test
    void theProfiledOperationGetsItsFlameGraph(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(ExternalTool.require("chromium", "chromium"), dir);
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, APP)) {
            jvm.awaitStdout("ready", Duration.ofSeconds(30));
            jvm.send("slow 1500");
            jvm.awaitStdout("done 1", Duration.ofSeconds(60));
            long samples = jvm.getJson("/health").get("profiles").get("handle").asLong();
            assertTrue(samples > 0, "the slow call was sampled");
            String url = "http://127.0.0.1:" + jvm.port() + "/";

            HeadlessChromium.Run run = chromium.dumpDom(url, 6_000);
            assertEquals(List.of(), run.consoleMessages(), "console messages of the page");
            String dom = run.dom();
            assertTrue(dom.contains("data-state=\"live\""), dom);
            assertTrue(dom.contains("data-errors=\"0\""), dom);
            assertFalse(dom.contains("<section id=\"profiles-section\" hidden"), dom);
            assertTrue(dom.contains("<figure class=\"profile\" data-operation=\"handle\" data-samples=\"" + samples
                    + "\" data-drawn=\"" + samples + "\">"), "the flame graph is drawn for the agent's samples: " + dom);
            assertTrue(dom.matches("(?s).*<img alt=\"flame graph of the slow calls of handle\" src=\"blob:[^\"]+\">.*"), dom);
            assertFalse(dom.contains("data-operation=\"plain\" data-samples"), "no profile for plain: " + dom);
            chromium.screenshot(url, 6_000, TARGET.resolve("dashboard-profile.png"), 1280, 1400);
        }
    }
}
