package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A port that another process holds: the agent says so once, the application runs as it would
 * without the agent, recording goes on, and the figures are served once the port is free.
 */
class BusyPortIT {
    @Test
    void aBusyPortIsOneLogLineAndRecordingGoesOn() throws Exception {
        String expectedOutput;
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(), List.of(), HttpApp.MAIN, "300")) {
            plain.awaitStdout("ready", Duration.ofSeconds(30));
            expectedOutput = plain.stdout().get(0);
        }
        ForkedJvm jvm;
        int port;
        try (ServerSocket occupant = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = occupant.getLocalPort();
            jvm = HttpApp.start("port=" + port, 300);
            String line = jvm.awaitStderr("cannot listen", Duration.ofSeconds(30));
            assertTrue(line.contains("cannot listen on 127.0.0.1:" + port), line);
            assertTrue(line.contains("statistics are still recorded"), line);
            assertEquals(expectedOutput, jvm.stdout().get(0), "the application's own output is unchanged");
            jvm.send("more 200");
            jvm.awaitStdout("did 200", Duration.ofSeconds(30));
        }
        try (jvm) {
            // the agent tries again on its own; the calls made meanwhile were all recorded
            assertEquals(port, jvm.port());
            AgentPort agent = new AgentPort(port);
            assertEquals(500, agent.json("/metrics/work").get("total_calls").asLong());
            assertEquals(500, agent.json("/metrics/lookup").get("total_calls").asLong());
            long refusals = jvm.agentLog().stream().filter(l -> l.contains("cannot listen")).count();
            assertEquals(1, refusals, "one line about the busy port: " + jvm.agentLog());
            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(30)));
        }
    }
}
