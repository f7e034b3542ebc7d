package io.perfweave.agent.core;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.export.OtlpExport;
import io.perfweave.agent.http.AgentHttpServer;
import io.perfweave.agent.http.HttpReply;
import io.perfweave.agent.http.InsightRoutes;
import io.perfweave.agent.http.MetricsRoutes;
import io.perfweave.agent.http.ProfileRoutes;
import io.perfweave.agent.judge.Causes;
import io.perfweave.agent.judge.ThresholdJudge;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.profile.ProfileSnapshot;
import io.perfweave.agent.profile.SlowCallProfiles;
import io.perfweave.agent.profile.SlowCallSampler;
import io.perfweave.agent.report.PerformanceReport;
import io.perfweave.agent.resources.ResourceMonitor;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.weave.WeavingProgress;
import io.perfweave.bootstrap.AllocationCounter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the agent's services that run beside the host: resource sampling with the thresholds'
 * judge after each sample (whether or not there is a port, so that level changes are still
 * logged), and the HTTP port.
 */
final class ServicesStarter {
    /** How long the JVM's exit may wait for the last OTLP push, when the collector answers. */
    private static final Duration LAST_PUSH_WAIT = Duration.ofSeconds(1);

    private ServicesStarter() {
    }

    static void start(AgentConfig config, Statistics statistics, ConfigReloader reloader, WeavingProgress weaving) {
        if (config.operations().stream().anyMatch(OperationConfig::allocation)) {
            AllocationCounter.allocatedBytes(); // loads the counter here rather than in the host's first measured call
        }
        ResourceMonitor resources = ResourceMonitor.start(config.resources());
        statistics.onReset(resources::rebaseline);
        ThresholdJudge judge = new ThresholdJudge(statistics, resources::latest);
        resources.afterEachSample(sample -> judge.tick());
        SlowCallProfiles profiles = new SlowCallProfiles(statistics.catalog());
        statistics.onReset(profiles::resetAll);
        SlowCallSampler sampler = new SlowCallSampler(statistics.catalog(), profiles);
        sampler.adopt(config);
        reloader.onReload(sampler::adopt);
        if (config.export().otlp() != null) {
            startOtlpExport(config, statistics);
        }
        if (config.server().enabled()) {
            MetricsRoutes routes = new MetricsRoutes(statistics)
                    .withAction("/config/reload", request -> reload(reloader))
                    .withEndpoint("/config", request -> configView(reloader))
                    .withHealth("weaving", weaving::snapshot)
                    .withHealth("profiling", sampler::state)
                    .withHealth("profiles", profiles::samplesByOperation);
            ProfileRoutes.register(routes, profiles, statistics.catalog());
            Causes causes = new Causes(statistics::breakdown, operation -> hotFrame(profiles, operation));
            InsightRoutes.register(routes, statistics.catalog(), resources, judge,
                    new PerformanceReport(statistics.catalog(), resources::latest, statistics::breakdown, causes), causes);
            new AgentHttpServer(config.server(), routes).startQuietly();
        }
    }

    /** The frame most of an operation's slow-call samples are in, for a recommendation to name; null without samples. */
    private static Causes.HotFrame hotFrame(SlowCallProfiles profiles, String operation) {
        ProfileSnapshot profile = profiles.snapshot(operation);
        return profile == null ? null : profile.hottestFrame()
                .map(frame -> new Causes.HotFrame(frame.simpleFrame(), frame.percent())).orElse(null);
    }

    /**
     * {@code export.otlp}: pushes until the JVM exits, and once more then. A push that cannot even
     * start (a broken exporter set-up) is one log line; the port and the measuring run on.
     */
    private static void startOtlpExport(AgentConfig config, Statistics statistics) {
        try {
            OtlpExport export = OtlpExport.start(config.export().otlp(), statistics, config.histogramBucketsSeconds());
            Thread hook = new Thread(() -> export.finish(LAST_PUSH_WAIT), "perfweave-otlp-exit");
            hook.setDaemon(true);
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.warn("OTLP export to " + config.export().otlp().metricsUrl() + " could not start, the figures are "
                    + "served on the port only: " + e);
        }
    }

    /** {@code POST /config/reload}: 200 with the outcome, or 400 in the contract's error shape when rejected. */
    private static HttpReply reload(ConfigReloader reloader) {
        ReloadOutcome outcome = reloader.reload();
        if (outcome.applied()) {
            return HttpReply.ok(outcome);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", outcome.message());
        body.put("status", 400);
        body.put("reload", outcome);
        return HttpReply.json(400, body);
    }

    /** {@code GET /config}: the config file in force, its operation rules, and how the last reload went. */
    private static Map<String, Object> configView(ConfigReloader reloader) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("file", reloader.configFile());
        view.put("operations", reloader.current().operations().stream().map(OperationConfig::name).toList());
        view.put("last_reload", reloader.last());
        return view;
    }
}
