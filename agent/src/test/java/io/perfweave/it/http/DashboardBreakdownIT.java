package io.perfweave.it.http;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.http.AgentHttpServer;
import io.perfweave.agent.http.MetricsRoutes;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's "Where the time goes" panel in a real browser: an operation whose calls ran
 * timed calls of two others gets a bar with a segment per child and one for its self time, in
 * the shares the agent reports; an operation without children gets none.
 */
class DashboardBreakdownIT {
    private static final Path TARGET = Path.of(System.getProperty("perfweave.agentJar", "target/perfweave-agent.jar"))
            .toAbsolutePath().getParent();
    private static final long MS = 1_000_000L;

    private static void call(int id, long nanos, Runnable inside) {
        long frame = Timing.push(id);
        long start = System.nanoTime() - nanos;
        inside.run();
        Timing.exitNested(id, start, null, frame);
    }

    @Test
    void anOperationWithTimedChildrenGetsABarOfTheirShares(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(ExternalTool.require("chromium", "chromium"), dir);
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "operations:",
                "  - {name: dash_parent, class: x.Y, method: parent}",
                "  - {name: dash_search, class: x.Y, method: search}",
                "  - {name: dash_rank, class: x.Y, method: rank}",
                ""), "breakdown.yaml")));
        int parent = statistics.catalog().get("dash_parent").recorder().id;
        int search = statistics.catalog().get("dash_search").recorder().id;
        int rank = statistics.catalog().get("dash_rank").recorder().id;
        for (int i = 0; i < 10; i++) {
            call(parent, 100 * MS, () -> {
                call(search, 60 * MS, () -> { });
                call(rank, 20 * MS, () -> { });
            });
        }
        AgentHttpServer server = new AgentHttpServer(new ServerConfig(true, "127.0.0.1", 0, null, 2),
                new MetricsRoutes(statistics));
        assertTrue(server.startQuietly());
        try {
            String url = "http://127.0.0.1:" + server.getListeningPort() + "/";
            HeadlessChromium.Run run = chromium.dumpDom(url, 5_000);
            assertEquals(List.of(), run.consoleMessages(), "console messages of the page");
            String dom = run.dom();
            assertTrue(dom.contains("data-state=\"live\""), dom);
            assertTrue(dom.contains("data-errors=\"0\""), dom);
            assertFalse(dom.contains("<section id=\"breakdown-section\" hidden"), dom);
            assertTrue(dom.contains("<div class=\"breakdown\" data-operation=\"dash_parent\">"), dom);
            assertFalse(dom.contains("data-operation=\"dash_search\"><div class=\"name\""), "no bar for a leaf: " + dom);
            // the segments carry the agent's shares (about 60, 20 and 20 %)
            io.perfweave.agent.stats.Breakdown reported = statistics.breakdown("dash_parent");
            for (io.perfweave.agent.stats.Breakdown.Child child : reported.children()) {
                assertEquals(child.sharePercent(), share(dom, child.operation()), 1e-9, dom);
            }
            assertEquals(reported.selfPercent(), share(dom, "self"), 1e-9, dom);
            assertTrue(share(dom, "dash_search") > 50 && share(dom, "dash_rank") > 15, dom);
            assertTrue(dom.matches("(?s).*dash_search [0-9.]+ % \\(1(\\.0+)?× 60(\\.\\d+)? ms\\).*"), "the figures as text: " + dom);
            chromium.screenshot(url, 5_000, TARGET.resolve("dashboard-breakdown.png"), 1280, 1100);
        } finally {
            server.stop();
        }
    }

    /** The share a bar segment of the page carries. */
    private static double share(String dom, String child) {
        java.util.regex.Matcher found = java.util.regex.Pattern.compile(
                "data-child=\"" + child + "\" data-share=\"([0-9.]+)\"").matcher(dom);
        assertTrue(found.find(), "a segment for " + child + " in " + dom);
        return Double.parseDouble(found.group(1));
    }
}
