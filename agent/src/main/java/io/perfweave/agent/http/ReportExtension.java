package io.perfweave.agent.http;

import io.perfweave.agent.stats.Summary;

import java.util.Map;

/**
 * Fields that another part of the agent adds to {@code GET /report/{tag}/{value}}, from the same
 * summaries the report shows (such as the seeds' judged thresholds and recommendations).
 */
@FunctionalInterface
public interface ReportExtension {
    /**
     * @param components each operation that carries the tag, and its since-start summary for the value
     * @return fields to add to the report, in order
     */
    Map<String, Object> fields(String tag, String value, Map<String, Summary> components);
}
