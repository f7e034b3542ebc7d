#!/usr/bin/env bash
# The agent's cost to the sample orchestrator's throughput. The load generator
# (scripts/LoadGenerator.java) drives the orchestrator at a fixed concurrency for a fixed time,
# once without the agent and once with it (the default config), and again for every round; the
# order alternates from round to round so that a drift of the machine's speed falls on both sides.
# Prints each run's throughput and latency percentiles, the medians of both sides, and the ratio
# of throughput with the agent to without; exits 1 when the ratio is under --min-ratio.
#
#   scripts/overhead-check.sh [--rounds 3] [--concurrency 4] [--seconds 20] [--warmup 5]
#                             [--projects 3000] [--config config/agent.yaml] [--min-ratio 0.97]
#
# Run it on a quiet machine: other work on the same cores shows up as noise in the ratio. The
# machine's load average is printed before and after. Needs Java (17 or later), curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly NAME=overhead-check.sh

usage() {
  cat >&2 <<EOF
usage: scripts/$NAME [--rounds 3] [--concurrency 4] [--seconds 20] [--warmup 5]
                         [--projects 3000] [--config config/agent.yaml] [--min-ratio 0.97]
exit status: 0 when the ratio reaches --min-ratio, 1 when not, 2 for bad options
EOF
}
bad_usage() {
  echo "$NAME: $1" >&2
  usage
  exit 2
}
whole() { # name value min max
  [[ $2 =~ ^[0-9]{1,6}$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] \
    || bad_usage "$1 expects a whole number from $3 to $4, got '$2'"
}

rounds=3 concurrency=4 seconds=20 warmup=5 projects=3000 config=config/agent.yaml min_ratio=0.97
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --rounds|--concurrency|--seconds|--warmup|--projects|--config|--min-ratio)
      [ $# -ge 2 ] || bad_usage "$1 needs a value"
      case $1 in
        --rounds) whole "$1" "$2" 1 100; rounds=$2 ;;
        --concurrency) whole "$1" "$2" 1 512; concurrency=$2 ;;
        --seconds) whole "$1" "$2" 1 3600; seconds=$2 ;;
        --warmup) whole "$1" "$2" 0 3600; warmup=$2 ;;
        --projects) whole "$1" "$2" 1 10000000; projects=$2 ;;
        --config) [ -f "$2" ] || bad_usage "--config: no such file '$2'"; config=$2 ;;
        --min-ratio) [[ $2 =~ ^[0-9]([.][0-9]{1,4})?$ ]] || bad_usage "--min-ratio expects a fraction such as 0.97, got '$2'"; min_ratio=$2 ;;
      esac
      shift 2 ;;
    *) bad_usage "unknown option '$1'" ;;
  esac
done

for tool in java javac curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$NAME: $tool is required (a JDK 17+, curl and jq)" >&2; exit 1; }
done
for jar in agent/target/perfweave-agent.jar sample-orchestrator/target/sample-orchestrator.jar; do
  [ -f "$jar" ] || { echo "$NAME: $jar is missing; build first: mvn -q -B -DskipTests package" >&2; exit 1; }
done

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

javac -d "$work/classes" scripts/LoadGenerator.java

load_average() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

# run_once with|without: starts the orchestrator, drives it, stops it; prints the generator's result line
run_once() {
  local agent=() port="" line
  [ "$1" = with ] && agent=("-javaagent:agent/target/perfweave-agent.jar=config=$config,port=0")
  rm -f "$work/app.out"
  java "${agent[@]}" -jar sample-orchestrator/target/sample-orchestrator.jar --port 0 --projects "$projects" \
    >"$work/app.out" 2>"$work/app.err" </dev/null &
  pid=$!
  for _ in $(seq 600); do
    if [ -f "$work/app.out" ]; then
      while IFS= read -r line; do
        [[ $line =~ listening\ on\ port\ ([0-9]+) ]] && port=${BASH_REMATCH[1]}
      done <"$work/app.out"
    fi
    [ -n "$port" ] && curl -fs --max-time 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.err" >&2; echo "$NAME: the orchestrator exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$NAME: the orchestrator did not answer within 60 s" >&2; exit 1; }
  java -cp "$work/classes" LoadGenerator "http://127.0.0.1:$port" "$concurrency" "$seconds" "$warmup" | tail -n 1
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

echo "command: scripts/$NAME --rounds $rounds --concurrency $concurrency --seconds $seconds --warmup $warmup --projects $projects --config $config --min-ratio $min_ratio"
echo "machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') logical processors; load average before: $(load_average)"
: >"$work/results"
for round in $(seq "$rounds"); do
  order=(without with)
  [ $((round % 2)) -eq 0 ] && order=(with without)
  for side in "${order[@]}"; do
    run_once "$side" >"$work/line"
    result=$(<"$work/line")
    [[ $result == result\ * ]] || { echo "$NAME: the load generator printed no result: $result" >&2; exit 1; }
    printf 'round %d %-7s agent: %s\n' "$round" "$side" "${result#result }"
    echo "$round $side ${result#result }" >>"$work/results"
  done
done
echo "load average after: $(load_average)"

# "ROUND SIDE requests=N errors=E rps=R p50_ms=.. ..." lines to one JSON report
jq -r -R -s --argjson min "$min_ratio" '
  def median: sort | if length == 0 then null else .[(length - 1) / 2 | floor] end;
  def r2: . * 100 | round / 100;
  [splits("\n") | select(length > 0) | split(" ") | {round: (.[0] | tonumber), side: .[1]}
     + ([.[2:][] | split("=") | {key: .[0], value: (.[1] | tonumber)}] | from_entries)] as $runs
  | def side($s): [$runs[] | select(.side == $s)];
    def medians($s): {rps: (side($s) | map(.rps) | median), p50_ms: (side($s) | map(.p50_ms) | median),
                      p95_ms: (side($s) | map(.p95_ms) | median), p99_ms: (side($s) | map(.p99_ms) | median),
                      errors: (side($s) | map(.errors) | add)};
    medians("without") as $without | medians("with") as $with
  | ($with.rps / $without.rps) as $ratio
  | [$runs | group_by(.round)[] | (map(select(.side == "with"))[0].rps / map(select(.side == "without"))[0].rps)] as $paired
  | "median without the agent: \($without.rps | r2) requests/s, p50 \($without.p50_ms | r2) ms, p95 \($without.p95_ms | r2) ms, p99 \($without.p99_ms | r2) ms, errors \($without.errors)",
    "median with the agent:    \($with.rps | r2) requests/s, p50 \($with.p50_ms | r2) ms, p95 \($with.p95_ms | r2) ms, p99 \($with.p99_ms | r2) ms, errors \($with.errors)",
    "throughput ratio with/without: \($ratio * 1000 | round / 1000) (round by round: \($paired | map(. * 1000 | round / 1000) | join(", ")))",
    "\(if $ratio >= $min and $with.errors == 0 and $without.errors == 0 then "PASS" else "FAIL" end)  throughput with the agent >= \($min * 100) % of without: \($ratio * 1000 | round / 10) %"
' "$work/results" | tee "$work/verdict"
grep -q '^PASS' "$work/verdict"
