package io.perfweave.it.apps.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Set;
import java.util.TreeSet;

/**
 * An application that knows nothing of the agent: it makes a known number of calls, says
 * "ready", then follows commands from standard input:
 * {@code more N} (N more rounds of calls), {@code busy} (keep calling on a background thread),
 * {@code threads} (print the names of the JVM's threads), {@code exit}.
 *
 * <p>One round is one call of {@link #work} (every tenth fails), one of {@link #lookup} with a
 * project id that cycles through TEST-001..TEST-003, and one of {@link #quoted}.
 */
public final class HttpTestApp {
    private static long round;
    private static long checksum;

    private HttpTestApp() {
    }

    static int work(long i) {
        if (i % 10 == 0) {
            throw new IllegalStateException("call " + i + " fails on purpose");
        }
        int value = (int) i;
        for (int k = 0; k < 200; k++) {
            value = value * 31 + k;
        }
        return value;
    }

    static String lookup(String projectId, long i) {
        return projectId + "#" + i;
    }

    static long quoted(long i) {
        return i ^ 0x5bd1e995L;
    }

    static synchronized void rounds(long count) {
        for (long n = 0; n < count; n++) {
            round++;
            try {
                checksum += work(round);
            } catch (IllegalStateException expected) {
                checksum--;
            }
            checksum += lookup("TEST-00" + (1 + round % 3), round).length();
            checksum += quoted(round);
        }
    }

    public static void main(String[] args) throws Exception {
        long initial = Long.parseLong(args[0]);
        rounds(initial);
        System.out.println("done rounds=" + initial + " checksum=" + checksum);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            if (line.startsWith("more ")) {
                long count = Long.parseLong(line.substring(5).trim());
                rounds(count);
                System.out.println("did " + count);
            } else if (line.equals("busy")) {
                Thread busy = new Thread(() -> {
                    while (true) {
                        rounds(1);
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException stop) {
                            return;
                        }
                    }
                }, "busy-host");
                busy.setDaemon(true);
                busy.start();
                System.out.println("busy");
            } else if (line.equals("threads")) {
                Set<String> names = new TreeSet<>();
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    names.add(thread.getName());
                }
                System.out.println("threads " + String.join("|", names));
            }
            System.out.flush();
        }
    }
}
