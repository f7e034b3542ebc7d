#!/usr/bin/env bash
# The seeds' performance test (seeds 000 and 001, "scripts/performance_test.sh"), run against the
# sample orchestrator with the perfweave agent attached. Every verdict is taken from what the
# agent measured inside the orchestrator, not from the client's clock.
#
#   Test 1  baseline orchestration, pattern recognition off, one request at a time
#   Test 2  enhanced orchestration, pattern recognition on, one request at a time: response time
#           at the client and the agent's timing of the same request
#   Test 3  the per-project report (GET /report/project_id/ID), thresholds and recommendations
#   Test 4  5 simultaneous requests, in rounds; before each round, 5 requests one at a time for
#           another project, as the reference measured under the same conditions
#   Test 5  extended load: 20 simultaneous requests
#
# Then the seeds' success criteria are checked and printed as PASS or FAIL lines; the exit code
# is 1 when any fails. The run leaves performance-result.json (machine-readable) and latency.svg
# (the latency distribution of every operation, per test) in the output directory.
#
# Needs bash, curl, jq and Java (17 or later), and the two jars that `mvn -DskipTests package`
# (or scripts/run.sh) builds. Run scripts/performance_test.sh --help for the options.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly PERF_DIR="$ROOT/scripts/perf"
readonly SIMULTANEOUS=5
readonly NAME="performance_test.sh"

