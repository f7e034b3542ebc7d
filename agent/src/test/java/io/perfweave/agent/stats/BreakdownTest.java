package io.perfweave.agent.stats;

import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breakdown's arithmetic, with calls entered and ended as woven code does it ({@link Timing#push},
 * {@link Timing#exitNested}) and durations set by the start times handed in: a call "took" the
 * nanoseconds it is given, plus the moment its body really ran.
 */
class BreakdownTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long MS = 1_000_000L;

    private static OperationRecorder operation(String name) {
        return Recorders.operation("breakdown-test-" + NAMES.incrementAndGet() + "-" + name, null,
                OperationRecorder.RECURSION_ALL);
    }

    /** One call of {@code recorder} that takes {@code nanos}, running {@code inside} within it. */
    private static void call(OperationRecorder recorder, long nanos, Runnable inside) {
        long frame = Timing.push(recorder.id);
        long start = System.nanoTime() - nanos;
        inside.run();
        Timing.exitNested(recorder.id, start, null, frame);
    }

    /**
     * The share the breakdown must give {@code child} in {@code parent}: the child's recorded time
     * (all of its calls ran inside the parent) over the parent's, not counting the parent's calls
     * nested in itself. From the recorded sums, so that it holds however long the bodies really took.
     */
    private static double share(OperationRecorder child, OperationRecorder parent) {
        io.perfweave.bootstrap.Totals p = parent.totals();
        return 100.0 * child.totals().sumNanos / (p.sumNanos - p.children.nestedNanos);
    }

    private static Map<String, Breakdown.Child> children(Breakdown breakdown) {
        return breakdown.children().stream().collect(Collectors.toMap(c -> c.operation().replaceAll(".*-", ""),
                Function.identity()));
    }

    private static void parentWithTwoChildren(OperationRecorder parent, OperationRecorder a, OperationRecorder b) {
        call(parent, 100 * MS, () -> {
            call(a, 10 * MS, () -> { });
            call(a, 10 * MS, () -> { });
            call(b, 30 * MS, () -> { });
        });
    }

    @Test
    void sharesOfTheChildrenAndSelfTimeAddUpToTheParentsTime() {
        OperationRecorder parent = operation("parent");
        OperationRecorder a = operation("a");
        OperationRecorder b = operation("b");
        for (int i = 0; i < 10; i++) {
            parentWithTwoChildren(parent, a, b);
        }
        Breakdown breakdown = Breakdown.of(parent.totals());
        Map<String, Breakdown.Child> children = children(breakdown);
        assertEquals(2, children.size());
        assertEquals(2.0, children.get("a").callsPerCall());
        assertEquals(1.0, children.get("b").callsPerCall());
        assertEquals(10.0, children.get("a").avgMs(), 0.5);
        assertEquals(30.0, children.get("b").avgMs(), 0.5);
        assertEquals(share(a, parent), children.get("a").sharePercent(), 0.01);
        assertEquals(share(b, parent), children.get("b").sharePercent(), 0.01);
        assertEquals(100 - share(a, parent) - share(b, parent), breakdown.selfPercent(), 0.02);
        assertEquals(20.0, children.get("a").sharePercent(), 2.0, "about the nominal 10 of 100 ms, twice");
        assertEquals("b", breakdown.children().get(0).operation().replaceAll(".*-", ""), "largest share first");
        assertNull(Breakdown.of(a.totals()), "nothing ran inside a");
    }

    @Test
    void aGrandchildCountsInItsParentNotInItsGrandparent() {
        OperationRecorder top = operation("top");
        OperationRecorder middle = operation("middle");
        OperationRecorder leaf = operation("leaf");
        call(top, 100 * MS, () -> call(middle, 60 * MS, () -> call(leaf, 15 * MS, () -> { })));
        assertEquals(List.of("middle"), names(Breakdown.of(top.totals())));
        assertEquals(share(middle, top), children(Breakdown.of(top.totals())).get("middle").sharePercent(), 0.01);
        assertEquals(share(leaf, middle), children(Breakdown.of(middle.totals())).get("leaf").sharePercent(), 0.01);
    }

    @Test
    void aCallInsideACallOfItselfIsNotCountedTwice() {
        OperationRecorder parent = operation("recursive");
        OperationRecorder child = operation("child");
        // 100 ms, inside it a 40 ms call of itself, inside that a 10 ms child
        call(parent, 100 * MS, () -> call(parent, 40 * MS, () -> call(child, 10 * MS, () -> { })));
        Breakdown breakdown = Breakdown.of(parent.totals());
        Map<String, Breakdown.Child> children = children(breakdown);
        assertEquals(List.of("child"), names(breakdown), "the inner call of itself is no child");
        assertEquals(1.0, children.get("child").callsPerCall(), "per call of the outer one");
        assertEquals(1, parent.totals().children.nestedCalls, "the inner call is noted as nested in itself");
        assertEquals(share(child, parent), children.get("child").sharePercent(), 0.01);
        assertEquals(100 - share(child, parent), breakdown.selfPercent(), 0.01);
        assertEquals(10.0, children.get("child").sharePercent(), 2.0, "about 10 of the outer call's 100 ms");
    }

    @Test
    void callsFromManyShortLivedThreadsAreBrokenDownExactly() throws Exception {
        OperationRecorder parent = operation("parent");
        OperationRecorder a = operation("a");
        OperationRecorder b = operation("b");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            // a few calls each: these threads never get cells of their own
            Thread thread = new Thread(() -> parentWithTwoChildren(parent, a, b));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Breakdown.Child> children = children(Breakdown.of(parent.totals()));
        assertEquals(200, parent.totals().calls());
        assertEquals(2.0, children.get("a").callsPerCall());
        assertEquals(share(a, parent), children.get("a").sharePercent(), 0.01);
        assertEquals(share(b, parent), children.get("b").sharePercent(), 0.01);
    }

    @Test
    void aThreadPromotedInsideACallKeepsItsFrames() throws Exception {
        OperationRecorder parent = operation("parent");
        OperationRecorder child = operation("child");
        Thread thread = new Thread(() -> {
            // the thread earns cells of its own midway through this call's children
            call(parent, 1000 * MS, () -> {
                for (int i = 0; i < 500; i++) {
                    call(child, MS, () -> { });
                }
            });
            call(child, MS, () -> { }); // outside any call: no parent
        });
        thread.start();
        thread.join();
        Breakdown.Child only = Breakdown.of(parent.totals()).children().get(0);
        assertEquals(500.0, only.callsPerCall());
        assertEquals(501, child.totals().calls());
        assertTrue(only.sharePercent() > 45 && only.sharePercent() < 51, "500 ms of children in 1000 ms: " + only);
    }

    @Test
    void virtualThreadsAreBrokenDownToo() throws Exception {
        OperationRecorder parent = operation("parent");
        OperationRecorder a = operation("a");
        OperationRecorder b = operation("b");
        java.util.concurrent.ExecutorService executor = newVirtualThreadPerTaskExecutorOrPlatform();
        for (int t = 0; t < 2000; t++) {
            executor.submit(() -> parentWithTwoChildren(parent, a, b));
        }
        executor.shutdown();
        executor.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        Map<String, Breakdown.Child> children = children(Breakdown.of(parent.totals()));
        assertEquals(2000, parent.totals().calls());
        assertEquals(share(a, parent), children.get("a").sharePercent(), 0.01);
        assertEquals(share(b, parent), children.get("b").sharePercent(), 0.01);
    }

    /** Virtual threads on JDK 21 and later; the unit tests also run on JDK 17. */
    private static java.util.concurrent.ExecutorService newVirtualThreadPerTaskExecutorOrPlatform() {
        try {
            return (java.util.concurrent.ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newFixedThreadPool(8);
        }
    }

    private static List<String> names(Breakdown breakdown) {
        return breakdown.children().stream().map(c -> c.operation().replaceAll(".*-", "")).toList();
    }
}
