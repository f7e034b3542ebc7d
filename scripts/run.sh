#!/usr/bin/env bash
# Builds perfweave and runs the main job: the sample orchestrator with the agent attached.
# The orchestrator answers on http://127.0.0.1:8080, the agent's metrics on http://127.0.0.1:9404.
# Extra arguments go to the orchestrator (for example --projects 30000 --port 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v java >/dev/null || { echo "run.sh: java (17 or later) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "run.sh: Maven (mvn) is required" >&2; exit 1; }
mvn -q -B -DskipTests package
exec java -javaagent:agent/target/perfweave-agent.jar=config=config/agent.yaml \
  -jar sample-orchestrator/target/sample-orchestrator.jar "$@"
