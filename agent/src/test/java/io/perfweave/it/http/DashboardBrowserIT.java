package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser against a running application: it loads without a console
 * message, shows the application's operations, and leaves a screenshot in
 * {@code target/dashboard.png}.
 */
class DashboardBrowserIT {
    private static final Path TARGET = Path.of(System.getProperty("perfweave.agentJar", "target/perfweave-agent.jar"))
            .toAbsolutePath().getParent();

    @Test
    void theDashboardShowsTheRunningOperationsWithoutErrors(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(ExternalTool.require("chromium", "chromium"), dir);
        try (ForkedJvm jvm = HttpApp.start("port=0", 500)) {
            jvm.send("busy");
            jvm.awaitStdout("busy", Duration.ofSeconds(10));
            String url = "http://127.0.0.1:" + jvm.port() + "/";

            HeadlessChromium.Run run = chromium.dumpDom(url, 9_000);
            assertEquals(java.util.List.of(), run.consoleMessages(), "console messages of the page");
            String dom = run.dom();
            assertTrue(dom.contains("data-state=\"live\""), "the page got its figures:\n" + dom);
            assertTrue(dom.contains("data-errors=\"0\""), dom);
            assertTrue(dom.contains("<div id=\"problem\" class=\"banner\" hidden=\"\">"), dom);
            assertTrue(dom.contains("<tr data-operation=\"work\">"), dom);
            assertTrue(dom.contains("<tr data-operation=\"lookup\">"), dom);
            // the name as text, escaped as markup only where the DOM serialiser must
            assertTrue(dom.contains("<tr data-operation=\"say &quot;hi&quot; \\ there\">"), dom);
            assertTrue(dom.contains("say \"hi\" \\ there</td>"), dom);
            assertTrue(dom.contains("java.lang.IllegalStateException: call"), "work's last error is shown");

            Path png = TARGET.resolve("dashboard.png");
            Files.deleteIfExists(png);
            HeadlessChromium.Run shot = chromium.screenshot(url, 14_000, png, 1280, 900);
            assertEquals(java.util.List.of(), shot.consoleMessages(), "console messages of the page");
            assertTrue(Files.size(png) > 10_000, "screenshot of " + Files.size(png) + " bytes");
            try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
                data.skipNBytes(16); // PNG signature, IHDR length and type
                assertEquals(1280, data.readInt());
                assertEquals(900, data.readInt());
            }
        }
    }

    @Test
    void aTokenInTheAddressFragmentOpensAGuardedPort(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(ExternalTool.require("chromium", "chromium"), dir);
        String token = "dashboard-token-5e8d1f";
        try (ForkedJvm jvm = HttpApp.start("port=0,token=" + token, 20)) {
            HeadlessChromium.Run run = chromium.dumpDom("http://127.0.0.1:" + jvm.port() + "/#token=" + token, 5_000);
            assertEquals(java.util.List.of(), run.consoleMessages(), "console messages of the page");
            assertTrue(run.dom().contains("data-state=\"live\""), run.dom());
            assertTrue(run.dom().contains("<tr data-operation=\"work\">"), run.dom());
        }
    }
}