usage() {
  cat <<EOF
usage: scripts/$NAME [options]

Starts the sample orchestrator with the perfweave agent (or uses a running one), runs the seeds'
performance tests 1-5 and checks their success criteria from the agent's figures.

Where:
  --app-url URL           use a running orchestrator instead of starting one (needs --agent-url)
  --agent-url URL         the perfweave agent port of that orchestrator, e.g. http://127.0.0.1:9404
  --token TOKEN           bearer token of the agent's port, when its config sets one
  --projects N            size of the generated history of the orchestrator it starts (default 3000)
  --seed S                seed of that history (default: the orchestrator's)
  --config FILE           agent config for the orchestrator it starts (default config/agent.yaml)
  --project ID            project the requests ask about (default TEST-001)
  --reference-project ID  project of test 4's one-at-a-time reference requests (default TEST-002,
                          or TEST-001 when --project is TEST-002); the agent tells them apart by tag
How much:
  --warmup N              unmeasured requests before the tests, for the JIT (default 20)
  --warmup-max-seconds S  then more of them until the resident memory is steady, for at most
                          S seconds (default 60; 0 skips it)
  --requests N            requests one at a time in tests 1 and 2 (default 20)
  --rounds N              rounds of $SIMULTANEOUS simultaneous requests in test 4 (default 4)
  --load N                simultaneous requests of test 5 (default 20)
  --request-timeout S     give up on one request after S seconds (default 120)
  --start-timeout S       give up waiting for the orchestrator and the agent after S seconds (default 120)
Criteria (the seeds' values by default):
  --max-total-ms MS       total orchestration time: the agent's average (default 2000)
  --max-pattern-ms MS     pattern analysis time: the agent's average (default 1000)
  --max-memory-mb MB      memory increase during the enhanced tests (default 100)
  --min-success-rate P    percent of enhanced requests that succeed (default 95)
  --degradation-factor F  test 4's p95 may be at most F times its one-at-a-time reference's
                          (default: min($SIMULTANEOUS, 2 x $SIMULTANEOUS / cores), printed with the run)
Regressions (seed 003):
  --save-baseline FILE    store the agent's per-operation summaries of test 2 in FILE
  --baseline FILE         compare test 2 with FILE; any operation whose p95 or mean rose by more
                          than the ratio is a regression, and the run fails
  --regression-ratio R    allowed rise, as a fraction (default 0.20: 20 %)
  --regression-floor-ms MS  rises of MS or less are never regressions (default 2: a GC pause or the
                          scheduler moves a single call of an operation that takes a few ms by that much)
Output:
  --out DIR               where performance-result.json, latency.svg and the raw figures go
                          (default target/performance-test)
  -h, --help              this text

Exit status: 0 when every criterion passes, 1 when one fails or the test cannot run, 2 for bad options.
The tests reset the agent's statistics (POST /reset) between tests.
EOF
}

bad_usage() {
  echo "$NAME: $1" >&2
  echo "run scripts/$NAME --help for the options" >&2
  exit 2
}

die() {
  echo "$NAME: $*" >&2
  exit 1
}

# --- options ----------------------------------------------------------------------------------

APP_URL="" AGENT_URL="" TOKEN="" PROJECTS=3000 SEED="" CONFIG="$ROOT/config/agent.yaml" PROJECT=TEST-001
REFERENCE_PROJECT=""
WARMUP=20 WARMUP_MAX_SECONDS=60 REQUESTS=20 ROUNDS=4 LOAD=20 REQUEST_TIMEOUT=120 START_TIMEOUT=120
MAX_TOTAL_MS=2000 MAX_PATTERN_MS=1000 MAX_MEMORY_MB=100 MIN_SUCCESS_RATE=95 DEGRADATION_FACTOR=""
SAVE_BASELINE="" BASELINE="" REGRESSION_RATIO=0.20 REGRESSION_FLOOR_MS=2
OUT="$ROOT/target/performance-test"
PROJECTS_GIVEN=false SEED_GIVEN=false CONFIG_GIVEN=false

whole() { # name value min max
  [[ $2 =~ ^[0-9]+$ ]] && [ "${#2}" -le 9 ] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] \
    || bad_usage "$1 expects a whole number from $3 to $4, got '$2'"
}
decimal() { # name value
  [[ $2 =~ ^[0-9]{1,9}([.][0-9]{1,9})?$ ]] || bad_usage "$1 expects a non-negative number, got '$2'"
}
url() { # name value
  [[ $2 =~ ^https?://[^/[:space:]]+/?$ ]] || bad_usage "$1 expects a base URL such as http://127.0.0.1:8080, got '$2'"
}

while [ $# -gt 0 ]; do
  flag=$1 value="" has_value=false
  if [[ $flag == --*=* ]]; then
    value=${flag#*=} flag=${flag%%=*} has_value=true
  fi
  case $flag in
    -h|--help) usage; exit 0 ;;
    --app-url|--agent-url|--token|--projects|--seed|--config|--project|--reference-project|--warmup|--warmup-max-seconds|--requests|--rounds|--load|\
    --request-timeout|--start-timeout|--max-total-ms|--max-pattern-ms|--max-memory-mb|--min-success-rate|\
    --degradation-factor|--save-baseline|--baseline|--regression-ratio|--regression-floor-ms|--out)
      if ! $has_value; then
        [ $# -ge 2 ] || bad_usage "$flag needs a value"
        value=$2
        shift
      fi ;;
    *) bad_usage "unknown option '$1'" ;;
  esac
  shift
  case $flag in
    --app-url) url "$flag" "$value"; APP_URL=${value%/} ;;
    --agent-url) url "$flag" "$value"; AGENT_URL=${value%/} ;;
    --token) [ -n "$value" ] || bad_usage "--token needs a value"; TOKEN=$value ;;
    --projects) whole "$flag" "$value" 1 10000000; PROJECTS=$value PROJECTS_GIVEN=true ;;
    --seed) [[ $value =~ ^-?[0-9]{1,18}$ ]] || bad_usage "--seed expects a whole number, got '$value'"; SEED=$value SEED_GIVEN=true ;;
    --config) [ -f "$value" ] || bad_usage "--config: no such file '$value'"
              [[ $value != *,* ]] || bad_usage "--config: the agent's arguments are separated by commas, so the path cannot hold one: '$value'"
              CONFIG=$(cd "$(dirname "$value")" && pwd)/$(basename "$value") CONFIG_GIVEN=true ;;
    --project) [[ $value =~ ^[A-Za-z0-9._-]{1,64}$ ]] || bad_usage "--project expects a project id such as TEST-001, got '$value'"; PROJECT=$value ;;
    --reference-project) [[ $value =~ ^[A-Za-z0-9._-]{1,64}$ ]] || bad_usage "--reference-project expects a project id such as TEST-002, got '$value'"; REFERENCE_PROJECT=$value ;;
    --warmup) whole "$flag" "$value" 0 10000; WARMUP=$value ;;
    --warmup-max-seconds) whole "$flag" "$value" 0 3600; WARMUP_MAX_SECONDS=$value ;;
    --requests) whole "$flag" "$value" 1 10000; REQUESTS=$value ;;
    --rounds) whole "$flag" "$value" 1 1000; ROUNDS=$value ;;
    --load) whole "$flag" "$value" 1 500; LOAD=$value ;;
    --request-timeout) whole "$flag" "$value" 1 3600; REQUEST_TIMEOUT=$value ;;
    --start-timeout) whole "$flag" "$value" 1 3600; START_TIMEOUT=$value ;;
    --max-total-ms) decimal "$flag" "$value"; MAX_TOTAL_MS=$value ;;
    --max-pattern-ms) decimal "$flag" "$value"; MAX_PATTERN_MS=$value ;;
    --max-memory-mb) decimal "$flag" "$value"; MAX_MEMORY_MB=$value ;;
    --min-success-rate) decimal "$flag" "$value"; MIN_SUCCESS_RATE=$value ;;
    --degradation-factor) decimal "$flag" "$value"; DEGRADATION_FACTOR=$value ;;
    --save-baseline) [ -n "$value" ] || bad_usage "--save-baseline needs a file name"; SAVE_BASELINE=$value ;;
    --baseline) [ -f "$value" ] || bad_usage "--baseline: no such file '$value'"; BASELINE=$value ;;
    --regression-ratio) decimal "$flag" "$value"; REGRESSION_RATIO=$value ;;
    --regression-floor-ms) decimal "$flag" "$value"; REGRESSION_FLOOR_MS=$value ;;
    --out) [ -n "$value" ] || bad_usage "--out needs a directory"; OUT=$value ;;
  esac
done

if [ -z "$REFERENCE_PROJECT" ]; then
  REFERENCE_PROJECT=TEST-002
  [ "$PROJECT" = TEST-002 ] && REFERENCE_PROJECT=TEST-001
fi
[ "$REFERENCE_PROJECT" != "$PROJECT" ] || bad_usage "--reference-project must differ from --project ($PROJECT): the agent tells their calls apart by project"
if [ -n "$APP_URL" ] && [ -z "$AGENT_URL" ]; then
  bad_usage "--app-url needs --agent-url too: the verdicts come from the agent's figures"
fi
if [ -z "$APP_URL" ] && [ -n "$AGENT_URL" ]; then
  bad_usage "--agent-url needs --app-url too (without both, the script starts its own orchestrator)"
fi
if [ -n "$APP_URL" ] && { $PROJECTS_GIVEN || $SEED_GIVEN || $CONFIG_GIVEN; }; then
  bad_usage "--projects, --seed and --config apply to the orchestrator the script starts, not to one given with --app-url"
fi

# --- tools --------------------------------------------------------------------------------------

