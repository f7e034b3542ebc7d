package io.perfweave.agent.http;

/**
 * Something that adds whole metric families to the Prometheus exposition of {@code /metrics}:
 * the operations' figures, and whatever else the agent measures (resource gauges register one
 * of these). Called on a worker thread of the HTTP port for every scrape; it reads snapshots and
 * must not block.
 */
@FunctionalInterface
public interface MetricFamilySource {
    void writeTo(ExpositionWriter writer);
}
