package io.perfweave.agent.core;

import io.perfweave.agent.http.OperationsJson;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.stats.Statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes every operation's summary to the config's {@code report_on_exit} file when the JVM
 * exits, for programs that end before anyone reads the port. The file in force at exit counts
 * (a reload may set, change or drop it); it is written next to its place and moved there, so that
 * a reader never sees half a report. One log line says where it went, or why it could not.
 */
final class ExitReport implements Runnable {
    private final Statistics statistics;

    private ExitReport(Statistics statistics) {
        this.statistics = statistics;
    }

    static void register(Statistics statistics) {
        Thread hook = new Thread(new ExitReport(statistics), "perfweave-exit-report");
        hook.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void run() {
        String file = statistics.catalog().config().reportOnExit();
        if (file == null) {
            return;
        }
        Path target = Path.of(file).toAbsolutePath();
        try {
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path partial = Files.createTempFile(parent, target.getFileName().toString(), ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                OperationsJson.write(statistics, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            AgentLog.info("report_on_exit: wrote " + statistics.catalog().all().size() + " operation(s) to " + target);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("report_on_exit: could not write " + target + ": " + e);
        }
    }
}
