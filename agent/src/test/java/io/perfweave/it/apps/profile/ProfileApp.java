package io.perfweave.it.apps.profile;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * An application whose one operation, {@link #handle}, is slow or fast on command, and when slow
 * spends its time in a known helper, {@link Checksum#crunch}. Commands on standard input:
 * {@code slow MILLIS} (one call that spins that long), {@code fast COUNT} (calls that return at
 * once), {@code plain COUNT} (calls of {@link #plain}, an operation without profile), {@code exit}.
 * It answers the n-th command, once done, with a line {@code done n}.
 */
public final class ProfileApp {
    private static volatile long sink;

    private ProfileApp() {
    }

    static long handle(long millis) {
        if (millis <= 0) {
            return 0;
        }
        long end = System.nanoTime() + millis * 1_000_000L;
        long sum = 0;
        while (System.nanoTime() < end) {
            sum += Checksum.crunch(sum);
        }
        return sum;
    }

    static long plain(long i) {
        return i * 31;
    }

    /** The helper a slow call spends its time in. */
    static final class Checksum {
        private Checksum() {
        }

        static long crunch(long seed) {
            long x = seed;
            for (int i = 0; i < 20_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            return x;
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int commands = 0;
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            String[] words = line.trim().split("\\s+");
            long value = Long.parseLong(words[1]);
            switch (words[0]) {
                case "slow" -> sink += handle(value);
                case "fast" -> {
                    for (long i = 0; i < value; i++) {
                        sink += handle(0);
                    }
                }
                case "plain" -> {
                    for (long i = 0; i < value; i++) {
                        sink += plain(i);
                    }
                }
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
            System.out.println("done " + ++commands);
            System.out.flush();
        }
    }
}
