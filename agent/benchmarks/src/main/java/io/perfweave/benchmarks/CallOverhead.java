package io.perfweave.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * What timing a call costs. {@code plain}: the call alone. {@code floor}: the call between two
 * {@code System.nanoTime()} reads by hand, the least any timer can cost. {@code agent}: the call
 * of a method the agent times (its fork runs with {@code -javaagent}). Each also on the path where
 * the method throws. {@code agentAllocation}: a method the agent times and measures the allocation of.
 * {@code agentTagged}: a method timed per value of a tag taken from its argument
 * ({@code prometheus_tags: true}), against {@code plainTagged}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallOverhead {
    int x = 42;
    String project = "TEST-001";

    @Benchmark
    public int plainTagged() {
        return Target.taggedWork(project);
    }

    @Benchmark
    public int agentTagged() {
        return Target.timedTaggedWork(project);
    }

    @Benchmark
    public int plain() {
        return Target.work(x);
    }

    @Benchmark
    public void floor(Blackhole blackhole) {
        long start = System.nanoTime();
        int result = Target.work(x);
        long end = System.nanoTime();
        blackhole.consume(result);
        blackhole.consume(end - start);
    }

    @Benchmark
    public int agent() {
        return Target.timedWork(x);
    }

    @Benchmark
    public int agentNested() {
        return Target.timedParent(x);
    }

    @Benchmark
    public int agentAllocation() {
        return Target.allocationMeasuredWork(x);
    }

    @Benchmark
    public int plainThrowing() {
        try {
            return Target.fail(x);
        } catch (Target.StacklessFailure expected) {
            return -1;
        }
    }

    @Benchmark
    public void floorThrowing(Blackhole blackhole) {
        long start = System.nanoTime();
        int result;
        try {
            result = Target.fail(x);
        } catch (Target.StacklessFailure expected) {
            result = -1;
        }
        long end = System.nanoTime();
        blackhole.consume(result);
        blackhole.consume(end - start);
    }

    @Benchmark
    public int agentThrowing() {
        try {
            return Target.timedFail(x);
        } catch (Target.StacklessFailure expected) {
            return -1;
        }
    }
}
