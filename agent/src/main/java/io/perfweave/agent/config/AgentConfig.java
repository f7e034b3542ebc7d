package io.perfweave.agent.config;


import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole agent config, immutable once loaded.
 *
 * @param server the HTTP port
 * @param windowSeconds length of the recent window that summaries also report (1..60)
 * @param histogramBucketsSeconds upper bounds of the Prometheus histogram buckets, in seconds
 * @param failOnError stop the JVM when the agent cannot start, instead of running on without it
 * @param tagValueLimit default cap on distinct values per tag
 * @param operations what to time
 * @param resources resource sampling and thresholds
 * @param reload how a changed config file is noticed
 * @param profiling how the slow calls of operations with a {@code profile} are sampled
 * @param jfr also emit threshold level changes and slow calls as Java Flight Recorder events
 * @param reportOnExit a file that receives every operation's summary (the {@code /metrics} JSON)
 *                     when the JVM exits, so that a batch job or a test run leaves its figures
 * @param export where the figures are pushed as well (OTLP)
 * @param alerts what {@code perfweave-agent.jar rules} adds to the thresholds' alerts (regression
 *               rules against a baseline); null when not set. The agent itself does not read it
 * @param breakdown break each operation's calls down into the timed calls made inside them and
 *                  its self time (default on); fixed at start, since it decides the woven code
 */
public record AgentConfig(
        ServerConfig server,
        Integer windowSeconds,
        List<Double> histogramBucketsSeconds,
        Boolean failOnError,
        Integer tagValueLimit,
        List<OperationConfig> operations,
        ResourcesConfig resources,
        ReloadConfig reload,
        ProfilingConfig profiling,
        Boolean jfr,
        String reportOnExit,
        ExportConfig export,
        AlertsConfig alerts,
        Boolean breakdown) {

    public static final List<Double> DEFAULT_BUCKETS = List.of(
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    public AgentConfig {
        server = server == null ? ServerConfig.DEFAULT : server;
        failOnError = failOnError != null && failOnError;
        windowSeconds = windowSeconds == null ? 60 : windowSeconds;
        if (windowSeconds < 1 || windowSeconds > 60) {
            throw new IllegalArgumentException("window_seconds must be between 1 and 60, was " + windowSeconds);
        }
        histogramBucketsSeconds = histogramBucketsSeconds == null ? DEFAULT_BUCKETS : List.copyOf(histogramBucketsSeconds);
        if (histogramBucketsSeconds.isEmpty() || histogramBucketsSeconds.size() > 64) {
            throw new IllegalArgumentException("histogram_buckets_seconds needs 1 to 64 bounds");
        }
        for (int i = 0; i < histogramBucketsSeconds.size(); i++) {
            double bound = histogramBucketsSeconds.get(i);
            if (!(bound > 0) || Double.isInfinite(bound)) {
                throw new IllegalArgumentException("histogram_buckets_seconds must be positive finite numbers, found " + bound);
            }
            if (i > 0 && bound <= histogramBucketsSeconds.get(i - 1)) {
                throw new IllegalArgumentException("histogram_buckets_seconds must be in increasing order");
            }
        }
        tagValueLimit = tagValueLimit == null ? 100 : tagValueLimit;
        if (tagValueLimit < 1 || tagValueLimit > 10_000) {
            throw new IllegalArgumentException("tag_value_limit must be 1..10000, was " + tagValueLimit);
        }
        operations = operations == null ? List.of() : List.copyOf(operations);
        Set<String> names = new HashSet<>();
        for (OperationConfig operation : operations) {
            if (!names.add(operation.name())) {
                throw new IllegalArgumentException("operation name '" + operation.name() + "' is used twice");
            }
        }
        resources = resources == null ? ResourcesConfig.DEFAULT : resources;
        reload = reload == null ? ReloadConfig.DEFAULT : reload;
        profiling = profiling == null ? ProfilingConfig.DEFAULT : profiling;
        jfr = jfr != null && jfr;
        export = export == null ? ExportConfig.NONE : export;
        breakdown = breakdown == null || breakdown;
        if (reportOnExit != null && reportOnExit.isBlank()) {
            throw new IllegalArgumentException("report_on_exit must name a file");
        }
        for (OperationConfig operation : operations) {
            if (!jfr && operation.thresholds() != null && operation.thresholds().slowCallMs() != null) {
                throw new IllegalArgumentException("operations: '" + operation.name()
                        + "' sets thresholds.slow_call_ms, which is reported as JFR events; set jfr: true at the top level");
            }
        }
    }

    /** The same config with the server changed, for agent arguments that override the file. */
    public AgentConfig withServer(ServerConfig newServer) {
        return new AgentConfig(newServer, windowSeconds, histogramBucketsSeconds, failOnError, tagValueLimit,
                new ArrayList<>(operations), resources, reload, profiling, jfr, reportOnExit, export, alerts, breakdown);
    }

    public int tagValueLimitOf(OperationConfig operation) {
        return operation.tagValueLimit() != null ? operation.tagValueLimit() : tagValueLimit;
    }
}