missing=()
for tool in curl jq java; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing ${missing[*]}: this test needs bash, curl, jq and Java 17+ on the PATH (Debian: apt-get install curl jq openjdk-17-jdk-headless)"
fi
for helper in latency-chart.jq prometheus-buckets.jq criteria.jq regression.jq summaries.jq; do
  [ -f "$PERF_DIR/$helper" ] || die "missing $PERF_DIR/$helper (part of this script)"
done

mkdir -p "$OUT/raw" || die "cannot create the output directory $OUT"
OUT=$(cd "$OUT" && pwd)
RAW="$OUT/raw"
rm -rf "$RAW" && mkdir "$RAW" && rm -f "$OUT/performance-result.json" "$OUT/latency.svg" || die "cannot clear $RAW"
RESULT="$OUT/performance-result.json"
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)

AUTH=()
[ -n "$TOKEN" ] && AUTH=(-H "Authorization: Bearer $TOKEN")

# --- processes this script starts, and their end --------------------------------------------------

APP_PID=""
CLIENT_PIDS=()

stop_pid() { # pid: TERM, then KILL after 10 s
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${CLIENT_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "$APP_PID" ]; then
    stop_pid "$APP_PID"
  fi
}
trap cleanup EXIT
trap 'echo "$NAME: interrupted" >&2; exit 130' INT
trap 'echo "$NAME: terminated" >&2; exit 143' TERM

# --- HTTP helpers -------------------------------------------------------------------------------------

# agent_get PATH FILE: the body into FILE; prints the status code (000 when nothing answered)
agent_get() {
  curl -s --max-time 15 "${AUTH[@]}" -o "$2" -w '%{http_code}' "$AGENT_URL$1" || true
}

# agent_json PATH FILE: like agent_get, but an answer other than 200 with JSON is fatal
agent_json() {
  local status
  status=$(agent_get "$1" "$2")
  if [ "$status" != 200 ] || ! jq -e . "$2" >/dev/null 2>&1; then
    die "the agent answered GET $1 with HTTP $status: $(head -c 300 "$2" 2>/dev/null)"
  fi
}

reset_agent() {
  local status
  status=$(curl -s --max-time 15 "${AUTH[@]}" -X POST -o "$RAW/reset.json" -w '%{http_code}' "$AGENT_URL/reset" || true)
  [ "$status" = 200 ] || die "the agent answered POST /reset with HTTP $status: $(head -c 300 "$RAW/reset.json")"
}

# orchestrate true|false [PROJECT]: one POST; prints "HTTP-STATUS SECONDS" (000 when nothing answered)
orchestrate() {
  curl -s -o /dev/null --max-time "$REQUEST_TIMEOUT" -w '%{http_code} %{time_total}\n' -X POST \
    -H 'Content-Type: application/json' \
    -d "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":$1}}" \
    "$APP_URL/orchestrate/project/${2:-$PROJECT}" || true
}

