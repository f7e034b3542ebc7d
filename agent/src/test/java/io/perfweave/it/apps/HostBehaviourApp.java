package io.perfweave.it.apps;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntUnaryOperator;

/**
 * Exercises what the agent must leave untouched: return values of every kind, exceptions (the same
 * instance, the same stack trace), recursion, default methods, lambdas, asynchronous results and
 * constructors. Its standard output must be identical with and without the agent.
 */
public final class HostBehaviourApp {
    static RuntimeException lastThrown;

    interface Greeter {
        default String greet(String name) {
            return "hello " + name;
        }
    }

    static final class PlainGreeter implements Greeter {
    }

    /** Marks classes for an {@code annotated_with} selector. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Measured {
    }

    @Measured
    static final class Annotated {
        int twice(int x) {
            return 2 * x;
        }
    }

    /** Its compareTo(Version) comes with a compiler-made bridge compareTo(Object). */
    static final class Version implements Comparable<Version> {
        final int number;

        Version(int number) {
            this.number = number;
        }

        @Override
        public int compareTo(Version other) {
            return Integer.compare(number, other.number);
        }
    }

    static String pick(int x) {
        return "int " + x;
    }

    static String pick(String x) {
        return "string " + x;
    }

    static final class Widget {
        final int size;

        Widget(int size) {
            this.size = size;
        }
    }

    static int intValue(int x) {
        return x * 3;
    }

    static long longValue(long x) {
        return x << 40;
    }

    static double doubleValue(double x) {
        return x / 3;
    }

    static String stringValue(String s) {
        return s + "!";
    }

    static int[] arrayValue(int n) {
        int[] values = new int[n];
        Arrays.setAll(values, i -> i * i);
        return values;
    }

    static void voidValue(StringBuilder out) {
        out.append("void ran");
    }

    static Object nullValue() {
        return null;
    }

    static int thrower(int depth) {
        if (depth == 0) {
            lastThrown = new IllegalStateException("thrown at the bottom");
            throw lastThrown;
        }
        return thrower(depth - 1) + 1;
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static long fibOutermost(int n) {
        return n < 2 ? n : fibOutermost(n - 1) + fibOutermost(n - 2);
    }

    static CompletableFuture<String> later(boolean fail) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("async failure");
            }
            return "async value";
        });
    }

    public static void main(String[] args) throws Exception {
        System.out.println("int " + intValue(14));
        System.out.println("long " + longValue(3));
        System.out.println("double " + doubleValue(10));
        System.out.println("string " + stringValue("abc"));
        System.out.println("array " + Arrays.toString(arrayValue(6)));
        StringBuilder sb = new StringBuilder();
        voidValue(sb);
        System.out.println(sb);
        System.out.println("null " + nullValue());

        for (int i = 0; i < 3; i++) {
            try {
                thrower(4);
            } catch (IllegalStateException e) {
                System.out.println("same instance " + (e == lastThrown));
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                System.out.print(trace);
            }
        }

        System.out.println("fib " + fib(10));
        System.out.println("fibOutermost " + fibOutermost(10));
        for (int i = 0; i < 5; i++) {
            System.out.println(new PlainGreeter().greet("world " + i));
        }
        IntUnaryOperator square = x -> x * x;
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += square.applyAsInt(i);
        }
        System.out.println("lambda sum " + sum);

        System.out.println("async " + later(false).get());
        try {
            later(true).get();
        } catch (ExecutionException e) {
            System.out.println("async failed with " + e.getCause());
        }
        int sizes = 0;
        for (int i = 0; i < 4; i++) {
            sizes += new Widget(i).size;
        }
        System.out.println("widgets " + sizes);
        System.out.println(new Annotated().twice(21));
        java.util.List<Version> versions = new java.util.ArrayList<>(java.util.List.of(new Version(3), new Version(1), new Version(2)));
        java.util.Collections.sort(versions);
        System.out.println("sorted " + versions.get(0).number + versions.get(1).number + versions.get(2).number);
        System.out.println(pick(1) + " " + pick("one") + " " + pick(2));
        System.out.println("done");
        if (args.length > 0 && args[0].equals("wait")) {
            AwaitExit.await();
        }
    }
}
