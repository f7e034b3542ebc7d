package io.perfweave.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link CallOverhead} at 1 and 2 threads, the agent's variants in forks started with the
 * agent, all with {@code -prof gc}, and prints one table: ns per call, bytes allocated per call,
 * and the agent's added cost as a multiple of the floor's added cost.
 *
 * <p>Usage: {@code java -jar benchmarks.jar AGENT_JAR CONFIG [iterations]}
 */
public final class OverheadReport {
    private OverheadReport() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length < 2) {
            System.err.println("usage: java -jar benchmarks.jar AGENT_JAR CONFIG [measurement-iterations]");
            System.exit(2);
        }
        String agent = "-javaagent:" + args[0] + "=config=" + args[1] + ",port=0";
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-8s %-9s %10s %10s %10s %8s %8s %8s%n", "threads", "path", "plain ns", "floor ns",
                "agent ns", "floor+", "agent+", "ratio"));
        for (int threads : new int[] {1, 2}) {
            Map<String, double[]> results = new LinkedHashMap<>();
            results.putAll(run("plain|floor|plainTagged", threads, iterations, null));
            results.putAll(run("agent|agentAllocation|agentTagged", threads, iterations, agent));
            for (String path : new String[] {"", "Throwing"}) {
                double[] plain = results.get("plain" + path);
                double[] floor = results.get("floor" + path);
                double[] timed = results.get("agent" + path);
                double floorAdded = floor[0] - plain[0];
                double agentAdded = timed[0] - plain[0];
                table.append(String.format("%-8d %-9s %10.1f %10.1f %10.1f %8.1f %8.1f %8.2f%n", threads,
                        path.isEmpty() ? "success" : "exception", plain[0], floor[0], timed[0], floorAdded, agentAdded,
                        agentAdded / floorAdded));
                table.append(String.format("%-8s %-9s %10s %10s %10s   B/call: plain %.1f, floor %.1f, agent %.1f%n", "",
                        "", "", "", "", plain[1], floor[1], timed[1]));
            }
            double[] plain = results.get("plain");
            double[] allocation = results.get("agentAllocation");
            table.append(String.format("%-8d %-9s %10.1f %10s %10.1f %8s %8.1f %8s   B/call: %.1f (allocation: true)%n",
                    threads, "allocated", plain[0], "", allocation[0], "", allocation[0] - plain[0], "", allocation[1]));
            double[] plainTagged = results.get("plainTagged");
            double[] tagged = results.get("agentTagged");
            table.append(String.format("%-8d %-9s %10.1f %10s %10.1f %8s %8.1f %8s   B/call: %.1f (a tag per call)%n",
                    threads, "tagged", plainTagged[0], "", tagged[0], "", tagged[0] - plainTagged[0], "", tagged[1]));
        }
        System.out.println();
        System.out.println("ns per call (average time), added = variant - plain, ratio = agent added / floor added");
        System.out.print(table);
    }

    private static Map<String, double[]> run(String pattern, int threads, int iterations, String agent) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CallOverhead.class.getName() + "\\.(" + pattern + ")(Throwing)?$")
                .threads(threads)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class);
        if (agent != null) {
            options = options.jvmArgsAppend(agent);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double score = result.getPrimaryResult().getScore();
            var alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            scores.put(name, new double[] {score, alloc == null ? Double.NaN : alloc.getScore()});
        }
        return scores;
    }
}