# ms SECONDS: curl's seconds (e.g. 0.035123) as milliseconds with one decimal, in bash alone
ms() {
  local int=${1%%.*} frac=${1#*.}000000
  [ "$int" = "$1" ] && frac=000000
  echo "$((10#$int * 1000 + 10#${frac:0:3})).${frac:3:1}"
}

# resources_fresh FILE: GET /resources, waiting for a sample taken after this call (the agent
# samples on its own thread, every resources.interval_seconds)
resources_fresh() {
  local before after
  agent_json /resources "$1"
  before=$(jq -r '.sampled_at // ""' "$1")
  for _ in $(seq 50); do
    sleep 0.1
    agent_json /resources "$1"
    after=$(jq -r '.sampled_at // ""' "$1")
    [ "$after" != "$before" ] && return 0
  done
  echo "  (the agent's resource sample did not change within 5 s; using the latest)"
}

# reset_and_rebaseline: POST /reset, then wait until the agent has re-taken its memory baseline
reset_and_rebaseline() {
  local before=""
  $HAS_RESOURCES && { agent_json /resources "$RAW/resources-before-reset.json"; before=$(jq -r '.baseline.taken_at // ""' "$RAW/resources-before-reset.json"); }
  reset_agent
  $HAS_RESOURCES || return 0
  for _ in $(seq 50); do
    agent_json /resources "$RAW/resources-after-reset.json"
    [ "$(jq -r '.baseline.taken_at // ""' "$RAW/resources-after-reset.json")" != "$before" ] && return 0
    sleep 0.1
  done
  die "the agent did not re-take its memory baseline within 5 s of POST /reset"
}

# snapshot NAME: the agent's figures at the end of a test: summaries, histograms, resources
snapshot() {
  agent_json /metrics "$RAW/$1-metrics.json"
  local status
  status=$(agent_get "/metrics?format=prometheus" "$RAW/$1-metrics.prom")
  [ "$status" = 200 ] || die "the agent answered GET /metrics?format=prometheus with HTTP $status"
  jq -R -s -f "$PERF_DIR/prometheus-buckets.jq" "$RAW/$1-metrics.prom" >"$RAW/$1-buckets.json"
  if $HAS_RESOURCES; then
    resources_fresh "$RAW/$1-resources.json"
  else
    echo 'null' >"$RAW/$1-resources.json"
  fi
}

# requests_json FILE: "STATUS SECONDS" lines as a JSON array of {status, ms}
requests_json() {
  jq -R -s '[splits("\n") | select(length > 0) | split(" ") | {status: (.[0] | tonumber), ms: ((.[1] | tonumber) * 1000)}]' "$1"
}

# agent_line FILE OPERATION: one operation's summary in a line
agent_line() {
  jq -r --arg op "$2" 'def f: if . < 10 then . * 100 | round / 100 else . * 10 | round / 10 end;
    .[$op] // empty | "\($op): \(.total_calls) calls, \(.failed_calls) failed, avg \(.avg_duration_ms | f) ms, p50 \(.p50_ms | f) ms, p95 \(.p95_ms | f) ms, max \(.max_duration_ms | f) ms"' "$1"
}

# --- the orchestrator and the agent -------------------------------------------------------------------

wait_until() { # description deadline-seconds command...: polls every 0.2 s, says so every 10 s
  local what=$1 began=$SECONDS deadline=$((SECONDS + $2)) told=$SECONDS
  shift 2
  until "$@"; do
    if [ $((SECONDS - told)) -ge 10 ]; then
      echo "  still waiting for $what ($((SECONDS - began)) s)"
      told=$SECONDS
    fi
    if [ -n "$APP_PID" ] && ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "--- orchestrator output ($OUT/orchestrator.out, .err) ---" >&2
      tail -n 20 "$OUT/orchestrator.out" "$OUT/orchestrator.err" >&2 || true
      APP_PID=""
      die "the orchestrator exited while waiting for $what"
    fi
    [ $SECONDS -lt "$deadline" ] || die "$what did not happen within $START_TIMEOUT s (--start-timeout)"
    sleep 0.2
  done
}

ports_logged() {
  local line
  if [ -z "$APP_URL" ] && [ -f "$OUT/orchestrator.out" ]; then
    while IFS= read -r line; do
      [[ $line =~ sample-orchestrator\ listening\ on\ port\ ([0-9]+) ]] && APP_URL="http://127.0.0.1:${BASH_REMATCH[1]}"
    done <"$OUT/orchestrator.out"
  fi
  if [ -z "$AGENT_URL" ] && [ -f "$OUT/orchestrator.err" ]; then
    while IFS= read -r line; do
      [[ $line =~ \[perfweave\].*metrics\ on\ (http://127\.0\.0\.1:[0-9]+)/metrics ]] && AGENT_URL=${BASH_REMATCH[1]}
    done <"$OUT/orchestrator.err"
  fi
  [ -n "$APP_URL" ] && [ -n "$AGENT_URL" ]
}

answers() { # URL
  curl -s -o /dev/null --max-time 2 "${AUTH[@]}" -w '%{http_code}' "$1" 2>/dev/null | grep -q '^200$'
}
both_answer() { answers "$APP_URL/health" && answers "$AGENT_URL/health"; }

echo "=== perfweave: the seeds' performance test ==="
STARTED_BY_SCRIPT=false
if [ -z "$APP_URL" ]; then
  AGENT_JAR="$ROOT/agent/target/perfweave-agent.jar"
  APP_JAR="$ROOT/sample-orchestrator/target/sample-orchestrator.jar"
  for jar in "$AGENT_JAR" "$APP_JAR"; do
    [ -f "$jar" ] || die "$jar is missing; build first: mvn -q -B -DskipTests package (scripts/run.sh builds it too)"
  done
  args=(--port 0 --projects "$PROJECTS")
  [ -n "$SEED" ] && args+=(--seed "$SEED")
  rm -f "$OUT/orchestrator.out" "$OUT/orchestrator.err"
  echo "Starting the sample orchestrator (--projects $PROJECTS) with the agent (config $CONFIG)"
  java "-javaagent:$AGENT_JAR=config=$CONFIG,port=0" -jar "$APP_JAR" "${args[@]}" \
    >"$OUT/orchestrator.out" 2>"$OUT/orchestrator.err" </dev/null &
  APP_PID=$!
  STARTED_BY_SCRIPT=true
  wait_until "the orchestrator and the agent to log their ports" "$START_TIMEOUT" ports_logged
fi
wait_until "both ports to answer GET /health ($APP_URL, $AGENT_URL)" "$START_TIMEOUT" both_answer
echo "Orchestrator: $APP_URL   agent: $AGENT_URL   project: $PROJECT"

agent_json /health "$RAW/health.json"
serves() { jq -e --arg p "$1" '(.endpoints // []) | index($p) != null' "$RAW/health.json" >/dev/null; }
HAS_RESOURCES=false HAS_REPORT=false HAS_THRESHOLDS=false HAS_RECOMMENDATIONS=false
serves /resources && HAS_RESOURCES=true
serves '/report/{tag}/{value}' && HAS_REPORT=true
serves /thresholds && HAS_THRESHOLDS=true
serves /recommendations && HAS_RECOMMENDATIONS=true
for endpoint in /resources '/report/{tag}/{value}' /thresholds /recommendations; do
  serves "$endpoint" || echo "  note: the agent does not serve $endpoint; what needs it will FAIL"
done
agent_json /metrics "$RAW/operations.json"
for op in enhanced_orchestration full_pattern_analysis; do
  jq -e --arg op "$op" 'has($op)' "$RAW/operations.json" >/dev/null \
    || die "the agent measures no operation named '$op' (its config names: $(jq -r 'keys | join(", ")' "$RAW/operations.json"))"
done

CORES=""
if $HAS_RESOURCES; then
  agent_json /resources "$RAW/resources-start.json"
  CORES=$(jq -r '.system.logical_processors // empty' "$RAW/resources-start.json")
  LOAD_START=$(jq -r '.system.load_average_1m // empty' "$RAW/resources-start.json")
fi
[ -n "$CORES" ] || CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
echo "Host: $CORES logical processors, load average (1 min) ${LOAD_START:-unknown}"

# --- warm-up ------------------------------------------------------------------------------------------

# A JVM that has just started compiles its hot code and touches its committed heap for the first
# time during its first requests; both show as time and resident memory that a running service
# does not spend again. The warm-up runs WARMUP requests, then goes on until the agent's readings
# of resident memory stay steady (less than STEADY_MB more over STEADY_SAMPLES samples in a row),
# or until --warmup-max-seconds, so that test 2 starts from a service in its steady state. Those
# requests come as many at a time as test 5 sends (at least as many as test 4): a JVM grows its
# heap further when more threads allocate at once, and that growth belongs to the warm-up, not to
# the memory criterion.
readonly STEADY_MB=4 STEADY_SAMPLES=2
WARM_CONCURRENCY=$(( LOAD > SIMULTANEOUS ? LOAD : SIMULTANEOUS ))
WARMUP_DONE=0 WARMUP_STEADY=null
if [ "$WARMUP" -gt 0 ]; then
  printf 'Warm-up: %d unmeasured requests ' "$WARMUP"
  for i in $(seq "$WARMUP"); do
    orchestrate true >/dev/null
    [ $((i % 4)) -eq 0 ] && orchestrate false >/dev/null
    WARMUP_DONE=$((WARMUP_DONE + 1))
    printf '.'
  done
  echo
fi
if $HAS_RESOURCES && [ "$WARMUP_MAX_SECONDS" -gt 0 ]; then
  echo "Warm-up: until resident memory is steady (< $STEADY_MB MB more over $STEADY_SAMPLES readings; at most $WARMUP_MAX_SECONDS s)"
  WARMUP_STEADY=false
  warm_deadline=$((SECONDS + WARMUP_MAX_SECONDS)) steady=0
  agent_json /resources "$RAW/warmup-resources.json"
  last_at=$(jq -r '.sampled_at' "$RAW/warmup-resources.json")
  last_mb=$(jq -r '.memory_usage_mb' "$RAW/warmup-resources.json")
  while [ $SECONDS -lt "$warm_deadline" ]; do
    warm_pids=()
    for _ in $(seq "$WARM_CONCURRENCY"); do
      orchestrate true >/dev/null &
      warm_pids+=($!)
    done
    wait "${warm_pids[@]}" # these requests only: the script may have started the orchestrator as a job too
    WARMUP_DONE=$((WARMUP_DONE + WARM_CONCURRENCY))
    agent_json /resources "$RAW/warmup-resources.json"
    at=$(jq -r '.sampled_at' "$RAW/warmup-resources.json")
    [ "$at" = "$last_at" ] && continue
    mb=$(jq -r '.memory_usage_mb' "$RAW/warmup-resources.json")
    grew=$(jq -n --argjson a "$last_mb" --argjson b "$mb" '$b - $a | . * 10 | round / 10')
    printf '  resident memory %s MB (%s MB since the previous reading), %d requests so far\n' \
      "$(jq -n "$mb * 10 | round / 10")" "$grew" "$WARMUP_DONE"
    last_at=$at last_mb=$mb
    if jq -n -e --argjson g "$grew" "\$g < $STEADY_MB" >/dev/null; then
      steady=$((steady + 1))
    else
      steady=0
    fi
    if [ "$steady" -ge "$STEADY_SAMPLES" ]; then
      WARMUP_STEADY=true
      break
    fi
  done
  $WARMUP_STEADY || echo "  resident memory was still growing after $WARMUP_MAX_SECONDS s of warm-up; testing anyway"
fi

# --- test 1 -------------------------------------------------------------------------------------------

echo
echo "Test 1: baseline orchestration (pattern recognition off), $REQUESTS requests one at a time"
reset_agent
: >"$RAW/baseline-requests.txt"
for i in $(seq "$REQUESTS"); do
  read -r status seconds < <(orchestrate false)
  echo "$status $seconds" >>"$RAW/baseline-requests.txt"
  printf '  request %d/%d: HTTP %s in %s ms\n' "$i" "$REQUESTS" "$status" "$(ms "$seconds")"
done
snapshot baseline
requests_json "$RAW/baseline-requests.txt" >"$RAW/baseline-client.json"
echo "  agent: $(agent_line "$RAW/baseline-metrics.json" enhanced_orchestration)"
echo "  agent: full_pattern_analysis ran $(jq '.full_pattern_analysis.total_calls' "$RAW/baseline-metrics.json") times (expected 0 with pattern recognition off)"

# --- test 2 -------------------------------------------------------------------------------------------

echo
echo "Test 2: enhanced orchestration (pattern recognition on), $REQUESTS requests one at a time"
echo "  (the client's response time, and the agent's timing of the same request inside the orchestrator)"
reset_and_rebaseline
if $HAS_RESOURCES; then
  cp "$RAW/resources-after-reset.json" "$RAW/enhanced-resources-start.json"
else
  echo 'null' >"$RAW/enhanced-resources-start.json"
fi
: >"$RAW/enhanced-requests.txt"
agent_json /metrics "$RAW/previous.json"
for i in $(seq "$REQUESTS"); do
  read -r status seconds < <(orchestrate true)
  echo "$status $seconds" >>"$RAW/enhanced-requests.txt"
  agent_json /metrics "$RAW/current.json"
  # the agent's sums are exact: this request's time is the difference of two of them
  seen=$(jq -r -n --slurpfile a "$RAW/previous.json" --slurpfile b "$RAW/current.json" '
    def took($op): ($b[0][$op] | .avg_duration_ms * .successful_calls) - ($a[0][$op] | .avg_duration_ms * .successful_calls);
    def calls($op): $b[0][$op].total_calls - $a[0][$op].total_calls;
    if calls("enhanced_orchestration") == 1 and ($b[0].enhanced_orchestration.failed_calls == $a[0].enhanced_orchestration.failed_calls)
    then "agent: total orchestration \(took("enhanced_orchestration") * 10 | round / 10) ms, pattern analysis \(took("full_pattern_analysis") * 10 | round / 10) ms"
    else "agent: \(calls("enhanced_orchestration")) orchestration(s) recorded, \($b[0].enhanced_orchestration.failed_calls - $a[0].enhanced_orchestration.failed_calls) failed" end')
  mv "$RAW/current.json" "$RAW/previous.json"
  took=$(ms "$seconds")
  threshold=$([ "$status" = 200 ] && [ "${took%%.*}" -lt "${MAX_TOTAL_MS%%.*}" ] && echo PASS || echo FAIL)
  printf '  request %d/%d: HTTP %s, total response time %s ms (< %s ms: %s); %s\n' \
    "$i" "$REQUESTS" "$status" "$took" "$MAX_TOTAL_MS" "$threshold" "$seen"
done
rm -f "$RAW/previous.json"
snapshot enhanced
requests_json "$RAW/enhanced-requests.txt" >"$RAW/enhanced-client.json"
for op in $(jq -r 'keys_unsorted[]' "$RAW/enhanced-metrics.json"); do
  echo "  agent: $(agent_line "$RAW/enhanced-metrics.json" "$op")"
done
echo "  pattern recognition adds $(jq -n --slurpfile a "$RAW/baseline-metrics.json" --slurpfile b "$RAW/enhanced-metrics.json" \
  '$b[0].enhanced_orchestration.avg_duration_ms - $a[0].enhanced_orchestration.avg_duration_ms | . * 10 | round / 10') ms to the average orchestration (test 2 minus test 1, as the agent timed them)"

# --- test 3 -------------------------------------------------------------------------------------------

echo
echo "Test 3: the per-project report, thresholds and recommendations (figures of test 2)"
REPORT_STATUS=missing
if $HAS_REPORT; then
  REPORT_STATUS=$(agent_get "/report/project_id/$PROJECT" "$RAW/report.json")
  if [ "$REPORT_STATUS" = 200 ] && jq -e . "$RAW/report.json" >/dev/null 2>&1; then
    jq -r '"  GET /report/project_id/\(.project_id // .value): total execution time \(.total_execution_time_ms // null | if . == null then "n/a" else . * 10 | round / 10 end) ms, thresholds met: \(.performance_thresholds.thresholds_met // .performance_thresholds.threshold_met // "n/a")",
           "  component metrics: \((.component_metrics // {}) | to_entries | map("\(.key) avg \(.value.avg_duration_ms * 10 | round / 10) ms") | join(", "))",
           "  recommendations: \((.recommendations // []) | join("; "))",
           "  resource usage: \(.resource_usage // {} | tostring)"' "$RAW/report.json"
  else
    echo "  GET /report/project_id/$PROJECT answered HTTP $REPORT_STATUS: $(head -c 300 "$RAW/report.json" 2>/dev/null)"
    echo 'null' >"$RAW/report.json"
  fi
else
  echo "  the agent does not serve /report/{tag}/{value}"
  echo 'null' >"$RAW/report.json"
fi
echo 'null' >"$RAW/thresholds.json"
if $HAS_THRESHOLDS; then
  agent_json /thresholds "$RAW/thresholds.json"
  echo "  GET /thresholds: thresholds_met $(jq -r '.thresholds_met' "$RAW/thresholds.json")"
fi
echo 'null' >"$RAW/recommendations.json"
if $HAS_RECOMMENDATIONS; then
  agent_json /recommendations "$RAW/recommendations.json"
  echo "  GET /recommendations: $(jq -r 'join("; ")' "$RAW/recommendations.json")"
fi

# --- tests 4 and 5: simultaneous requests ---------------------------------------------------------------

# simultaneous NAME COUNT ROUND-LABEL: COUNT requests at once; prints each as it completes
simultaneous() {
  local name=$1 count=$2 label=$3 i done_count=0 deadline
  local dir="$RAW/$name-parts"
  mkdir -p "$dir"
  CLIENT_PIDS=()
  for i in $(seq "$count"); do
    orchestrate true >"$dir/$label-$i.tmp" &
    CLIENT_PIDS+=($!)
  done
  declare -A reported=()
  deadline=$((SECONDS + REQUEST_TIMEOUT + 30))
  while [ "$done_count" -lt "$count" ]; do
    for i in $(seq "$count"); do
      [ -n "${reported[$i]:-}" ] && continue
      if ! kill -0 "${CLIENT_PIDS[$((i - 1))]}" 2>/dev/null; then
        wait "${CLIENT_PIDS[$((i - 1))]}" 2>/dev/null || true
        reported[$i]=1
        done_count=$((done_count + 1))
        read -r status seconds <"$dir/$label-$i.tmp" || { status=000 seconds=0; }
        echo "$status $seconds" >>"$RAW/$name-requests.txt"
        printf '  %s request %d: HTTP %s in %s ms (%d of %d done)\n' "$label" "$i" "$status" "$(ms "$seconds")" "$done_count" "$count"
      fi
    done
    [ "$done_count" -lt "$count" ] || break
    [ $SECONDS -lt "$deadline" ] || die "requests of $name still running after $((REQUEST_TIMEOUT + 30)) s"
    sleep 0.05
  done
  CLIENT_PIDS=()
}

echo
echo "Test 4: $SIMULTANEOUS simultaneous requests for $PROJECT, $ROUNDS round(s); before each, $SIMULTANEOUS one at a time"
echo "  for $REFERENCE_PROJECT as the reference (measured beside them, so that other work on the machine weighs on both)"
reset_agent
: >"$RAW/concurrent-requests.txt"
: >"$RAW/reference-requests.txt"
for round in $(seq "$ROUNDS"); do
  times=()
  for i in $(seq "$SIMULTANEOUS"); do
    read -r status seconds < <(orchestrate true "$REFERENCE_PROJECT")
    echo "$status $seconds" >>"$RAW/reference-requests.txt"
    times+=("$([ "$status" = 200 ] || printf 'HTTP %s ' "$status")$(ms "$seconds") ms")
  done
  printf -v joined '%s, ' "${times[@]}"
  echo "  round $round reference, one at a time: ${joined%, }"
  simultaneous concurrent "$SIMULTANEOUS" "round $round"
done
snapshot concurrent
requests_json "$RAW/concurrent-requests.txt" >"$RAW/concurrent-client.json"
requests_json "$RAW/reference-requests.txt" >"$RAW/reference-client.json"
# the agent's figures of each project's calls: the simultaneous ones and the reference
echo 'null' >"$RAW/concurrent-by-project.json"
echo 'null' >"$RAW/reference-by-project.json"
if $HAS_REPORT; then
  for which in concurrent:"$PROJECT" reference:"$REFERENCE_PROJECT"; do
    status=$(agent_get "/report/project_id/${which#*:}" "$RAW/report-${which%%:*}.json")
    if [ "$status" = 200 ] && jq -e '.component_metrics | type == "object"' "$RAW/report-${which%%:*}.json" >/dev/null 2>&1; then
      jq '.component_metrics' "$RAW/report-${which%%:*}.json" >"$RAW/${which%%:*}-by-project.json"
    else
      echo "  GET /report/project_id/${which#*:} answered HTTP $status"
    fi
  done
  echo "  agent, $PROJECT ($SIMULTANEOUS in flight): $(agent_line "$RAW/concurrent-by-project.json" enhanced_orchestration)"
  echo "  agent, $REFERENCE_PROJECT (one at a time):  $(agent_line "$RAW/reference-by-project.json" enhanced_orchestration)"
else
  echo "  the agent does not serve /report/{tag}/{value}, so it cannot tell the reference calls from the simultaneous ones"
fi

echo
echo "Test 5: extended load, $LOAD simultaneous requests"
reset_agent
: >"$RAW/load-requests.txt"
simultaneous load "$LOAD" "load"
snapshot load
requests_json "$RAW/load-requests.txt" >"$RAW/load-client.json"
echo "  agent: $(agent_line "$RAW/load-metrics.json" enhanced_orchestration)"
echo "  agent: $(agent_line "$RAW/load-metrics.json" full_pattern_analysis)"
[ -n "$APP_PID" ] && ! kill -0 "$APP_PID" 2>/dev/null && die "the orchestrator exited during the tests"
LOAD_END=""
$HAS_RESOURCES && LOAD_END=$(jq -r '.system.load_average_1m // empty' "$RAW/load-resources.json")

# --- verdicts -------------------------------------------------------------------------------------------

if [ -z "$DEGRADATION_FACTOR" ]; then
  DEGRADATION_FACTOR=$(jq -n --argjson c "$CORES" --argjson s "$SIMULTANEOUS" '[$s, 2 * $s / ([$c, $s] | min)] | min')
  FACTOR_SOURCE=computed
else
  FACTOR_SOURCE=option
fi

slurp() { if [ -f "$1" ]; then cat "$1"; else echo null; fi; }
{
  printf '{"setup": '
  jq -n --arg app "$APP_URL" --arg agent "$AGENT_URL" --argjson started "$STARTED_BY_SCRIPT" \
    --argjson projects "$($STARTED_BY_SCRIPT && echo "$PROJECTS" || echo null)" --arg seed "$SEED" \
    --arg config "$($STARTED_BY_SCRIPT && echo "$CONFIG" || echo "")" --arg project "$PROJECT" \
    --argjson warmup "$WARMUP_DONE" --argjson steady "$WARMUP_STEADY" --argjson requests "$REQUESTS" --argjson rounds "$ROUNDS" \
    --argjson simultaneous "$SIMULTANEOUS" --argjson load "$LOAD" --arg reference "$REFERENCE_PROJECT" \
    '{app_url: $app, agent_url: $agent, started_by_script: $started, projects: $projects,
      seed: (if $seed == "" then null else ($seed | tonumber) end), agent_config: (if $config == "" then null else $config end),
      project_id: $project, warmup_requests: $warmup, warmup_memory_steady: $steady, sequential_requests: $requests, rounds_of_simultaneous: $rounds,
      simultaneous: $simultaneous, reference_project_id: $reference, load: $load}'
  printf ', "host": '
  jq -n --argjson cores "$CORES" --arg at_start "${LOAD_START:-}" --arg at_end "${LOAD_END:-}" \
    '{logical_processors: $cores, load_average_1m_at_start: (if $at_start == "" then null else ($at_start | tonumber) end),
      load_average_1m_at_end: (if $at_end == "" then null else ($at_end | tonumber) end)}'
  printf ', "endpoints": '
  jq -n --argjson r "$HAS_RESOURCES" --argjson p "$HAS_REPORT" --argjson t "$HAS_THRESHOLDS" --argjson c "$HAS_RECOMMENDATIONS" \
    '{"/resources": $r, "/report/{tag}/{value}": $p, "/thresholds": $t, "/recommendations": $c}'
  printf ', "tests": {'
  first=true
  # test 4's two kinds of calls are told apart by project (the agent's per-project report); its
  # histogram holds both, so the picture shades neither
  for test in baseline enhanced concurrent reference load; do
    $first || printf ','
    first=false
    agent="$RAW/$test-metrics.json" buckets="$RAW/$test-buckets.json" resources="$RAW/$test-resources.json"
    case $test in
      concurrent) agent="$RAW/concurrent-by-project.json" buckets=/nonexistent ;;
      reference) agent="$RAW/reference-by-project.json" buckets=/nonexistent resources=/nonexistent ;;
    esac
    printf '"%s": {"client": %s, "agent": %s, "histograms": %s, "resources": %s}' "$test" \
      "$(slurp "$RAW/$test-client.json")" "$(slurp "$agent")" "$(slurp "$buckets")" "$(slurp "$resources")"
  done
  printf ', "report": {"status": "%s", "report": %s, "thresholds": %s, "recommendations": %s}' "$REPORT_STATUS" \
    "$(slurp "$RAW/report.json")" "$(slurp "$RAW/thresholds.json")" "$(slurp "$RAW/recommendations.json")"
  printf '}, "enhanced_resources_start": %s' "$(slurp "$RAW/enhanced-resources-start.json")"
  printf ', "resources_at_start": %s' "$(slurp "$RAW/resources-start.json")"
  printf '}\n'
} >"$RAW/collected.json"
jq -e . "$RAW/collected.json" >/dev/null || die "internal error: $RAW/collected.json is not JSON"

jq -f "$PERF_DIR/summaries.jq" "$RAW/collected.json" >"$RAW/with-summaries.json"
jq --argjson max_total "$MAX_TOTAL_MS" --argjson max_pattern "$MAX_PATTERN_MS" \
  --argjson max_memory "$MAX_MEMORY_MB" --argjson min_success "$MIN_SUCCESS_RATE" \
  --argjson factor "$DEGRADATION_FACTOR" --arg factor_source "$FACTOR_SOURCE" \
  -f "$PERF_DIR/criteria.jq" "$RAW/with-summaries.json" >"$RAW/with-criteria.json"

if [ -n "$BASELINE" ]; then
  jq -e '.format == "perfweave-performance-baseline" and (.operations | type == "object")' "$BASELINE" >/dev/null 2>&1 \
    || die "--baseline $BASELINE is not a baseline written by --save-baseline"
  jq --slurpfile baseline "$BASELINE" --arg file "$BASELINE" --argjson ratio "$REGRESSION_RATIO" \
    --argjson floor "$REGRESSION_FLOOR_MS" -f "$PERF_DIR/regression.jq" "$RAW/with-criteria.json" >"$RAW/with-regression.json"
else
  jq '. + {regression: null}' "$RAW/with-criteria.json" >"$RAW/with-regression.json"
fi

jq --arg started "$STARTED_AT" --arg finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)" '
  {tool: "perfweave scripts/performance_test.sh", started_at: $started, finished_at: $finished,
   passed: ((.criteria | all(.pass)) and (.regression == null or .regression.pass))} + .
  | . + {latency_svg: "latency.svg"}' "$RAW/with-regression.json" >"$RESULT"
