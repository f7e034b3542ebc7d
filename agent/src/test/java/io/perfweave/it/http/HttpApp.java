package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.http.HttpTestApp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** {@link HttpTestApp} under the agent, with the config every HTTP integration test uses. */
final class HttpApp {
    static final String MAIN = HttpTestApp.class.getName();
    /** An operation name that needs escaping in every format: quotes, a backslash, spaces. */
    static final String QUOTED = "say \"hi\" \\ there";
    static final String CONFIG = String.join("\n",
            "histogram_buckets_seconds: [0.00001, 0.0001, 0.001, 0.01, 0.1, 1.0]",
            "operations:",
            "  - name: work",
            "    class: " + MAIN,
            "    method: work",
            "  - name: lookup",
            "    class: " + MAIN,
            "    method: lookup",
            "    tags:",
            "      project_id: arg0",
            "  - name: 'say \"hi\" \\ there'",
            "    class: " + MAIN,
            "    method: quoted",
            "");

    private HttpApp() {
    }

    /** Starts the application with {@code rounds} rounds done, and waits until it is ready. */
    static ForkedJvm start(String agentArguments, long rounds) throws IOException, InterruptedException {
        ForkedJvm jvm = ForkedJvm.start(CONFIG, agentArguments, List.of(), List.of(), MAIN, Long.toString(rounds));
        jvm.awaitStdout("ready", Duration.ofSeconds(30));
        return jvm;
    }

    /** Successful calls of {@code work} after {@code rounds} rounds: every tenth fails. */
    static long workSuccesses(long rounds) {
        return rounds - rounds / 10;
    }
}
