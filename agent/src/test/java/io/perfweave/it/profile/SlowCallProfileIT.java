package io.perfweave.it.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.profile.ProfileApp;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code profile: {slower_than_ms}} in a real JVM: a call that spins in a known helper for longer
 * than the threshold is sampled from the operation's method down, with the helper as its hottest
 * frame; calls faster than the threshold are not sampled at all; reset clears the profile.
 */
class SlowCallProfileIT {
    private static final String APP = ProfileApp.class.getName();
    private static final String ROOT = APP + ".handle";
    private static final String HELPER = APP + "$Checksum.crunch";
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: handle",
            "    class: " + APP,
            "    method: handle",
            "    profile: {slower_than_ms: 100}",
            "    thresholds:",
            "      max_ms: {target: 1000}",
            "      over: since_start",
            "  - name: plain",
            "    class: " + APP,
            "    method: plain",
            "");
    private static final ObjectMapper JSON = new ObjectMapper();

    private int commands;

    private void command(ForkedJvm jvm, String text) throws Exception {
        jvm.send(text);
        jvm.awaitStdout("done " + ++commands, Duration.ofSeconds(60));
    }

    private static String text(ForkedJvm jvm, String path) throws Exception {
        HttpResponse<String> response = jvm.http("GET", path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static JsonNode profiling(ForkedJvm jvm) throws Exception {
        return jvm.getJson("/health").get("profiling");
    }

    @Test
    void aSlowCallIsSampledDownToItsHelperAFastOneNotAtAllAndResetClears() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, APP)) {
            jvm.awaitStdout("ready", Duration.ofSeconds(30));
            assertEquals("", text(jvm, "/profile/handle"));

            command(jvm, "fast 20000");
            command(jvm, "plain 1000");
            assertEquals(20000, jvm.getJson("/metrics/handle").get("total_calls").asLong());
            assertEquals("", text(jvm, "/profile/handle"), "calls faster than slower_than_ms leave no sample");
            assertEquals(0, profiling(jvm).get("stacks_taken").asLong());

            command(jvm, "slow 2000");
            String collapsed = text(jvm, "/profile/handle");
            List<String> lines = collapsed.lines().toList();
            assertTrue(!lines.isEmpty(), "no stacks after a slow call");
            long total = 0;
            for (String line : lines) {
                assertTrue(line.startsWith(ROOT + ";") || line.equals(ROOT + line.substring(line.lastIndexOf(' '))),
                        "every stack starts at the operation's method: " + line);
                assertTrue(!line.contains("io.perfweave.agent.") && !line.contains("io.perfweave.bootstrap."), line);
                total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
            JsonNode summary = jvm.getJson("/profile/handle?format=json");
            assertEquals(total, summary.get("samples").asLong(), collapsed);
            assertTrue(total >= 10, "samples of a 2 s call at 10 ms: " + total + "\n" + collapsed);
            JsonNode hottest = summary.get("hottest_frames").get(0);
            assertEquals(HELPER, hottest.get("frame").asText(), summary.toString());
            assertTrue(hottest.get("share_percent").asDouble() > 50, summary.toString());

            // the recommendation for the breached average names where the slow call's time went
            String named = "of handle's slow-call samples are in ProfileApp$Checksum.crunch";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String recommendations = jvm.http("GET", "/recommendations").body();
            while (!recommendations.contains(named) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                recommendations = jvm.http("GET", "/recommendations").body();
            }
            assertTrue(recommendations.contains(named), recommendations);

            String svg = text(jvm, "/profile/handle?format=svg");
            Document drawing = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", drawing.getDocumentElement().getTagName());
            assertTrue(svg.contains(HELPER), "the helper is drawn");

            HttpResponse<String> unprofiled = jvm.http("GET", "/profile/plain");
            assertEquals(404, unprofiled.statusCode());
            assertTrue(unprofiled.body().contains("has no profile"), unprofiled.body());

            assertEquals(200, jvm.http("POST", "/profile/handle/reset").statusCode());
            assertEquals("", text(jvm, "/profile/handle"));
            assertEquals(0, jvm.getJson("/profile/handle?format=json").get("samples").asLong());
            assertTrue(jvm.agentLog().stream().noneMatch(line -> line.contains("WARN") || line.contains("ERROR")),
                    String.join("\n", jvm.agentLog()));
        }
    }
}
