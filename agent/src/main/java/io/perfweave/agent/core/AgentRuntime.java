package io.perfweave.agent.core;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigException;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.select.OperationSelector;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.weave.Weaver;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the agent inside the host: config, weaving (in premain, before the application's classes
 * load), then the maintenance thread and the HTTP port on daemon threads of the agent's own.
 */
public final class AgentRuntime {
    /** Seconds after start when rules that matched nothing are reported (a system property may shorten it). */
    private static final long UNMATCHED_REPORT_DELAY_SECONDS = Long.getLong("perfweave.unmatchedReportSeconds", 10);
    private static volatile AgentRuntime running;

    private final AgentConfig config;
    private final Statistics statistics;
    private final ScheduledExecutorService maintenance;

    private AgentRuntime(AgentConfig config, Statistics statistics, ScheduledExecutorService maintenance) {
        this.config = config;
        this.statistics = statistics;
        this.maintenance = maintenance;
    }

    /** Called reflectively by {@code AgentMain}. */
    public static synchronized void start(String arguments, Instrumentation instrumentation, boolean attached) {
        if (running != null) {
            AgentLog.warn("agent already running in this JVM; ignoring a second start");
            return;
        }
        long began = System.nanoTime();
        AgentConfig config;
        AgentArguments parsed = null;
        try {
            parsed = AgentArguments.parse(arguments);
            config = loadConfig(parsed);
            AgentLog.debug("config loaded in " + (System.nanoTime() - began) / 1_000_000 + " ms");
        } catch (ConfigException | IllegalArgumentException e) {
            if (parsed != null && parsed.config() != null && ConfigLoader.asksToFailOnError(Path.of(parsed.config()))) {
                AgentLog.error("config rejected, and it sets fail_on_error, so the JVM stops: " + e.getMessage());
                throw new Error("fail_on_error", e);
            }
            AgentLog.error("config rejected, the application runs on unmeasured: " + e.getMessage());
            return;
        }
        try {
            running = install(config, instrumentation);
            AgentLog.info("measuring " + config.operations().size() + " operation rule(s); started in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms");
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("agent failed to start, the application runs on unmeasured: " + e);
            if (config.failOnError()) {
                throw new Error("fail_on_error", e);
            }
        }
    }

    static AgentConfig loadConfig(AgentArguments arguments) throws ConfigException {
        if (arguments.config() == null) {
            throw new ConfigException("no config given: pass config=FILE to the agent, or set -Dperfweave.config or PERFWEAVE_CONFIG");
        }
        AgentConfig config = new ConfigLoader().load(Path.of(arguments.config()));
        ServerConfig server = config.server();
        try {
            if (arguments.host() != null) {
                server = server.withHost(arguments.host());
            }
            if (arguments.port() != null) {
                server = server.withPort(arguments.port());
            }
            if (arguments.token() != null) {
                server = server.withToken(arguments.token());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("agent arguments: " + e.getMessage());
        }
        return server == config.server() ? config : config.withServer(server);
    }

    private static AgentRuntime install(AgentConfig config, Instrumentation instrumentation) {
        OperationCatalog catalog = new OperationCatalog(config);
        List<OperationSelector> selectors = new ArrayList<>();
        for (OperationConfig operation : config.operations()) {
            selectors.add(new OperationSelector(operation));
        }
        new Weaver(selectors, catalog).install(instrumentation, failure -> {
            AgentLog.error("weaving failed, the application runs on unmeasured: " + failure);
            if (config.failOnError()) {
                AgentLog.error("the config sets fail_on_error, so the JVM stops");
                Runtime.getRuntime().halt(1);
            }
        });
        Statistics statistics = new Statistics(catalog);
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "perfweave-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        AgentRuntime runtime = new AgentRuntime(config, statistics, maintenance);
        maintenance.scheduleAtFixedRate(runtime::tickQuietly, 1, 1, TimeUnit.SECONDS);
        maintenance.schedule(runtime::reportUnmatched, UNMATCHED_REPORT_DELAY_SECONDS, TimeUnit.SECONDS);
        maintenance.execute(runtime::startServices);
        return runtime;
    }

    private void tickQuietly() {
        try {
            statistics.tick();
        } catch (RuntimeException e) {
            AgentLog.warn("statistics tick failed: " + e);
        }
    }

    private void reportUnmatched() {
        for (OperationConfig rule : statistics.catalog().rulesWithoutMatches()) {
            AgentLog.warn("operation '" + rule.name() + "' has matched no method yet: check its selector (class "
                    + (rule.className() != null ? rule.className() : rule.subtypeOf() != null ? "subtype_of " + rule.subtypeOf()
                    : "annotated_with " + rule.annotatedWith()) + ", method " + rule.method() + ")");
        }
    }

    /** Services that may be slow to start (the HTTP port, resource probes) start off the host's thread. */
    private void startServices() {
        ServicesStarter.start(config, statistics);
    }

    public static AgentRuntime current() {
        return running;
    }

    public Statistics statistics() {
        return statistics;
    }

    public AgentConfig config() {
        return config;
    }
}
