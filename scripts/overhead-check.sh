#!/usr/bin/env bash
# The agent's overhead on the sample orchestrator's throughput: the orchestrator runs under load
# (scripts/LoadGenerator.java) without and with the agent (default config), in alternation,
# ROUNDS times each, and the medians are compared.
# Usage: scripts/overhead-check.sh [rounds=3] [concurrency=4] [seconds=20] [projects=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3} concurrency=${2:-4} seconds=${3:-20} projects=${4:-3000}
for tool in java curl; do command -v "$tool" >/dev/null || { echo "overhead-check: $tool is required" >&2; exit 1; }; done
[ -f agent/target/perfweave-agent.jar ] && [ -f sample-orchestrator/target/sample-orchestrator.jar ] || mvn -q -B -DskipTests package

port=18080
run_once() { # $1: with|without; prints the load generator's result line
  local agent=() log
  log=$(mktemp)
  [ "$1" = with ] && agent=("-javaagent:agent/target/perfweave-agent.jar=config=config/agent.yaml,port=0")
  java "${agent[@]}" -jar sample-orchestrator/target/sample-orchestrator.jar --port "$port" --projects "$projects" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  java scripts/LoadGenerator.java "http://127.0.0.1:$port" "$concurrency" "$seconds" 5 | tail -1
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/"; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
without=() with=()
for round in $(seq "$rounds"); do
  without+=("$(run_once without)"); echo "round $round without agent: ${without[-1]}"
  with+=("$(run_once with)"); echo "round $round with agent:    ${with[-1]}"
done
rps_without=$(printf '%s\n' "${without[@]}" | field rps | median)
rps_with=$(printf '%s\n' "${with[@]}" | field rps | median)
p99_without=$(printf '%s\n' "${without[@]}" | field p99_ms | median)
p99_with=$(printf '%s\n' "${with[@]}" | field p99_ms | median)
echo "median throughput: without ${rps_without}/s, with ${rps_with}/s; ratio $(awk "BEGIN {printf \"%.3f\", $rps_with / $rps_without}")"
echo "median p99 latency: without ${p99_without} ms, with ${p99_with} ms"
