package io.perfweave.agent.core;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigException;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.weave.Weaving;
import io.perfweave.agent.weave.WeavingProgress;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the agent inside the host: config, weaving (in premain, before the application's classes
 * load), then the maintenance thread and the HTTP port on daemon threads of the agent's own.
 */
public final class AgentRuntime {
    /** Seconds after start before rules that matched nothing may be reported (a system property may shorten it). */
    private static final long UNMATCHED_REPORT_DELAY_SECONDS = Long.getLong("perfweave.unmatchedReportSeconds", 10);
    private static volatile AgentRuntime running;

    private final AgentConfig config;
    private final Statistics statistics;
    private final ScheduledExecutorService maintenance;
    private final ConfigReloader reloader;
    private final Weaving weaving;

    private AgentRuntime(AgentConfig config, Statistics statistics, ScheduledExecutorService maintenance,
                         ConfigReloader reloader, Weaving weaving) {
        this.config = config;
        this.statistics = statistics;
        this.maintenance = maintenance;
        this.reloader = reloader;
        this.weaving = weaving;
    }

    /**
     * Called reflectively by {@code AgentMain}. A second start in the same JVM (a second attach)
     * does not install a second agent: it reloads the config, from the file it names if any.
     */
    public static synchronized void start(String arguments, Instrumentation instrumentation, boolean attached) {
        if (running != null) {
            String config = null;
            try {
                config = AgentArguments.parse(arguments).config();
            } catch (IllegalArgumentException e) {
                AgentLog.error("agent already running; arguments of the new attach rejected: " + e.getMessage());
                return;
            }
            AgentLog.info("agent already running in this JVM; reloading its config");
            ReloadOutcome outcome = running.reloader.reload(config);
            AttachStatus.tell(attached, (outcome.applied() ? "already running; config reloaded: " : "already running; ")
                    + outcome.message() + " (" + outcome.classesRetransformed() + " loaded class(es) re-woven)");
            return;
        }
        long began = System.nanoTime();
        if (!attached) {
            preloadWeaver();
        }
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
            AttachStatus.tell(attached, "config rejected, the application runs on unmeasured: " + e.getMessage());
            return;
        }
        try {
            running = install(parsed, config, instrumentation, attached);
            AgentLog.info("measuring " + config.operations().size() + " operation rule(s); started in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms");
            if (attached) {
                // the attach returns once the classes loaded before it are woven: calls made after
                // it are all measured
                AttachStatus.tell(true, running.awaitFirstWeaving());
            }
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("agent failed to start, the application runs on unmeasured: " + e);
            AttachStatus.tell(attached, "agent failed to start, the application runs on unmeasured: " + e);
            if (config.failOnError()) {
                throw new Error("fail_on_error", e);
            }
        }
    }

    /**
     * Starts loading the weaver's classes (Byte Buddy's type pool, ASM) on a thread of its own while this one reads the config: at JVM
     * start the application's main thread waits in {@code premain} anyway, so a second core does
     * the weaver's class loading meanwhile. A failure here is left to the real set-up to report.
     */
    private static void preloadWeaver() {
        Thread preload = new Thread(() -> {
            try {
                io.perfweave.agent.weave.Weaver.preload();
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                AgentLog.debug("weaver preload failed: " + e);
            }
        }, "perfweave-weaver-preload");
        preload.setDaemon(true);
        preload.start();
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

    private static AgentRuntime install(AgentArguments arguments, AgentConfig config, Instrumentation instrumentation,
                                        boolean attached) {
        OperationCatalog catalog = new OperationCatalog(config);
        Weaving weaving = Weaving.start(instrumentation, catalog, failure -> {
            AgentLog.error("weaving failed, the application runs on unmeasured: " + failure);
            if (config.failOnError()) {
                AgentLog.error("the config sets fail_on_error, so the JVM stops");
                Runtime.getRuntime().halt(1);
            }
        });
        Statistics statistics = new Statistics(catalog);
        ExitReport.register(statistics);
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "perfweave-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        ConfigReloader reloader = new ConfigReloader(arguments, config, weaving);
        AgentRuntime runtime = new AgentRuntime(config, statistics, maintenance, reloader, weaving);
        maintenance.scheduleAtFixedRate(runtime::tickQuietly, 1, 1, TimeUnit.SECONDS);
        if (config.reload().watch()) {
            reloader.watch(maintenance, config.reload().pollSeconds());
        }
        maintenance.scheduleWithFixedDelay(new UnmatchedRules(catalog, weaving.progress(), UNMATCHED_REPORT_DELAY_SECONDS),
                UnmatchedRules.CHECK_SECONDS, UnmatchedRules.CHECK_SECONDS, TimeUnit.SECONDS);
        maintenance.execute(() -> runtime.startServices(attached));
        return runtime;
    }

    private static final long SERVICES_WAIT_SECONDS = 5;

    private void tickQuietly() {
        try {
            statistics.tick();
        } catch (RuntimeException e) {
            AgentLog.warn("statistics tick failed: " + e);
        }
    }

    /**
     * Services that may be slow to start (the HTTP port, resource probes) start off the host's
     * thread and, when the agent starts with the JVM, after the weaver is ready (at most
     * {@link #SERVICES_WAIT_SECONDS} later): on a machine of few cores, loading their classes
     * beside Byte Buddy's set-up would hold back the application's classes that wait at the gate.
     */
    private void startServices(boolean attached) {
        if (!attached) {
            try {
                weaving.progress().awaitFirstPass(SERVICES_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ServicesStarter.start(config, statistics, reloader, weaving.progress());
    }

    /** Waits (a minute at most) for the first weaving of loaded classes, and says how it went. */
    private String awaitFirstWeaving() {
        try {
            if (!weaving.progress().awaitFirstPass(60, TimeUnit.SECONDS)) {
                return "started; still weaving loaded classes after 60 s (" + weaving.progress().snapshot()
                        + "), GET /health says when it is done";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "started; interrupted while waiting for the weaving of loaded classes";
        }
        WeavingProgress.Snapshot done = weaving.progress().snapshot();
        int methods = statistics.catalog().all().stream().mapToInt(OperationCatalog.Operation::matched).sum();
        long unmatched = statistics.catalog().rulesWithoutMatches().size();
        return "ready: " + done.classesDone() + " loaded class(es) woven, " + methods + " method(s) measured for "
                + config.operations().size() + " rule(s)"
                + (unmatched == 0 ? "" : ", " + unmatched + " rule(s) matching no loaded method yet")
                + (done.classesFailed() == 0 ? "" : ", " + done.classesFailed() + " class(es) could not be woven (see the target's log)");
    }

    public static AgentRuntime current() {
        return running;
    }

    public Statistics statistics() {
        return statistics;
    }

    /** The config in force (it changes when reloaded). */
    public AgentConfig config() {
        return reloader.current();
    }

    public ConfigReloader reloader() {
        return reloader;
    }
}
