package io.perfweave.it.apps.scale;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs {@code tasks} tasks on a virtual-thread-per-task executor, {@code rounds} times; each task
 * calls {@link Work#call} once, and every tenth call throws. Prints per round
 * {@code round N ns_per_task X}, then {@code done calls=C failures=F} (what the tasks saw), then
 * serves {@link Commands}.
 *
 * <p>Usage: {@code VirtualThreadTasksApp tasks rounds [clock]}. With {@code clock} each task also
 * reads {@link System#nanoTime()} before and after its call, as a hand-written timer would: the
 * floor under any timing of the call. Needs Java 21; on older JVMs it prints
 * {@code unsupported ...} and exits with status 3. The executor is reached through a method handle
 * so that this compiles at release 17.
 */
public final class VirtualThreadTasksApp {
    private VirtualThreadTasksApp() {
    }

    /** The method the agent times: a few nanoseconds of arithmetic, or an exception. */
    public static final class Work {
        private Work() {
        }

        public static int call(int i) {
            if (i % 10 == 9) {
                throw new Failure();
            }
            return i * 31 + 7;
        }
    }

    /** Without a stack trace: the failing path should cost about what the succeeding one does. */
    static final class Failure extends RuntimeException {
        Failure() {
            super("fails on purpose", null, false, false);
        }
    }

    public static void main(String[] args) throws Throwable {
        int tasks = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean clock = args.length > 2 && args[2].equals("clock");
        if (Runtime.version().feature() < 21) {
            System.out.println("unsupported: virtual threads need Java 21, this is " + Runtime.version());
            System.exit(3);
        }
        MethodHandle newExecutor = MethodHandles.publicLookup().findStatic(Executors.class,
                "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
        LongAdder successes = new LongAdder();
        LongAdder failures = new LongAdder();
        for (int round = 1; round <= rounds; round++) {
            ExecutorService executor = (ExecutorService) newExecutor.invokeExact();
            long start = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                int argument = i;
                executor.execute(clock ? () -> {
                    long began = System.nanoTime();
                    try {
                        Work.call(argument);
                        successes.increment();
                    } catch (Failure expected) {
                        failures.increment();
                    }
                    if (System.nanoTime() - began < 0) {
                        throw new AssertionError("the clock went back"); // uses both reads
                    }
                } : () -> {
                    try {
                        Work.call(argument);
                        successes.increment();
                    } catch (Failure expected) {
                        failures.increment();
                    }
                });
            }
            executor.shutdown();
            if (!executor.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("round " + round + " did not finish");
            }
            long elapsed = System.nanoTime() - start;
            System.out.println("round " + round + " ns_per_task " + elapsed / tasks);
            System.out.flush();
        }
        long calls = successes.sum() + failures.sum();
        System.out.println("done calls=" + calls + " failures=" + failures.sum());
        Commands.serve();
    }
}
