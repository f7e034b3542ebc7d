package io.perfweave.orchestrator.api;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs HTTP exchanges on a fixed number of threads with a bounded queue, so a burst of requests
 * cannot exhaust memory or threads.
 *
 * <p>When workers and queue are full, the JDK server would simply drop the connection. Instead the
 * overflow goes to one "shedding" thread (with its own bounded queue) whose only job is to
 * answer 503 quickly: handlers ask {@link #isSheddingLoad()} before doing any real work. Only when
 * that queue is full as well is a connection dropped.
 */
final class BoundedRequestExecutor implements Executor, AutoCloseable {

    private static final ThreadLocal<Boolean> SHEDDING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor shedder;

    BoundedRequestExecutor(int threads, int queueCapacity) {
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), namedThreads("orchestrator-http-", false),
                new ThreadPoolExecutor.AbortPolicy());
        this.shedder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), namedThreads("orchestrator-overload-", true),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            workers.execute(exchange);
        } catch (RejectedExecutionException full) {
            shedder.execute(exchange);
        }
    }

    /** Whether the current thread is the one answering overflow requests with 503. */
    static boolean isSheddingLoad() {
        return SHEDDING.get();
    }

    @Override
    public void close() {
        workers.shutdown();
        shedder.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            shedder.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            shedder.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedThreads(String prefix, boolean shedding) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Runnable body = shedding ? () -> {
                SHEDDING.set(Boolean.TRUE);
                task.run();
            } : task;
            Thread thread = new Thread(body, prefix + counter.incrementAndGet());
            // The server's own dispatcher thread keeps the process alive, not these.
            thread.setDaemon(true);
            return thread;
        };
    }
}
