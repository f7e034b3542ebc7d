package io.perfweave.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Makes calls only when told: {@code call N} on standard input makes N calls of {@link #work}
 * and prints {@code called N}; {@code handle PROJECT N} calls {@link #handle} N times with that
 * argument and prints {@code handled PROJECT N}; {@code load} loads (and calls once) the class {@link Late}, as a
 * service loads a class late in its start, and prints {@code loaded}; {@code exit} (or the end of
 * input) ends it. {@link #work} runs once at start, so that its class is loaded before any agent
 * is attached.
 */
public final class OnDemandApp {
    private OnDemandApp() {
    }

    static int work(int i) {
        return i * 7 + 1;
    }

    /** Called by {@code handle PROJECT N}, for operations tagged by their argument. */
    static int handle(String project) {
        return project.length();
    }

    /** Loaded only on {@code load}. */
    static final class Late {
        static int run() {
            return 42;
        }
    }

    public static void main(String[] args) throws Exception {
        long sum = work(0);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            if (line.startsWith("call ")) {
                int calls = Integer.parseInt(line.substring("call ".length()).trim());
                for (int i = 1; i <= calls; i++) {
                    sum += work(i);
                }
                System.out.println("called " + calls + " sum " + sum);
                System.out.flush();
            } else if (line.startsWith("handle ")) {
                String[] words = line.split(" ");
                int calls = Integer.parseInt(words[2]);
                for (int i = 0; i < calls; i++) {
                    sum += handle(words[1]);
                }
                System.out.println("handled " + words[1] + " " + calls);
                System.out.flush();
            } else if (line.equals("load")) {
                sum += Late.run();
                System.out.println("loaded");
                System.out.flush();
            }
        }
    }
}
