package io.perfweave.orchestrator;

import io.perfweave.orchestrator.api.OrchestratorServer;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.chronicle.HistoryJson;
import io.perfweave.orchestrator.decision.EnhancedDecisionEngine;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Starts the Project Orchestration Service. Once it accepts requests it prints exactly one line,
 * {@code sample-orchestrator listening on port N}, which scripts wait for.
 */
public final class Main {

    static final int EXIT_BAD_USAGE = 2;
    static final int EXIT_CANNOT_SERVE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (InvalidFlagException e) {
            System.err.println("sample-orchestrator: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(EXIT_BAD_USAGE);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }

        ChronicleHistory history;
        if (options.dataFile() != null) {
            try {
                history = new HistoryJson().load(options.dataFile());
            } catch (IOException | RuntimeException e) {
                System.err.println("sample-orchestrator: --data " + options.dataFile() + ": cannot load history: "
                        + e.getMessage());
                System.exit(EXIT_BAD_USAGE);
                return;
            }
        } else {
            history = new HistoryGenerator().generate(options.projectCount(), options.seed());
        }

        if (options.exportFile() != null) {
            try {
                new HistoryJson().save(history, options.exportFile());
            } catch (IOException e) {
                System.err.println("sample-orchestrator: --export " + options.exportFile() + ": " + e.getMessage());
                System.exit(EXIT_BAD_USAGE);
                return;
            }
            System.out.println("wrote " + history.size() + " projects to " + options.exportFile());
            return;
        }

        OrchestratorServer server;
        try {
            server = OrchestratorServer.start(new InetSocketAddress(options.port()), history,
                    new EnhancedDecisionEngine(history));
        } catch (IOException e) {
            System.err.println("sample-orchestrator: cannot listen on port " + options.port() + ": " + e.getMessage());
            System.exit(EXIT_CANNOT_SERVE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "orchestrator-shutdown"));
        System.out.println("sample-orchestrator listening on port " + server.port());
        System.out.flush();
    }
}
