package io.perfweave.it.apps.insight;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An application that knows nothing of the agent and does, on command from standard input, what
 * the resource and threshold tests need to see:
 * {@code hold N} (allocate N MB of touched memory and keep it), {@code release},
 * {@code spin} / {@code rest} (start or stop a thread that keeps one core busy),
 * {@code call PROJECT MILLIS COUNT} (COUNT calls of {@link #lookup} that each take MILLIS),
 * {@code fail PROJECT COUNT} (calls that throw), {@code allocate KB COUNT} (COUNT calls of
 * {@link #allocate} that each allocate KB kilobytes), {@code exit}. It answers the n-th command, once it
 * is done, with a line {@code done n ...}.
 */
public final class InsightApp {
    private static final List<byte[]> held = new ArrayList<>();
    private static volatile boolean spinning;
    private static volatile long sink;
    /** Keeps the last allocation reachable, so the compiler cannot leave it out. */
    private static volatile Object lastAllocation;

    private InsightApp() {
    }

    static String lookup(String projectId, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("no such lookup for " + projectId);
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return projectId + "@" + millis;
    }

    static int allocate(int kilobytes) {
        byte[][] blocks = new byte[kilobytes][];
        for (int i = 0; i < kilobytes; i++) {
            blocks[i] = new byte[1024 - 16]; // with its array header, one kilobyte on a 64-bit JVM
        }
        lastAllocation = blocks;
        return blocks.length;
    }

    private static void hold(int megabytes) {
        for (int i = 0; i < megabytes; i++) {
            byte[] block = new byte[1024 * 1024];
            Arrays.fill(block, (byte) (i | 1)); // written, so the pages are resident
            held.add(block);
        }
    }

    private static void spin() {
        spinning = true;
        Thread spinner = new Thread(() -> {
            long x = 1;
            while (spinning) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }, "busy-spinner");
        spinner.setDaemon(true);
        spinner.start();
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        int commands = 0;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            String[] words = line.trim().split("\\s+");
            System.out.print("done " + ++commands + " ");
            switch (words[0]) {
                case "hold" -> {
                    hold(Integer.parseInt(words[1]));
                    System.out.println("held " + held.size());
                }
                case "release" -> {
                    held.clear();
                    System.out.println("released");
                }
                case "spin" -> {
                    spin();
                    System.out.println("spinning");
                }
                case "rest" -> {
                    spinning = false;
                    System.out.println("resting");
                }
                case "call" -> {
                    int count = Integer.parseInt(words[3]);
                    for (int i = 0; i < count; i++) {
                        lookup(words[1], Long.parseLong(words[2]));
                    }
                    System.out.println("called " + words[1] + " " + count);
                }
                case "fail" -> {
                    int count = Integer.parseInt(words[2]);
                    for (int i = 0; i < count; i++) {
                        try {
                            lookup(words[1], -1);
                        } catch (IllegalArgumentException expected) {
                            // counted by the agent as a failed call
                        }
                    }
                    System.out.println("failed " + words[1] + " " + count);
                }
                case "allocate" -> {
                    int count = Integer.parseInt(words[2]);
                    long made = 0;
                    for (int i = 0; i < count; i++) {
                        made += allocate(Integer.parseInt(words[1]));
                    }
                    System.out.println("allocated " + made);
                }
                default -> System.out.println("unknown command " + line);
            }
            System.out.flush();
        }
    }
}
