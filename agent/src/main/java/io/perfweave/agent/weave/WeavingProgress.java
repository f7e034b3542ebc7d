package io.perfweave.agent.weave;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far the weaving of already loaded classes has got: at start (the classes loaded before the
 * agent, which an attach finds in plenty) and at each reload. {@code GET /health} shows it, and an
 * attach waits for the first pass, so that no call made after {@code attach} returns is missed.
 */
public final class WeavingProgress {
    private final CountDownLatch firstPass = new CountDownLatch(1);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean weaving = true;

    /** What {@code GET /health} reports: {@code ready} or {@code weaving}, and the classes done, failed and still to do. */
    public record Snapshot(@JsonProperty("state") String state, @JsonProperty("classes_done") int classesDone,
                           @JsonProperty("classes_failed") int classesFailed,
                           @JsonProperty("classes_pending") int classesPending) {
    }

    void begin(int classes) {
        weaving = true;
        done.set(0);
        failed.set(0);
        pending.set(classes);
    }

    void woven(int classes) {
        done.addAndGet(classes);
        pending.addAndGet(-classes);
    }

    void notWoven(int classes) {
        failed.addAndGet(classes);
        pending.addAndGet(-classes);
    }

    void finish() {
        pending.set(0);
        weaving = false;
        firstPass.countDown();
    }

    public Snapshot snapshot() {
        return new Snapshot(weaving ? "weaving" : "ready", done.get(), failed.get(), pending.get());
    }

    /** Waits until the weaver is set up and the classes loaded before it are woven; false on time-out. */
    public boolean awaitFirstPass(long timeout, TimeUnit unit) throws InterruptedException {
        return firstPass.await(timeout, unit);
    }
}
