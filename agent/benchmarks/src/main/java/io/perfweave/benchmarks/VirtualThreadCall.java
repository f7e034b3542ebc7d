package io.perfweave.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * What one timed call costs when it is the only call a fresh virtual thread makes: the pattern of
 * a virtual-thread-per-task server, where every thread is new to the agent. {@code plain}: start
 * {@value #BATCH} virtual threads that each call {@link Target#work} once, then join them all;
 * {@code agent}: the same with {@link Target#timedWork}, in a fork started with the agent
 * ({@code overhead.yaml} times it). Scores are per thread. The difference is the agent's cost for
 * a call on a new thread, including whatever it sets up per thread; the allocation per operation
 * ({@code -prof gc}) shows what that set-up allocates.
 *
 * <p>Threads are started in batches because one start-and-join at a time measures mostly the
 * wake-up of the joining JMH thread (tens of microseconds on a small machine), which would hide
 * the agent's part; with a batch in flight the carriers stay busy, as in a server.
 *
 * <p>Virtual threads need Java 21; {@code Thread.startVirtualThread} is reached through a method
 * handle so that this module still compiles at release 17.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.perfweave.benchmarks.VirtualThreadCall AGENT_JAR CONFIG [iterations]}
 * on a JDK 21 or later ({@code scripts/benchmark.sh --virtual-threads}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class VirtualThreadCall {
    static final int BATCH = 100;
    private static final MethodHandle START_VIRTUAL_THREAD = startVirtualThread();

    int x = 42;
    int result; // written by every thread of a batch: a benign race, it only keeps the result used
    private final Thread[] batch = new Thread[BATCH];
    // made once, so that each operation allocates the thread and nothing else of the benchmark's own
    private final Runnable plainTask = () -> result = Target.work(x);
    private final Runnable timedTask = () -> result = Target.timedWork(x);

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int plain() throws Throwable {
        return runOnNewVirtualThreads(plainTask);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int agent() throws Throwable {
        return runOnNewVirtualThreads(timedTask);
    }

    private int runOnNewVirtualThreads(Runnable task) throws Throwable {
        for (int i = 0; i < BATCH; i++) {
            batch[i] = (Thread) START_VIRTUAL_THREAD.invokeExact(task);
        }
        for (Thread thread : batch) {
            thread.join(); // join also makes the thread's write of result visible here
        }
        return result;
    }

    private static MethodHandle startVirtualThread() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException olderThan21) {
            return null; // main says so before any fork starts; a benchmark fork fails at its first call
        }
    }

    /** Runs {@code plain} without the agent and {@code agent} with it, and prints one line for each and their difference. */
    public static void main(String[] args) throws RunnerException {
        if (args.length < 2) {
            System.err.println("usage: java -cp benchmarks.jar " + VirtualThreadCall.class.getName()
                    + " AGENT_JAR CONFIG [measurement-iterations]");
            System.exit(2);
        }
        if (START_VIRTUAL_THREAD == null) {
            System.err.println("virtual threads need Java 21 or later; this is " + Runtime.version());
            System.exit(2);
        }
        String agent = "-javaagent:" + args[0] + "=config=" + args[1] + ",port=0";
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[] plain = run("plain", iterations, null);
        double[] timed = run("agent", iterations, agent);
        System.out.println();
        System.out.println("one call on a fresh virtual thread (start, call, join; " + BATCH + " in flight), ns and bytes per thread");
        System.out.printf("%-8s %12s %12s%n", "variant", "ns/op", "B/op");
        System.out.printf("%-8s %12.1f %12.1f%n", "plain", plain[0], plain[1]);
        System.out.printf("%-8s %12.1f %12.1f%n", "agent", timed[0], timed[1]);
        System.out.printf("agent added %.1f ns and %.1f B per call on a new thread (%.2fx plain)%n",
                timed[0] - plain[0], timed[1] - plain[1], timed[0] / plain[0]);
    }

    /** Score and bytes allocated per operation of one benchmark, in one fork (with the agent when given). */
    private static double[] run(String benchmark, int iterations, String agent) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(VirtualThreadCall.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class);
        if (agent != null) {
            options = options.jvmArgsAppend(agent);
        }
        RunResult result = new Runner(options.build()).runSingle();
        Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return new double[] {result.getPrimaryResult().getScore(), allocation == null ? Double.NaN : allocation.getScore()};
    }
}
