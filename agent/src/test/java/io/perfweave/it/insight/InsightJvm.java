package io.perfweave.it.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.insight.InsightApp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** {@link InsightApp} under the agent: commands to the application, and the agent's JSON. */
final class InsightJvm implements AutoCloseable {
    final ForkedJvm jvm;
    private int commands;

    private InsightJvm(ForkedJvm jvm) {
        this.jvm = jvm;
    }

    static InsightJvm start(String config, List<String> jvmOptions) throws IOException, InterruptedException {
        ForkedJvm jvm = ForkedJvm.start(config, "port=0", List.of(), jvmOptions, InsightApp.class.getName());
        jvm.awaitStdout("ready", Duration.ofSeconds(30));
        return new InsightJvm(jvm);
    }

    /** Sends a command and waits until the application has done it. */
    String command(String text) throws IOException, InterruptedException {
        jvm.send(text);
        return jvm.awaitStdout("done " + ++commands + " ", Duration.ofSeconds(60));
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        return jvm.getJson(path);
    }

    /** Polls {@code path} until its answer satisfies {@code condition}; the last answer fails the test otherwise. */
    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = json(path);
        while (!condition.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " did not come to the expected answer within " + timeout
                        + "; last answer: " + answer);
            }
            Thread.sleep(200);
            answer = json(path);
        }
        return answer;
    }

    /**
     * Answers {@code path} once the agent has something there: resources and thresholds answer 404
     * until the agent's first sample or judgement, taken a moment after its port opens.
     */
    JsonNode firstAnswer(String path, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.net.http.HttpResponse<String> response = jvm.http("GET", path);
        while (response.statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = jvm.http("GET", path);
        }
        return json(path);
    }

    /** Waits until the resource monitor has taken a sample after this moment, and answers it. */
    JsonNode nextResources() throws IOException, InterruptedException {
        long after = firstAnswer("/resources", Duration.ofSeconds(20)).path("samples").asLong();
        return await("/resources", r -> r.path("samples").asLong() > after + 1, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        jvm.close();
    }
}
