package io.perfweave.agent.weave;

import java.util.concurrent.CompletableFuture;

/**
 * Methods of the shapes that make weaving hard (loops, handlers of their own, returns inside
 * them, slots reused with other types, wide arguments, a constructor that branches before it
 * calls another), woven by {@link TimedClassTest} and compared with themselves unwoven.
 */
public class WeavingSamples {
    private final String sign;

    public WeavingSamples(int x) {
        this(x > 0 ? "positive" : "not positive");
    }

    private WeavingSamples(String sign) {
        this.sign = sign;
    }

    public String sign() {
        return sign;
    }

    public static int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i % 3 == 0 ? i : -1;
        }
        return sum;
    }

    public long wide(long a, double b, int c) {
        if (c < 0) {
            return -1;
        }
        if (b > a) {
            return (long) b + c;
        }
        return a - c;
    }

    public static String failsOrAnswers(boolean fail) {
        if (fail) {
            throw new IllegalStateException("fails on purpose");
        }
        return "answer";
    }

    public static int catchesItsOwn(int x) {
        try {
            if (x == 0) {
                throw new ArithmeticException("zero");
            }
            return 100 / x;
        } catch (ArithmeticException e) {
            return -1;
        } finally {
            x++;
        }
    }

    public static String slotsReused(boolean which) {
        if (which) {
            int number = 7;
            long wide = number * 3L;
            return "n" + (number + wide);
        } else {
            String text = "t";
            Object other = text + "x";
            return text + other;
        }
    }

    public synchronized int lockedMethod(int x) {
        return x * 2;
    }

    public int lockedBlock(int x) {
        synchronized (this) {
            if (x > 10) {
                return x;
            }
            throw new IllegalArgumentException("small: " + x);
        }
    }

    public static String switches(int x) {
        switch (x) {
            case 1:
                return "one";
            case 2:
                return "two";
            case 3:
                return "three";
            default:
                return "many";
        }
    }

    public static void nothing(int[] into) {
        into[0]++;
    }

    public static CompletableFuture<String> later(String value, boolean fail) {
        return fail ? CompletableFuture.failedFuture(new IllegalStateException("later fails"))
                : CompletableFuture.completedFuture(value);
    }

    public static int tagged(int project, String name) {
        return project + name.length();
    }
}
