# Prometheus text (GET /metrics?format=prometheus on the agent's port) to the duration histogram
# of every operation: {"operation": [{"le_ms": upper bound in ms (null for +Inf), "count": cumulative}]}.
# Usage: jq -R -s -f prometheus-buckets.jq metrics.prom
[ splits("\n")
  | select(startswith("perfweave_operation_duration_seconds_bucket{"))
  | capture("operation=\"(?<op>(?:[^\"\\\\]|\\\\.)*)\".*le=\"(?<le>[^\"]+)\"} (?<count>[0-9.eE+]+)")
  | {op, le_ms: (if .le == "+Inf" then null else (.le | tonumber) * 1000 end), count: (.count | tonumber)} ]
| group_by(.op)
| map({key: .[0].op, value: (map({le_ms, count}) | sort_by(if .le_ms == null then infinite else .le_ms end))})
| from_entries
