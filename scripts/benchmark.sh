#!/usr/bin/env bash
# The agent's cost per call, measured with JMH in one run against a plain call and a hand-written
# pair of System.nanoTime() reads (the floor), at 1 and 2 threads, with allocation per call.
# Usage: scripts/benchmark.sh [measurement-iterations]   (default 5; takes about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B -f agent/benchmarks/pom.xml package
exec java -jar agent/benchmarks/target/benchmarks.jar "$PWD/agent/target/perfweave-agent.jar" \
  "$PWD/agent/benchmarks/overhead.yaml" "${1:-5}"
