package io.perfweave.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RecordersTest {
    private static Totals totals(OperationRecorder recorder) {
        Totals totals = new Totals();
        recorder.addTo(totals, Long.MIN_VALUE);
        return totals;
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
        assertEquals(4, recorder.foldDeadThreads());
        assertEquals(0, recorder.liveCells());
        Totals after = totals(recorder);
        assertEquals(before.count, after.count);
        assertEquals(before.failures, after.failures);
        assertEquals(before.sumNanos, after.sumNanos);
        assertEquals(before.minNanos, after.minNanos);
        assertEquals(before.maxNanos, after.maxNanos);
        long bucketed = 0;
        for (long count : after.buckets) {
            bucketed += count;
        }
        assertEquals(36_000, bucketed);
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
        assertEquals("after", after.lastError.getMessage());
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
}
