package io.perfweave.agent.http;

import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.agent.stats.Summary;
import io.perfweave.agent.stats.SummaryMath;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.TagExtractor;
import io.perfweave.bootstrap.Totals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /report/{tag}/{value}}: the seeds' per-project report, for any tag. For every
 * operation that carries the tag, the since-start summary of the calls made with that value
 * ({@code component_metrics}); an operation that has not seen the value yet reports zeros. An
 * unknown tag is a 404. Values past the tag's cap were recorded under {@code other}, which the
 * report names in {@code capped_operations}.
 */
final class TagReport {
    private final Statistics statistics;
    private volatile ReportExtension extension;

    TagReport(Statistics statistics) {
        this.statistics = statistics;
    }

    void extendWith(ReportExtension more) {
        extension = more;
    }

    /** @param tagAndValue what follows {@code /report/}: the tag, a slash, the value (which may hold slashes) */
    HttpReply reply(String tagAndValue) {
        int slash = tagAndValue.indexOf('/');
        if (slash <= 0 || slash == tagAndValue.length() - 1) {
            return HttpReply.error(404, "expected /report/{tag}/{value}, for example /report/project_id/TEST-001");
        }
        String tag = tagAndValue.substring(0, slash);
        String value = tagAndValue.substring(slash + 1);
        Map<String, Summary> metrics = new LinkedHashMap<>();
        Map<String, Object> capped = new LinkedHashMap<>();
        long totalCalls = 0;
        for (OperationCatalog.Operation operation : statistics.catalog().all()) {
            TagExtractor tags = operation.recorder().tags;
            Map<String, OperationRecorder> values = tags == null ? null : tags.valuesOf(tag);
            if (values == null) {
                continue;
            }
            OperationRecorder recorder = values.get(value);
            Summary summary = recorder != null ? statistics.summary(recorder, operation.name())
                    : SummaryMath.summarize(operation.name(), Totals.EMPTY, 0, false);
            metrics.put(operation.name(), summary);
            totalCalls += summary.totalCalls();
            if (recorder == null && values.containsKey(TagExtractor.OTHER)) {
                capped.put(operation.name(), "more distinct values than the tag's cap: this value may be counted under '"
                        + TagExtractor.OTHER + "'");
            }
        }
        if (metrics.isEmpty()) {
            return HttpReply.error(404, "no operation is tagged with '" + tag + "'");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(tag, value);
        report.put("tag", tag);
        report.put("value", value);
        report.put("total_calls", totalCalls);
        report.put("component_metrics", metrics);
        if (!capped.isEmpty()) {
            report.put("capped_operations", capped);
        }
        ReportExtension more = extension;
        if (more != null) {
            report.putAll(more.fields(tag, value, metrics));
        }
        return HttpReply.ok(report);
    }
}
