package io.perfweave.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RecordersTest {
    private static Totals totals(OperationRecorder recorder) {
        return recorder.totals();
    }

    private static long bucketed(Totals totals) {
        long bucketed = 0;
        for (int i = 0; i < totals.buckets.size(); i++) {
            bucketed += totals.buckets.count(i);
        }
        return bucketed;
    }

    @Test
    void callsFromManyThreadsAddUpExactlyAndSurviveTheirThreads() throws Exception {
        OperationRecorder recorder = Recorders.operation("recorders-test-threads", null, OperationRecorder.RECURSION_ALL);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 1; i <= 10_000; i++) {
                    long start = System.nanoTime() - i;
                    Timing.exit(recorder.id, start, i % 10 == 0 ? new IllegalStateException() : null);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Totals before = totals(recorder);
        assertEquals(36_000, before.count);
        assertEquals(4_000, before.failures);
        assertEquals(4, recorder.foldEndedThreads(), "each thread made enough calls to own a cell");
        assertEquals(0, recorder.liveCells());
        Totals after = totals(recorder);
        assertEquals(before.count, after.count);
        assertEquals(before.failures, after.failures);
        assertEquals(before.sumNanos, after.sumNanos);
        assertEquals(before.minNanos, after.minNanos);
        assertEquals(before.maxNanos, after.maxNanos);
        assertEquals(36_000, bucketed(after));
    }

    @Test
    void threadsThatMakeFewCallsShareOneCellAndOwnNothing() throws Exception {
        OperationRecorder recorder = Recorders.operation("recorders-test-short-lived", null, OperationRecorder.RECURSION_ALL);
        int threads = 2_000;
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                Timing.exit(recorder.id, System.nanoTime() - 1_000 - n, null);
                Timing.exit(recorder.id, System.nanoTime() - 1_000, n % 4 == 0 ? new IllegalStateException("t" + n) : null);
            });
            thread.start();
            thread.join();
        }
        assertEquals(0, recorder.liveCells(), "no thread registered a cell of its own");
        Totals totals = totals(recorder);
        assertEquals(2 * threads - threads / 4, totals.count);
        assertEquals(threads / 4, totals.failures);
        assertEquals(totals.count, bucketed(totals));
        assertEquals("t1996", totals.lastError.message, "the last failure, by time");
        assertEquals(IllegalStateException.class.getName(), totals.lastError.type);
    }

    @Test
    void sharedAndOwnedCellsAddUpExactlyUnderContention() throws Exception {
        OperationRecorder recorder = Recorders.operation("recorders-test-contention", null, OperationRecorder.RECURSION_ALL);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            // each thread's calls come in short bursts from fresh threads and long runs from itself
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    Timing.exit(recorder.id, System.nanoTime() - 50, null);
                }
            });
            threads.add(thread);
            Thread burst = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    Timing.exit(recorder.id, System.nanoTime() - 50, null);
                }
            });
            threads.add(burst);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        Totals totals = totals(recorder);
        assertEquals(8 * 5_005, totals.count);
        assertEquals(8 * 5_005, bucketed(totals));
        recorder.foldEndedThreads();
        assertEquals(8 * 5_005, totals(recorder).count);
    }

    @Test
    void aFailureIsKeptAsTypeMessageAndTimeNotAsTheException() {
        OperationRecorder recorder = Recorders.operation("recorders-test-error", null, OperationRecorder.RECURSION_ALL);
        java.lang.ref.WeakReference<Throwable> thrown = failOnce(recorder);
        Recorders.housekeep(); // the agent's tick settles the failure
        for (int i = 0; i < 20 && thrown.get() != null; i++) {
            System.gc();
        }
        assertNull(thrown.get(), "the recorder lets the exception go");
        Totals totals = totals(recorder);
        assertEquals(1, totals.failures);
        assertEquals("boom", totals.lastError.message);
        assertEquals(UnsupportedOperationException.class.getName(), totals.lastError.type);
    }

    private static java.lang.ref.WeakReference<Throwable> failOnce(OperationRecorder recorder) {
        Throwable failure = new UnsupportedOperationException("boom");
        Timing.exit(recorder.id, System.nanoTime(), failure);
        return new java.lang.ref.WeakReference<>(failure);
    }

    @Test
    void outermostPolicyTimesOnlyTheOuterCall() {
        OperationRecorder recorder = Recorders.operation("recorders-test-outermost", null, OperationRecorder.RECURSION_OUTERMOST);
        long outer = Timing.enterOutermost(recorder.id);
        long inner = Timing.enterOutermost(recorder.id);
        assertEquals(Timing.NOT_TIMED, inner);
        Timing.exitOutermost(recorder.id, inner, null);
        Timing.exitOutermost(recorder.id, outer, null);
        assertEquals(1, totals(recorder).count);
    }

    @Test
    void callsInsideAProxyCallArePartOfItWhateverTheRecursionPolicy() {
        OperationRecorder all = Recorders.operation("recorders-test-proxy-all", null, OperationRecorder.RECURSION_ALL);
        OperationRecorder other = Recorders.operation("recorders-test-proxy-other", null, OperationRecorder.RECURSION_ALL);
        long proxied = System.nanoTime();
        Timing.enterProxyCall(all.id);
        Timing.exit(all.id, System.nanoTime(), null); // the implementation the handler calls
        Timing.exit(all.id, System.nanoTime(), new IllegalStateException("inside"));
        Timing.exit(other.id, System.nanoTime(), null); // another operation is not part of it
        Timing.exitProxyCall(all.id);
        Timing.exit(all.id, proxied, null); // the proxy's own call, after its mark is gone
        Timing.exit(all.id, System.nanoTime(), null); // a direct call later counts again
        assertEquals(2, totals(all).count);
        assertEquals(0, totals(all).failures);
        assertEquals(1, totals(other).count);

        OperationRecorder outermost = Recorders.operation("recorders-test-proxy-outermost", null,
                OperationRecorder.RECURSION_OUTERMOST);
        long outer = Timing.enterOutermost(outermost.id);
        Timing.enterProxyCall(outermost.id);
        long inner = Timing.enterOutermost(outermost.id);
        assertEquals(Timing.NOT_TIMED, inner);
        Timing.exitOutermost(outermost.id, inner, null);
        Timing.exitProxyCall(outermost.id);
        Timing.exitOutermost(outermost.id, outer, null);
        assertEquals(1, totals(outermost).count);
    }

    @Test
    void tagsAndAsynchronousCallsInsideAProxyCallArePartOfItToo() {
        TagExtractor tags = new TagExtractor("recorders-test-proxy-tags", new String[] {"project_id"},
                new String[][] {{"projectId"}}, 10);
        OperationRecorder recorder = Recorders.operation("recorders-test-proxy-tags", tags, OperationRecorder.RECURSION_ALL);
        java.util.concurrent.CompletableFuture<String> insideResult = new java.util.concurrent.CompletableFuture<>();
        Timing.enterProxyCall(recorder.id);
        Timing.exitTagged(recorder.id, System.nanoTime(), null, new Project("A"));
        Timing.exitAsync(recorder.id, System.nanoTime(), null, insideResult, new Project("A"), 0L);
        Timing.exitProxyCall(recorder.id);
        insideResult.complete("done");
        assertEquals(0, totals(recorder).count);
        assertNull(tags.valuesOf("project_id").get("A"));

        // a result completed on a thread that is inside a proxy call of the operation still counts
        java.util.concurrent.CompletableFuture<String> earlierResult = new java.util.concurrent.CompletableFuture<>();
        Timing.exitAsync(recorder.id, System.nanoTime(), null, earlierResult, new Project("B"), 0L);
        Timing.enterProxyCall(recorder.id);
        earlierResult.complete("done");
        Timing.exitProxyCall(recorder.id);
        assertEquals(1, totals(recorder).count);
        assertEquals(1, totals(tags.valuesOf("project_id").get("B")).count);
    }

    @Test
    void resetForgetsEverythingRecordedBefore() {
        OperationRecorder recorder = Recorders.operation("recorders-test-reset", null, OperationRecorder.RECURSION_ALL);
        Timing.exit(recorder.id, System.nanoTime(), null);
        assertEquals(1, totals(recorder).count);
        Recorders.reset();
        assertEquals(0, totals(recorder).count);
        Timing.exit(recorder.id, System.nanoTime(), new RuntimeException("after"));
        Totals after = totals(recorder);
        assertEquals(0, after.count);
        assertEquals(1, after.failures);
        assertEquals("after", after.lastError.message);
    }

    @Test
    void tagValuesAreCappedAndOverflowCountsAsOther() {
        TagExtractor tags = new TagExtractor("recorders-test-tags", new String[] {"project_id"},
                new String[][] {{"projectId"}}, 2);
        OperationRecorder recorder = Recorders.operation("recorders-test-tags", tags, OperationRecorder.RECURSION_ALL);
        for (String id : new String[] {"A", "B", "A", "C", "D", "A"}) {
            Timing.exitTagged(recorder.id, System.nanoTime(), null, new Project(id));
        }
        Timing.exitTagged(recorder.id, System.nanoTime(), null, null);
        var values = tags.valuesOf("project_id");
        assertEquals(3, totals(values.get("A")).count);
        assertEquals(1, totals(values.get("B")).count);
        assertEquals(3, totals(values.get(TagExtractor.OTHER)).count, "C, D and the null source are past the cap");
        assertEquals(3, values.size());
        assertNull(tags.valuesOf("unknown"));
        assertEquals(7, totals(recorder).count);
        assertSame(recorder, Recorders.operation("recorders-test-tags", null, 0));
    }

    @Test
    void aPathThroughTheSameClassTwiceReadsEachStepsOwnProperty() {
        TagExtractor tags = new TagExtractor("recorders-test-path", new String[] {"child"},
                new String[][] {{"next", "name"}}, 10);
        OperationRecorder recorder = Recorders.operation("recorders-test-path", tags, OperationRecorder.RECURSION_ALL);
        Timing.exitTagged(recorder.id, System.nanoTime(), null, new Node("parent", new Node("kid", null)));
        Timing.exitTagged(recorder.id, System.nanoTime(), null, new Node("orphan", null));
        assertEquals(1, totals(tags.valuesOf("child").get("kid")).count);
        assertEquals(1, totals(tags.valuesOf("child").get(TagExtractor.NULL)).count);
    }

    /** A getter-style class whose property has its own type. */
    static final class Node {
        private final String name;
        private final Node next;

        Node(String name, Node next) {
            this.name = name;
            this.next = next;
        }

        public String getName() {
            return name;
        }
    }

    /** Read through its record accessor. */
    record Project(String projectId) {
    }

    private static boolean marked(long[] touched, int id) {
        return (id >>> 6) < touched.length && (touched[id >>> 6] & (1L << id)) != 0;
    }

    @Test
    void aTickPeriodTellsWhichRecordersRecordedCallsInIt() throws Exception {
        OperationRecorder busy = Recorders.operation("recorders-test-touched-busy", null, OperationRecorder.RECURSION_ALL);
        OperationRecorder idle = Recorders.operation("recorders-test-touched-idle", null, OperationRecorder.RECURSION_ALL);
        Recorders.nextTickTouched(); // may be null: the table grew since the last period
        assertNotNull(Recorders.nextTickTouched(), "nothing changed the table in that period");

        for (int i = 0; i < 100; i++) {
            Timing.exit(busy.id, System.nanoTime() - 10, null);
        }
        long[] touched = Recorders.nextTickTouched();
        assertTrue(marked(touched, busy.id));
        assertFalse(marked(touched, idle.id));
        assertFalse(marked(Recorders.nextTickTouched(), busy.id), "no calls in the next period");

        Thread shortLived = new Thread(() -> Timing.exit(idle.id, System.nanoTime() - 10, new IllegalStateException()));
        shortLived.start();
        shortLived.join();
        touched = Recorders.nextTickTouched();
        assertTrue(marked(touched, idle.id), "a failed call on a thread writing the shared cells marks too");
        assertFalse(marked(touched, busy.id));
    }

    @Test
    void aResetMakesTheNextTickLookAtEveryRecorder() {
        Recorders.operation("recorders-test-touched-reset", null, OperationRecorder.RECURSION_ALL);
        Recorders.nextTickTouched();
        assertNotNull(Recorders.nextTickTouched());
        Recorders.reset();
        assertNull(Recorders.nextTickTouched(), "marks from before the reset do not tell what the reset changed");
    }
}
