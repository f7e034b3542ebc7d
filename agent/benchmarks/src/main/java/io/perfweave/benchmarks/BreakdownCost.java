package io.perfweave.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the breakdown ({@code breakdown: true}) adds per call: the agent's variants of
 * {@link CallOverhead} (a call with nothing timed around it, the same throwing, and a timed call
 * inside another) in forks with the breakdown on and off, one after the other in one run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.perfweave.benchmarks.BreakdownCost AGENT_JAR CONFIG_ON CONFIG_OFF [iterations]}
 */
public final class BreakdownCost {
    private BreakdownCost() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length < 3) {
            System.err.println("usage: BreakdownCost AGENT_JAR CONFIG_ON CONFIG_OFF [measurement-iterations]");
            System.exit(2);
        }
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Map<String, double[]> off = run(args[0], args[2], iterations);
        Map<String, double[]> on = run(args[0], args[1], iterations);
        Map<String, double[]> offAgain = run(args[0], args[2], iterations);
        System.out.println();
        System.out.println("ns per call (average time); the breakdown off, on, off again; added = on - mean(off)");
        System.out.printf("%-14s %8s %8s %8s %8s %12s%n", "benchmark", "off", "on", "off", "added", "B/call on");
        for (String name : on.keySet()) {
            double baseline = (off.get(name)[0] + offAgain.get(name)[0]) / 2;
            System.out.printf("%-14s %8.1f %8.1f %8.1f %8.1f %12.2f%n", name, off.get(name)[0], on.get(name)[0],
                    offAgain.get(name)[0], on.get(name)[0] - baseline, on.get(name)[1]);
        }
        System.out.println("(agentNested is two timed calls, one inside the other: its added cost is for both)");
    }

    private static Map<String, double[]> run(String agentJar, String config, int iterations) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(CallOverhead.class.getName() + "\\.(agent|agentThrowing|agentNested)$")
                .threads(1)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-javaagent:" + agentJar + "=config=" + config + ",port=0");
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark();
            var alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            scores.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {result.getPrimaryResult().getScore(), alloc == null ? Double.NaN : alloc.getScore()});
        }
        return scores;
    }
}
