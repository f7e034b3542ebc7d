package io.perfweave.agent.core;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.http.AgentHttpServer;
import io.perfweave.agent.http.MetricsRoutes;
import io.perfweave.agent.stats.Statistics;

/** Starts the agent's services that run beside the host: the HTTP port. */
final class ServicesStarter {
    private ServicesStarter() {
    }

    static void start(AgentConfig config, Statistics statistics, ConfigReloader reloader) {
        if (config.server().enabled()) {
            new AgentHttpServer(config.server(), new MetricsRoutes(statistics)).startQuietly();
        }
    }
}
