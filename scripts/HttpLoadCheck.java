import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics port under load. Starts a busy host (BusyHostApp: every core spinning on a timed
 * method) with the agent, measures the host's throughput for a while without scraping and then
 * while CLIENTS clients scrape /metrics (as Prometheus asks for it) back to back, and reports the
 * scrapes' rate, errors and latency percentiles, and the host's throughput in both phases.
 *
 * With a PAUSE_MILLIS above 0 each client waits that long between its scrapes, as a fleet of
 * scrapers would, instead of scraping back to back. On Linux it also reports the CPU time the
 * agent's HTTP threads used, read from /proc, next to the CPU time the load client itself used
 * on the same cores.
 *
 * Usage: java scripts/HttpLoadCheck.java AGENT_JAR TEST_CLASSES CLIENTS SECONDS HOST_THREADS [PAUSE_MILLIS]
 */
public final class HttpLoadCheck {
    private static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args[0]).toAbsolutePath();
        Path testClasses = Path.of(args[1]).toAbsolutePath();
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int hostThreads = Integer.parseInt(args[4]);
        int pauseMillis = args.length > 5 ? Integer.parseInt(args[5]) : 0;

        Path config = Files.createTempFile("perfweave-load-", ".yaml");
        config.toFile().deleteOnExit();
        Files.writeString(config, String.join("\n",
                "operations:",
                "  - name: step",
                "    class: io.perfweave.it.apps.http.BusyHostApp",
                "    method: step",
                ""));
        int hostSeconds = WARM_UP_SECONDS + 2 * seconds + 3;
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agentJar + "=config=" + config + ",port=0",
                "-cp", testClasses.toString(), "io.perfweave.it.apps.http.BusyHostApp",
                Integer.toString(hostThreads), Integer.toString(hostSeconds)).start();
        try {
            run(host, clients, seconds, hostThreads, pauseMillis);
        } finally {
            host.destroyForcibly();
        }
    }

    private static void run(Process host, int clients, int seconds, int hostThreads, int pauseMillis) throws Exception {
        int port = portOf(host);
        List<Long> throughput = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("throughput ")) {
                        synchronized (throughput) {
                            throughput.add(Long.parseLong(line.substring(11)));
                        }
                    }
                }
            } catch (IOException ended) {
                // the host ended
            }
        });
        reader.setDaemon(true);
        reader.start();

        System.out.printf("host: %d busy thread(s), agent on port %d; warm-up %d s%n", hostThreads, port, WARM_UP_SECONDS);
        awaitSeconds(throughput, WARM_UP_SECONDS);
        int quietFrom = size(throughput);
        System.out.printf("phase 1: %d s without scraping%n", seconds);
        awaitSeconds(throughput, quietFrom + seconds);
        int quietTo = size(throughput);

        System.out.printf("phase 2: %d s with %d clients scraping /metrics %s%n", seconds, clients,
                pauseMillis > 0 ? "every " + pauseMillis + " ms each" : "back to back");
        double httpCpuBefore = agentHttpCpuSeconds(host.pid());
        double clientCpuBefore = ownCpuSeconds();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<String> firstErrors = new ArrayList<>();
        long[] bytes = new long[clients];
        CountDownLatch done = new CountDownLatch(clients);
        int scrapedFrom = size(throughput);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[200_000];
            latencies.add(mine);
            Thread scraper = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long t0 = System.nanoTime();
                    try {
                        bytes[client] += scrape(port);
                        mine[n++] = System.nanoTime() - t0;
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    } catch (InterruptedException stop) {
                        break;
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        synchronized (firstErrors) {
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.toString());
                            }
                        }
                    }
                }
                mine[mine.length - 1] = n; // the count, kept in the last slot
                done.countDown();
            }, "scraper-" + c);
            scraper.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        int scrapedTo = size(throughput);
        double httpCpu = agentHttpCpuSeconds(host.pid()) - httpCpuBefore;
        double clientCpu = ownCpuSeconds() - clientCpuBefore;
        host.getOutputStream().close();

        long total = 0;
        for (long[] mine : latencies) {
            total += mine[mine.length - 1];
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] mine : latencies) {
            int n = (int) mine[mine.length - 1];
            System.arraycopy(mine, 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        double quiet = average(throughput, quietFrom, quietTo);
        double scraped = average(throughput, scrapedFrom + 1, scrapedTo); // the first second is partly quiet
        System.out.println();
        System.out.printf("scrapes: %d ok, %d errors in %.1f s = %.0f requests/s (%.1f KB each)%n",
                total, errors.get(), elapsed, total / elapsed, total == 0 ? 0 : Arrays.stream(bytes).sum() / 1024.0 / total);
        System.out.printf("scrape latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(all, 50), percentile(all, 90), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf("host throughput: %.0f calls/s without scraping, %.0f calls/s while scraped (%+.1f %%)%n",
                quiet, scraped, 100 * (scraped - quiet) / quiet);
        if (httpCpu >= 0) {
            System.out.printf("CPU during the scraping: the agent's HTTP threads %.1f s, the load client %.1f s, of %.0f s on %d cores%n",
                    httpCpu, clientCpu, elapsed * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        }
        if (!firstErrors.isEmpty()) {
            System.out.println("first errors: " + firstErrors);
        }
        if (errors.get() > 0) {
            System.exit(1);
        }
    }

    /** CPU seconds of the host's threads named perfweave-http*, from /proc; -1 where there is no /proc. */
    private static double agentHttpCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (var stream = Files.list(tasks)) {
            for (Path task : stream.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("perfweave-http")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // the fields after the command name, which is in parentheses and may hold spaces
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    private static double ownCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    /** One scrape on a new connection (the port closes each after one answer); returns the body's size. */
    private static long scrape(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + ACCEPT
                    + "\r\nUser-Agent: perfweave-load-check\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String head = new String(answer, 0, Math.min(answer.length, 64), StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 200 ")) {
                throw new IOException("answer: " + head.lines().findFirst().orElse("(empty)"));
            }
            String text = new String(answer, StandardCharsets.UTF_8);
            if (!text.endsWith("# EOF\n")) {
                throw new IOException("incomplete exposition");
            }
            return answer.length;
        }
    }

    private static int portOf(Process host) throws IOException {
        Pattern line = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
        BufferedReader err = new BufferedReader(new InputStreamReader(host.getErrorStream(), StandardCharsets.UTF_8));
        String text;
        while ((text = err.readLine()) != null) {
            Matcher matcher = line.matcher(text);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the host ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
            System.err.println("host: " + text);
        }
        throw new IOException("the host ended before the agent logged its port");
    }

    private static void awaitSeconds(List<Long> throughput, int count) throws InterruptedException {
        while (size(throughput) < count) {
            Thread.sleep(50);
        }
    }

    private static int size(List<Long> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private static double average(List<Long> list, int from, int to) {
        synchronized (list) {
            return list.subList(from, to).stream().mapToLong(Long::longValue).average().orElse(0);
        }
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }
}
