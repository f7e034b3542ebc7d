package io.perfweave.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallsInFlightTest {
    private final List<Integer> tickets = new ArrayList<>();

    @AfterEach
    void exitEverything() {
        tickets.forEach(CallsInFlight::exit);
    }

    private int enter(int id) {
        int ticket = CallsInFlight.enter(id);
        tickets.add(ticket);
        return ticket;
    }

    /** The operation ids of this thread's calls in flight. */
    private static List<Integer> mine() {
        Thread[] threads = new Thread[CallsInFlight.capacity()];
        int[] ids = new int[CallsInFlight.capacity()];
        long[] starts = new long[CallsInFlight.capacity()];
        int count = CallsInFlight.read(threads, ids, starts);
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (threads[i] == Thread.currentThread()) {
                assertTrue(starts[i] != 0 && starts[i] <= System.nanoTime());
                mine.add(ids[i]);
            }
        }
        return mine;
    }

    @Test
    void aCallIsInFlightFromEnterToExit() {
        int ticket = CallsInFlight.enter(7001);
        assertNotEquals(CallsInFlight.NOT_TRACKED, ticket);
        assertEquals(List.of(7001), mine());
        CallsInFlight.exit(ticket);
        assertEquals(List.of(), mine());
    }

    @Test
    void aNestedCallOfTheSameOperationIsNotTrackedAgainButAnotherOperationIs() {
        assertNotEquals(CallsInFlight.NOT_TRACKED, enter(7002));
        assertEquals(CallsInFlight.NOT_TRACKED, enter(7002));
        assertNotEquals(CallsInFlight.NOT_TRACKED, enter(7003));
        List<Integer> mine = mine();
        mine.sort(null);
        assertEquals(List.of(7002, 7003), mine);
    }

    @Test
    void whenTheSlotsNearItsHomeAreTakenACallIsCountedAsNotTracked() {
        long before = CallsInFlight.untracked();
        int tracked = 0;
        for (int id = 8000; id < 8020; id++) {
            if (enter(id) != CallsInFlight.NOT_TRACKED) {
                tracked++;
            }
        }
        assertTrue(tracked >= 1 && tracked <= 8, "tracked " + tracked);
        assertEquals(20 - tracked, CallsInFlight.untracked() - before);
        assertEquals(tracked, mine().size());
    }

    @Test
    void exitWithoutATicketChangesNothing() {
        enter(7004);
        CallsInFlight.exit(CallsInFlight.NOT_TRACKED);
        assertEquals(List.of(7004), mine());
    }

    @Test
    void theSlotOfAThreadThatEndedWithoutItsExitIsFreed() throws Exception {
        Thread lost = new Thread(() -> CallsInFlight.enter(7005), "ends-in-a-call");
        lost.start();
        lost.join();
        Thread[] threads = new Thread[CallsInFlight.capacity()];
        int[] ids = new int[CallsInFlight.capacity()];
        long[] starts = new long[CallsInFlight.capacity()];
        int count = CallsInFlight.read(threads, ids, starts);
        for (int i = 0; i < count; i++) {
            assertFalse(threads[i] == lost, "an ended thread is not in flight");
        }
        // and its slot was freed by that read, not merely skipped
        int again = CallsInFlight.read(threads, ids, starts);
        for (int i = 0; i < again; i++) {
            assertFalse(ids[i] == 7005);
        }
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (thread.getState() != state && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(state, thread.getState());
    }

    @Test
    void theSamplerSleepsUntilACallEnters() throws Exception {
        Thread sampler = new Thread(CallsInFlight::awaitCall, "test-sampler");
        sampler.start();
        awaitState(sampler, Thread.State.WAITING);
        int ticket = CallsInFlight.enter(7);
        try {
            sampler.join(30_000);
            assertFalse(sampler.isAlive(), "a call that enters wakes the sleeping sampler");
        } finally {
            CallsInFlight.exit(ticket);
        }
    }

    @Test
    void theSamplerDoesNotSleepWhileACallIsInFlight() throws Exception {
        int ticket = CallsInFlight.enter(8);
        try {
            assertTrue(ticket != CallsInFlight.NOT_TRACKED);
            Thread sampler = new Thread(CallsInFlight::awaitCall, "test-sampler");
            sampler.start();
            sampler.join(30_000);
            assertFalse(sampler.isAlive(), "awaitCall returns at once with a call in flight");
        } finally {
            CallsInFlight.exit(ticket);
        }
    }
}
