package io.perfweave.agent.profile;

import com.acme.profiled.SlowHost;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.CallsInFlight;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sampler's look at the calls in flight, driven by the test instead of its thread. The calls
 * are marked in flight as the woven advice marks them.
 */
class SlowCallSamplerTest {
    private static final String CALL = "com.acme.profiled.SlowHost#call"
            + "(Ljava/util/concurrent/CountDownLatch;Ljava/util/concurrent/CountDownLatch;)V";

    private static OperationCatalog catalog(double slowerThanMs) throws Exception {
        OperationCatalog catalog = new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "profiling: {interval_ms: 10}",
                "operations:",
                "  - name: sampler_slow_host",
                "    class: com.acme.profiled.SlowHost",
                "    method: call",
                "    profile: {slower_than_ms: " + slowerThanMs + "}",
                "  - name: sampler_unprofiled",
                "    class: com.acme.profiled.SlowHost",
                "    method: other",
                ""), "sampler.yaml"));
        catalog.get("sampler_slow_host").woven(CALL);
        return catalog;
    }

    /** Runs {@link SlowHost#call} on a thread of its own, in flight as woven advice would mark it. */
    private static Thread callInFlight(OperationCatalog catalog, CountDownLatch entered, CountDownLatch release) {
        int id = catalog.get("sampler_slow_host").recorder().id;
        Thread caller = new Thread(() -> {
            int ticket = CallsInFlight.enter(id);
            try {
                SlowHost.call(entered, release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                CallsInFlight.exit(ticket);
            }
        }, "slow-caller");
        caller.start();
        return caller;
    }

    @Test
    void aSlowCallsStackIsSampledFromItsMethodDownToTheHelperItSpinsIn() throws Exception {
        OperationCatalog catalog = catalog(20);
        SlowCallProfiles profiles = new SlowCallProfiles(catalog);
        SlowCallSampler sampler = new SlowCallSampler(catalog, profiles);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = callInFlight(catalog, entered, release);
        try {
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (profiles.snapshot("sampler_slow_host").samples() < 20 && System.nanoTime() < deadline) {
                sampler.look(System.nanoTime());
                Thread.sleep(10);
            }
        } finally {
            release.countDown();
            caller.join();
        }
        ProfileSnapshot profile = profiles.snapshot("sampler_slow_host");
        assertTrue(profile.samples() >= 20, profile.collapsedText());
        for (CollapsedStack stack : profile.stacks()) {
            // nothing above the operation's method: not the thread's run(), not the test's lambda
            assertEquals("com.acme.profiled.SlowHost.call", stack.frames().get(0), stack.line());
        }
        assertEquals("com.acme.profiled.SlowHost.spinInHelper", profile.hottestFrame().orElseThrow().frame(),
                profile.collapsedText());
        assertTrue(profile.hottestFrame().orElseThrow().percent() > 50, profile.collapsedText());
    }

    @Test
    void aCallNotYetSlowIsNotSampledAndTheSamplerWaitsUntilItCouldBe() throws Exception {
        OperationCatalog catalog = catalog(60_000);
        SlowCallProfiles profiles = new SlowCallProfiles(catalog);
        SlowCallSampler sampler = new SlowCallSampler(catalog, profiles);
        // no call in flight: the next look is due when a call starting now could be slow
        assertEquals(TimeUnit.SECONDS.toNanos(60), sampler.look(System.nanoTime()));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = callInFlight(catalog, entered, release);
        try {
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            long wait = sampler.look(System.nanoTime());
            assertTrue(wait < TimeUnit.SECONDS.toNanos(60) && wait > TimeUnit.SECONDS.toNanos(30), "wait " + wait);
        } finally {
            release.countDown();
            caller.join();
        }
        assertEquals(0, profiles.snapshot("sampler_slow_host").samples());
    }

    @Test
    void anOperationWithoutProfileHasNoProfileToRead() throws Exception {
        SlowCallProfiles profiles = new SlowCallProfiles(catalog(20));
        assertEquals(null, profiles.snapshot("sampler_unprofiled"));
        assertEquals(null, profiles.snapshot("no_such_operation"));
        assertTrue(!profiles.reset("sampler_unprofiled"));
    }
}
