# Adds to the collected figures of scripts/performance_test.sh the client's summary of every test
# and the memory increase over the enhanced tests (2, 4 and 5).
def rank($sorted; $p): if ($sorted | length) == 0 then null
  else $sorted[([(($p / 100 * ($sorted | length)) | ceil) - 1, 0] | max)] end;
def client_summary: (map(.ms) | sort) as $ms | (map(select(.status == 200)) | length) as $ok
  | {requests: length, http_200: $ok,
     success_rate: (if length == 0 then null else $ok / length * 100 end),
     statuses: (group_by(.status) | map({key: (.[0].status | tostring), value: length}) | from_entries),
     avg_ms: (if length == 0 then null else ($ms | add) / length end),
     p50_ms: rank($ms; 50), p95_ms: rank($ms; 95), max_ms: ($ms | last)};

.tests |= with_entries(if .value.client != null then .value.client |= {requests: ., summary: (. | client_summary)} else . end)
| .memory = (
    (.enhanced_resources_start) as $start
    | (.resources_at_start.memory_usage_mb // null) as $before_warmup
    | [["after test 2", .tests.enhanced.resources], ["after test 4", .tests.concurrent.resources], ["after test 5", .tests.load.resources]]
      | map(select(.[1] != null) | {after: .[0], memory_usage_mb: .[1].memory_usage_mb, sampled_at: .[1].sampled_at,
                                     agent_memory_increase_mb: .[1].memory_increase_mb}) as $readings
    | if $start == null or ($readings | length) == 0 then null
      else {start_mb: ($start.baseline.memory_usage_mb // $start.memory_usage_mb), start_taken_at: $start.baseline.taken_at,
            before_warmup_mb: $before_warmup,
            readings: $readings,
            increase_mb: (($readings | map(.memory_usage_mb) | max) - ($start.baseline.memory_usage_mb // $start.memory_usage_mb))}
      end)
| del(.enhanced_resources_start, .resources_at_start)
