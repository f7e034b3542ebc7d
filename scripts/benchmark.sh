#!/usr/bin/env bash
# The agent's cost per call, measured with JMH in one run against a plain call and a hand-written
# pair of System.nanoTime() reads (the floor), at 1 and 2 threads, with allocation per call.
# Usage: scripts/benchmark.sh [measurement-iterations]   (default 5; takes about 3 minutes)
#        scripts/benchmark.sh --virtual-threads [measurement-iterations]
#          one timed call on a fresh virtual thread against an untimed one (VirtualThreadCall);
#          needs JDK 21+: $JAVA, else /usr/lib/jvm/temurin-25-jdk-amd64/bin/java when present, else java
#        scripts/benchmark.sh --breakdown [measurement-iterations]
#          what breakdown: true adds per call (BreakdownCost): forks with it off, on, off again
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B -f agent/benchmarks/pom.xml package
if [ "${1:-}" = --virtual-threads ]; then
  java=${JAVA:-java}
  [ -z "${JAVA:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  exec "$java" -cp agent/benchmarks/target/benchmarks.jar io.perfweave.benchmarks.VirtualThreadCall \
    "$PWD/agent/target/perfweave-agent.jar" "$PWD/agent/benchmarks/overhead.yaml" "${2:-5}"
fi
if [ "${1:-}" = --breakdown ]; then
  exec java -cp agent/benchmarks/target/benchmarks.jar io.perfweave.benchmarks.BreakdownCost \
    "$PWD/agent/target/perfweave-agent.jar" "$PWD/agent/benchmarks/overhead.yaml" \
    "$PWD/agent/benchmarks/overhead-no-breakdown.yaml" "${2:-5}"
fi
exec java -jar agent/benchmarks/target/benchmarks.jar "$PWD/agent/target/perfweave-agent.jar" \
  "$PWD/agent/benchmarks/overhead.yaml" "${1:-5}"