jq -r -f "$PERF_DIR/latency-chart.jq" "$RESULT" >"$OUT/latency.svg"

echo
echo "=== Success criteria (from the agent's figures) ==="
jq -r '.criteria[] | "\(if .pass then "PASS" else "FAIL" end)  \(.name): \(.verdict)", "        definition: \(.definition)"' "$RESULT"

if [ -n "$BASELINE" ]; then
  echo
  echo "=== Regressions against $BASELINE (p95 and mean of test 2, allowed rise $(jq -n "$REGRESSION_RATIO * 100") %) ==="
  jq -r '.regression.compared[] | "\(if .regressed then "REGRESSION" else "ok        " end)  \(.operation) \(.metric): \(.baseline_ms * 10 | round / 10) ms -> \(.current_ms * 10 | round / 10) ms (\(if .change == null then "n/a" else "\(if .change >= 0 then "+" else "" end)\(.change * 1000 | round / 10) %" end))\(if .note then "; " + .note else "" end)"' "$RESULT"
  jq -r '.regression | "\(if .pass then "PASS" else "FAIL" end)  no regression against the baseline: \(.regressions) regression(s) in \(.compared | length) comparison(s)"' "$RESULT"
fi

if [ -n "$SAVE_BASELINE" ]; then
  jq --arg created "$STARTED_AT" '{format: "perfweave-performance-baseline", version: 1, created_at: $created,
      source: "test 2 of scripts/performance_test.sh: enhanced orchestration, one request at a time",
      setup: .setup, host: .host,
      operations: (.tests.enhanced.agent | with_entries(.value |= {total_calls, successful_calls, failed_calls,
        avg_duration_ms, p50_ms, p95_ms, p99_ms, max_duration_ms, min_duration_ms, success_rate}))}' "$RESULT" >"$SAVE_BASELINE" \
    || die "cannot write the baseline to $SAVE_BASELINE"
  echo
  echo "Baseline of $(jq '.operations | length' "$SAVE_BASELINE") operations saved to $SAVE_BASELINE"
fi

echo
echo "Result: $RESULT"
echo "Latency distribution: $OUT/latency.svg"
if jq -e '.passed' "$RESULT" >/dev/null; then
  echo "=== PASS: every criterion met ==="
  exit 0
fi
echo "=== FAIL: $(jq -r '[.criteria[] | select(.pass | not) | .name] + (if .regression != null and (.regression.pass | not) then ["no regression"] else [] end) | join(", ")' "$RESULT") ==="
exit 1
