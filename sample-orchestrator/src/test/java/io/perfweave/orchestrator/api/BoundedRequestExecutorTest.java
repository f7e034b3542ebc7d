package io.perfweave.orchestrator.api;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedRequestExecutorTest {

    @Test
    void overflowRunsOnTheSheddingThreadAndBeyondThatIsRejected() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BoundedRequestExecutor executor = new BoundedRequestExecutor(1, 1)) {
            CompletableFuture<Boolean> running = new CompletableFuture<>();
            CountDownLatch workerBusy = new CountDownLatch(1);
            executor.execute(() -> {
                workerBusy.countDown();
                running.complete(BoundedRequestExecutor.isSheddingLoad());
                await(release);
            });
            assertTrue(workerBusy.await(10, TimeUnit.SECONDS));

            CompletableFuture<Boolean> queued = new CompletableFuture<>();
            executor.execute(() -> queued.complete(BoundedRequestExecutor.isSheddingLoad()));

            CompletableFuture<Boolean> overflow = new CompletableFuture<>();
            CountDownLatch shedderBusy = new CountDownLatch(1);
            executor.execute(() -> {
                shedderBusy.countDown();
                overflow.complete(BoundedRequestExecutor.isSheddingLoad());
                await(release);
            });
            assertTrue(shedderBusy.await(10, TimeUnit.SECONDS));
            executor.execute(() -> { }); // fills the shedding thread's queue
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));

            release.countDown();
            assertFalse(running.get(10, TimeUnit.SECONDS));
            assertFalse(queued.get(10, TimeUnit.SECONDS));
            assertTrue(overflow.get(10, TimeUnit.SECONDS));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
