# The seeds' success criteria (seed 000 section 8, seed 001 "Success Criteria"), judged on the
# agent's figures collected by scripts/performance_test.sh. Arguments: $max_total, $max_pattern
# (ms), $max_memory (MB), $min_success (percent), $factor and $factor_source (test 4's p95 may be
# $factor times test 2's).
def r1: if . == null then "n/a" else . * 10 | round / 10 end;
def op($test; $name): .tests[$test].agent[$name] // null;

(.host.logical_processors) as $cores
| (.setup.simultaneous) as $simultaneous
| . + {criteria: [
  # 1. total orchestration time
  (op("enhanced"; "enhanced_orchestration") as $s
   | {id: "total_orchestration_ms", name: "Total orchestration time < \($max_total) ms",
      definition: "the agent's average of enhanced_orchestration (EnhancedDecisionEngine.makeOrchestrationDecision) over test 2, one request at a time, as the seeds' threshold check",
      limit: $max_total, unit: "ms", actual: $s.avg_duration_ms,
      pass: ($s != null and $s.successful_calls > 0 and $s.avg_duration_ms < $max_total),
      verdict: (if $s == null or $s.successful_calls == 0 then "no successful enhanced_orchestration call was measured"
                else "avg \($s.avg_duration_ms | r1) ms (p95 \($s.p95_ms | r1) ms, max \($s.max_duration_ms | r1) ms, \($s.successful_calls) calls)" end)}),
  # 2. pattern analysis component time
  (op("enhanced"; "full_pattern_analysis") as $s
   | {id: "pattern_analysis_ms", name: "Pattern analysis time < \($max_pattern) ms",
      definition: "the agent's average of full_pattern_analysis (PatternEngine.analyzeProjectPatterns) over test 2",
      limit: $max_pattern, unit: "ms", actual: $s.avg_duration_ms,
      pass: ($s != null and $s.successful_calls > 0 and $s.avg_duration_ms < $max_pattern),
      verdict: (if $s == null or $s.successful_calls == 0 then "no successful full_pattern_analysis call was measured"
                else "avg \($s.avg_duration_ms | r1) ms (p95 \($s.p95_ms | r1) ms, max \($s.max_duration_ms | r1) ms, \($s.successful_calls) calls)" end)}),
  # 3. memory increase
  (.memory as $m
   | {id: "memory_increase_mb", name: "Memory increase < \($max_memory) MB",
      definition: "the agent's resident memory (GET /resources memory_usage_mb), highest of its readings after tests 2, 4 and 5, minus the baseline it took at the reset that opened test 2, after the warm-up (a JVM's first requests compile code and touch its committed heap for the first time: growth a running service does not repeat)",
      limit: $max_memory, unit: "MB", actual: $m.increase_mb,
      pass: ($m != null and $m.increase_mb < $max_memory),
      verdict: (if $m == null then "the agent does not serve /resources, so the memory increase is unknown"
                else "+\($m.increase_mb | r1) MB (\($m.start_mb | r1) MB at the start of test 2, \($m.readings | map("\(.memory_usage_mb | r1) MB \(.after)") | join(", "))\(if $m.before_warmup_mb != null then "; \($m.before_warmup_mb | r1) MB before the warm-up" else "" end))" end)}),
  # 4. success rate
  ([.tests.enhanced, .tests.concurrent, .tests.reference, .tests.load] as $tests
   | ($tests | map(.agent.enhanced_orchestration.total_calls // 0) | add) as $calls
   | ($tests | map(.agent.enhanced_orchestration.successful_calls // 0) | add) as $ok
   | ($tests | map(.client.summary.requests) | add) as $requests
   | ($tests | map(.client.summary.http_200) | add) as $http_ok
   | (if $calls == 0 then null else $ok / $calls * 100 end) as $agent_rate
   | (if $requests == 0 then null else $http_ok / $requests * 100 end) as $client_rate
   | {id: "success_rate_percent", name: "Success rate > \($min_success) %",
      definition: "the agent's successful enhanced_orchestration calls over all its calls in tests 2, 4 (both kinds) and 5; the client's HTTP 200 answers over its requests must also exceed it (a request refused before the orchestration is invisible to the agent)",
      limit: $min_success, unit: "%", actual: $agent_rate, client_actual: $client_rate,
      pass: ($agent_rate != null and $client_rate != null and $agent_rate > $min_success and $client_rate > $min_success),
      verdict: "agent \($agent_rate | r1) % (\($ok) of \($calls) calls), client \($client_rate | r1) % (\($http_ok) of \($requests) requests answered 200)"}),
  # 5. simultaneous requests without degradation
  (op("reference"; "enhanced_orchestration") as $one | op("concurrent"; "enhanced_orchestration") as $five
   | .tests.concurrent.client.summary as $client | .tests.reference.client.summary as $ref_client
   | .setup.reference_project_id as $ref | .setup.project_id as $project
   | (if ($one.successful_calls // 0) == 0 or ($five.successful_calls // 0) == 0 then null else $factor * $one.p95_ms end) as $allowed
   | {id: "simultaneous_without_degradation", name: "\($simultaneous) simultaneous requests without degradation",
      definition: ("every request of test 4 answers 200, and the agent's p95 of enhanced_orchestration over its simultaneous requests (\($project), \($simultaneous) in flight) is at most \($factor | r1)x its p95 over the one-at-a-time requests sent just before each round (\($ref), same work: the agent tells the two apart by the project_id tag). "
        + (if $factor_source == "computed"
           then "The factor is min(\($simultaneous), 2 x \($simultaneous)/min(cores, \($simultaneous))) for \($cores) logical processors: \($simultaneous) CPU-bound requests sharing \($cores) cores each take \([$simultaneous / ([$cores, $simultaneous] | min), 1] | max | r1)x as long at best; degradation is more than twice that, or worse than serving the \($simultaneous) one after another"
           else "The factor was given with --degradation-factor" end)),
      limit: $allowed, unit: "ms", actual: $five.p95_ms, reference_ms: $one.p95_ms, factor: $factor,
      pass: ($allowed != null and $client.requests > 0 and $client.http_200 == $client.requests
             and $ref_client.http_200 == $ref_client.requests and $five.p95_ms <= $allowed),
      verdict: (if $five == null or $one == null then "the agent's per-project report (GET /report/project_id/...) is needed to tell the simultaneous calls from the reference"
                elif $allowed == null then "no successful enhanced_orchestration call was measured for \(if ($one.successful_calls // 0) == 0 then $ref + " (the reference)" else $project end)"
                else "p95 \($five.p95_ms | r1) ms with \($simultaneous) in flight vs \($one.p95_ms | r1) ms one at a time (\(if $one.p95_ms > 0 then $five.p95_ms / $one.p95_ms | r1 else "n/a" end)x; allowed \($factor | r1)x = \($allowed | r1) ms); \($client.http_200) of \($client.requests) simultaneous and \($ref_client.http_200) of \($ref_client.requests) reference requests answered 200" end)}),
  # the seeds' per-project performance report (seed 001: "endpoint is functional and provides detailed reports")
  (.tests.report as $r | ($r.report // {}) as $rep
   | {id: "per_project_report", name: "Per-project report served",
      definition: "GET /report/project_id/\(.setup.project_id) on the agent answers 200 with total_execution_time_ms, component_metrics holding the figures of test 2 for the project (enhanced_orchestration and full_pattern_analysis calls), performance_thresholds and recommendations",
      pass: ($r.status == "200" and ($rep.total_execution_time_ms | type) == "number"
             and ($rep.component_metrics.enhanced_orchestration.total_calls // 0) == (.tests.enhanced.agent.enhanced_orchestration.total_calls // -1)
             and ($rep.component_metrics.full_pattern_analysis.total_calls // 0) > 0
             and ($rep.performance_thresholds | type) == "object" and ($rep.recommendations | type) == "array"),
      verdict: (if $r.status == "missing" then "the agent does not serve /report/{tag}/{value}"
                elif $r.status != "200" then "HTTP \($r.status)"
                elif ($rep.component_metrics.enhanced_orchestration.total_calls // 0) == 0 then "the report holds no orchestration of \(.setup.project_id)"
                else "total execution time \($rep.total_execution_time_ms | r1) ms, \($rep.component_metrics | length) operations, \($rep.component_metrics.enhanced_orchestration.total_calls // 0) orchestrations of \(.setup.project_id)" end)})
]}
