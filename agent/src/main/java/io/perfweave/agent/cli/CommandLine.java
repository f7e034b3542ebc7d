package io.perfweave.agent.cli;

import io.perfweave.agent.alerting.AlertRules;
import io.perfweave.agent.alerting.GrafanaDashboard;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigException;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.OperationConfig;
import io.perfweave.agent.config.Visibility;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar perfweave-agent.jar COMMAND ...}: validate configs, attach to running JVMs, and
 * generate alerting rules and a dashboard from a config.
 */
public final class CommandLine {
    private static final String USAGE = String.join("\n",
            "usage: java -jar perfweave-agent.jar COMMAND",
            "  check FILE            validate a config; exit 0 when valid, 1 when not",
            "  attach PID FILE [ARGS] load the agent into a running JVM with config FILE (and agent",
            "                        arguments ARGS, e.g. port=9500); if it runs the agent already,",
            "                        its config is reloaded",
            "  attach --list         list the JVMs the agent can be loaded into",
            "  rules FILE [OUT]      Prometheus alerting rules from the config's thresholds, written",
            "                        to OUT (a file) or to standard output when OUT is absent or -",
            "  dashboard FILE [OUT]  a Grafana dashboard (JSON) of the config's operations, their",
            "                        thresholds and the resources, to OUT or standard output",
            "  help                  this text");

    private CommandLine() {
    }

    /** Runs a command and returns the process exit status. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        switch (args[0]) {
            case "check":
                if (args.length != 2) {
                    err.println("check needs exactly one argument, the config file\n" + USAGE);
                    return 2;
                }
                return check(Path.of(args[1]), out, err);
            case "attach":
                if (args.length == 2 && args[1].equals("--list")) {
                    return new Attacher(out, err).list();
                }
                if (args.length < 3 || args.length > 4) {
                    err.println("attach needs a process id and a config file\n" + USAGE);
                    return 2;
                }
                return new Attacher(out, err).attach(args[1], Path.of(args[2]), args.length == 4 ? args[3] : null);
            case "rules":
            case "dashboard":
                if (args.length < 2 || args.length > 3) {
                    err.println(args[0] + " needs a config file and optionally where to write (a file, or - for"
                            + " standard output)\n" + USAGE);
                    return 2;
                }
                return generate(args[0], Path.of(args[1]), args.length == 3 ? args[2] : "-", out, err);
            default:
                err.println("unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
        }
    }

    /** Writes the rules or the dashboard of a valid config; 1 when the config is not valid or OUT cannot be written. */
    private static int generate(String what, Path config, String target, PrintStream out, PrintStream err) {
        AgentConfig loaded;
        try {
            loaded = new ConfigLoader().load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        String text = what.equals("rules") ? AlertRules.yaml(loaded, config.toString())
                : GrafanaDashboard.json(loaded, config.getFileName().toString());
        if (target.equals("-")) {
            out.print(text);
            out.flush();
            return 0;
        }
        try {
            Files.writeString(Path.of(target), text);
            return 0;
        } catch (IOException e) {
            err.println(target + ": cannot write the " + what + ": " + e);
            return 1;
        }
    }

    private static int check(Path file, PrintStream out, PrintStream err) {
        try {
            AgentConfig config = new ConfigLoader().load(file);
            out.println(file + ": valid; " + config.operations().size() + " operation rule(s), port "
                    + config.server().host() + ":" + config.server().port());
            for (OperationConfig operation : config.operations()) {
                out.println("  " + operation.name() + ": "
                        + (operation.className() != null ? operation.className() : "")
                        + (operation.subtypeOf() != null ? " subtype_of " + operation.subtypeOf() : "")
                        + (operation.annotatedWith() != null ? " annotated_with " + operation.annotatedWith() : "")
                        + (operation.exclude().isEmpty() ? "" : " excluding " + operation.exclude())
                        + " #" + operation.method()
                        + (operation.excludeMethods().isEmpty() ? "" : " excluding " + operation.excludeMethods())
                        + (operation.visibility() == Visibility.ANY ? "" : " visibility "
                        + operation.visibility().name().toLowerCase(java.util.Locale.ROOT))
                        + (operation.tags().isEmpty() ? "" : " tags " + operation.tags().keySet())
                        + (operation.thresholds() == null || operation.thresholds().byName().isEmpty() ? ""
                        : " thresholds " + operation.thresholds().byName().keySet() + " over " + operation.thresholds().over()
                        + ", alerts after " + operation.thresholds().forSeconds() + " s"));
            }
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
