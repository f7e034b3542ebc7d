package io.perfweave.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.perfweave.agent.config.ExportConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.stats.HistogramBounds;
import io.perfweave.agent.stats.Statistics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code export.otlp}: pushes the operations' figures to an OTLP/HTTP receiver with the
 * OpenTelemetry SDK's own exporter and periodic reader. The reader pushes one snapshot at a time
 * and skips a turn while a push is still running, so a slow or dead collector queues nothing; the
 * exporter retries a failed push with back-off within its timeout; and the figures are
 * cumulative, so a push that never arrives loses nothing the next one does not carry.
 *
 * <p>The SDK lives in the agent's own class loader under a relocated package, so its loggers
 * are perfweave's alone and can be silenced without touching the host's logging.
 */
public final class OtlpExport {
    private static final Logger SDK_LOGGER = sdkLogger();

    private final SdkMeterProvider provider;
    private final OutageReportingExporter exporter;
    private final ExecutorService senders;

    private OtlpExport(SdkMeterProvider provider, OutageReportingExporter exporter, ExecutorService senders) {
        this.provider = provider;
        this.exporter = exporter;
        this.senders = senders;
    }

    /** Starts pushing every {@code interval_seconds}; the first push is one interval from now. */
    public static OtlpExport start(ExportConfig.Otlp config, Statistics statistics, java.util.List<Double> boundsSeconds) {
        ExecutorService senders = Executors.newSingleThreadExecutor(daemon("perfweave-otlp-sender"));
        OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
                .setEndpoint(config.metricsUrl())
                .setCompression(config.compression())
                .setTimeout(Duration.ofMillis(Math.round(config.timeoutSeconds() * 1000)))
                .setConnectTimeout(Duration.ofMillis(Math.round(Math.min(config.timeoutSeconds(), 5) * 1000)))
                .setExecutorService(senders)
                .setServiceClassLoader(OtlpExport.class.getClassLoader())
                .setMeterProvider(MeterProvider::noop);
        config.headers().forEach(builder::addHeader);
        MetricExporter sdkExporter = builder.build();
        OutageReportingExporter exporter = new OutageReportingExporter(sdkExporter, config.metricsUrl(),
                config.intervalSeconds());
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(daemon("perfweave-otlp"));
        PeriodicMetricReader reader = PeriodicMetricReader.builder(exporter)
                .setInterval(Duration.ofMillis(Math.round(config.intervalSeconds() * 1000)))
                .setExecutor(schedule)
                .build();
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(resource(config))
                .registerMetricReader(reader)
                .registerMetricProducer(new OperationMetrics(statistics, new HistogramBounds(boundsSeconds)))
                .build();
        AgentLog.info("pushing OTLP metrics to " + config.metricsUrl() + " every "
                + Math.round(config.intervalSeconds() * 1000) / 1000.0 + " s");
        return new OtlpExport(provider, exporter, senders);
    }

    /**
     * Pushes once more and stops, at the JVM's exit, so that a short run's figures arrive too;
     * waits for that push only while the collector answers and never longer than {@code maxWait}.
     */
    public void finish(Duration maxWait) {
        if (exporter.failing()) {
            provider.shutdown(); // no last push to a collector that is down: the exit does not wait for it
            senders.shutdownNow();
            return;
        }
        provider.shutdown().join(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        senders.shutdownNow();
    }

    private static Resource resource(ExportConfig.Otlp config) {
        String serviceName = config.serviceName() != null ? config.serviceName() : defaultServiceName();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put(AttributeKey.stringKey("service.name"), serviceName)
                .put(AttributeKey.stringKey("service.instance.id"), UUID.randomUUID().toString())
                .put(AttributeKey.stringKey("host.name"), host)
                .put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid())
                .build()));
    }

    /** {@code OTEL_SERVICE_NAME} as the OpenTelemetry tools read it, else the simple name of the main class or jar. */
    static String defaultServiceName() {
        String fromEnvironment = System.getenv("OTEL_SERVICE_NAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "unknown_service:java";
        }
        String main = command.split("\\s+")[0];
        main = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
        if (main.endsWith(".jar")) {
            return main.substring(0, main.length() - ".jar".length());
        }
        return main.substring(main.lastIndexOf('.') + 1);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The root logger of the SDK's (relocated) packages, switched off: failures reach the user
     * through {@link OutageReportingExporter}, once per outage. Held here because the JDK keeps
     * loggers only weakly.
     */
    private static Logger sdkLogger() {
        String exporterClass = MetricExporter.class.getName(); // <root>.sdk.metrics.export.MetricExporter
        Logger logger = Logger.getLogger(exporterClass.substring(0, exporterClass.indexOf(".sdk.")));
        logger.setLevel(Level.OFF);
        return logger;
    }
}
