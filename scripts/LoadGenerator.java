import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the sample orchestrator at a fixed concurrency for a fixed time and prints throughput and
 * latency percentiles. Needs only the JDK: run it with {@code java scripts/LoadGenerator.java}.
 *
 * <pre>
 * java scripts/LoadGenerator.java URL CONCURRENCY SECONDS [WARMUP_SECONDS] [PROJECTS]
 *   URL          e.g. http://127.0.0.1:8080
 *   PROJECTS     comma-separated project ids, taken in turn (default TEST-001,...,TEST-005)
 * </pre>
 *
 * The last line is machine-readable: {@code result requests=N errors=E rps=R p50_ms=.. p95_ms=.. p99_ms=.. max_ms=..}.
 */
public final class LoadGenerator {
    private static final String BODY = "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":true}}";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java scripts/LoadGenerator.java URL CONCURRENCY SECONDS [WARMUP_SECONDS] [PROJECTS]");
            System.exit(2);
        }
        String url = args[0].replaceAll("/+$", "");
        int concurrency = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String[] projects = (args.length > 4 ? args[4] : "TEST-001,TEST-002,TEST-003,TEST-004,TEST-005").split(",");
        if (concurrency < 1 || concurrency > 512 || seconds < 1 || seconds > 3600 || warmup < 0) {
            System.err.println("concurrency must be 1..512, seconds 1..3600, warm-up >= 0");
            System.exit(2);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        run(client, url, projects, concurrency, warmup, null);
        Recording recording = new Recording();
        long began = System.nanoTime();
        run(client, url, projects, concurrency, seconds, recording);
        double elapsed = (System.nanoTime() - began) / 1e9;
        recording.print(elapsed);
    }

    private static void run(HttpClient client, String url, String[] projects, int concurrency, int seconds,
                            Recording recording) throws InterruptedException {
        if (seconds == 0) {
            return;
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                long[] own = new long[1 << 16];
                int n = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    String project = projects[(int) (next.getAndIncrement() % projects.length)];
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/orchestrate/project/" + project))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors++;
                        }
                    } catch (IOException e) {
                        errors++;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (n == own.length) {
                        own = Arrays.copyOf(own, own.length * 2);
                    }
                    own[n++] = System.nanoTime() - start;
                }
                if (recording != null) {
                    recording.add(Arrays.copyOf(own, n), errors);
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Every request's latency, gathered from the client threads when they finish. */
    private static final class Recording {
        private final List<long[]> parts = new ArrayList<>();
        private long errors;

        synchronized void add(long[] latencies, long failed) {
            parts.add(latencies);
            errors += failed;
        }

        synchronized void print(double seconds) {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double rps = all.length / seconds;
            System.out.printf("requests %d in %.1f s (%.1f/s), errors %d%n", all.length, seconds, rps, errors);
            System.out.printf("latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", at(all, 50), at(all, 95), at(all, 99),
                    all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            System.out.printf("result requests=%d errors=%d rps=%.2f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                    all.length, errors, rps, at(all, 50), at(all, 95), at(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double percent) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.max(0, (int) Math.ceil(percent / 100 * sorted.length) - 1)] / 1e6;
        }
    }
}
