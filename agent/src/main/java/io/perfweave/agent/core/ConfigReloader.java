package io.perfweave.agent.core;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigException;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.weave.Weaving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies a changed config to the running agent: by request ({@code POST /config/reload}, a second
 * attach) or because the file changed. A config that fails validation is rejected whole and the
 * previous one stays in force. Operations that stay keep their statistics; new ones are woven into
 * classes already loaded, removed ones are woven out.
 *
 * <p>Settings that shape the running services (the server, the window length, the export) take effect at the
 * next start; a reload that changes them says so.
 */
public final class ConfigReloader {
    private final Weaving weaving;
    private final List<Consumer<AgentConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile AgentArguments arguments;
    private volatile AgentConfig current;
    private volatile ReloadOutcome last;
    private long seenModified;
    private long seenSize;

    ConfigReloader(AgentArguments arguments, AgentConfig current, Weaving weaving) {
        this.arguments = arguments;
        this.current = current;
        this.weaving = weaving;
        remember(Path.of(arguments.config()));
    }

    public AgentConfig current() {
        return current;
    }

    /** Calls {@code listener} with each config a reload applies, once it is woven and in force. */
    void onReload(Consumer<AgentConfig> listener) {
        listeners.add(listener);
    }

    /** The config file in use. */
    public String configFile() {
        return arguments.config();
    }

    /** The outcome of the last reload, or null if there has been none. */
    public ReloadOutcome last() {
        return last;
    }

    /** Reloads the config file in use. */
    public ReloadOutcome reload() {
        return reload(null);
    }

    /**
     * Reloads from {@code configPath}, or from the file in use when it is null (a second attach
     * may name another file).
     */
    public synchronized ReloadOutcome reload(String configPath) {
        long began = System.nanoTime();
        AgentArguments target = configPath == null ? arguments : arguments.withConfig(configPath);
        AgentConfig next;
        try {
            remember(Path.of(target.config()));
            next = AgentRuntime.loadConfig(target);
        } catch (ConfigException | IllegalArgumentException e) {
            AgentLog.error("config reload rejected, the previous config stays in force: " + e.getMessage());
            return finish(false, "rejected: " + e.getMessage(), 0, began);
        }
        arguments = target;
        StringBuilder notes = new StringBuilder();
        if (!next.server().equals(current.server())) {
            notes.append("; server settings take effect at the next start");
        }
        if (!next.breakdown().equals(current.breakdown())) {
            notes.append("; the breakdown setting takes effect at the next start");
        }
        if (!next.export().equals(current.export())) {
            notes.append("; export settings take effect at the next start");
        }
        if (!Objects.equals(next.windowSeconds(), current.windowSeconds())) {
            notes.append("; window_seconds takes effect at the next start");
        }
        Weaving.Rewoven rewoven = weaving.reload(next);
        int classes = rewoven.classes();
        current = next;
        for (Consumer<AgentConfig> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                AgentLog.warn("a service could not follow the reloaded config, it runs on as it was: " + e);
            }
        }
        if (!rewoven.reshaped().isEmpty()) {
            notes.append("; started afresh under new tags or recursion (their earlier figures end): ")
                    .append(String.join(", ", rewoven.reshaped()));
        }
        String message = "applied " + next.operations().size() + " operation rule(s)" + notes;
        AgentLog.info("config reloaded from " + target.config() + ": " + message + "; " + classes
                + " loaded class(es) re-woven in " + (System.nanoTime() - began) / 1_000_000 + " ms");
        return finish(true, message, classes, began);
    }

    private ReloadOutcome finish(boolean applied, String message, int classes, long began) {
        ReloadOutcome outcome = new ReloadOutcome(applied, message, classes, (System.nanoTime() - began) / 1_000_000,
                Instant.now().toString());
        last = outcome;
        return outcome;
    }

    /** Polls the config file and reloads it when its time stamp or size changes. */
    void watch(ScheduledExecutorService scheduler, int pollSeconds) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (changed(Path.of(arguments.config()))) {
                    reload();
                }
            } catch (RuntimeException e) {
                AgentLog.warn("config watch failed: " + e);
            }
        }, pollSeconds, pollSeconds, TimeUnit.SECONDS);
    }

    private synchronized boolean changed(Path file) {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            long size = Files.size(file);
            return modified != seenModified || size != seenSize;
        } catch (IOException e) {
            return false; // a file being replaced may be missing for a moment
        }
    }

    private synchronized void remember(Path file) {
        try {
            seenModified = Files.getLastModifiedTime(file).toMillis();
            seenSize = Files.size(file);
        } catch (IOException e) {
            seenModified = -1;
            seenSize = -1;
        }
    }
}
