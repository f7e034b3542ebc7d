#!/usr/bin/env bash
# How much the agent adds to the start of a small application: the time from launching the JVM to
# the application's first line of output, median of N runs (default 10) with and without the
# agent, alternating. Usage: scripts/startup-check.sh [runs] [java-home]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
java_bin=${2:+$2/bin/}java
[ -f agent/target/perfweave-agent.jar ] && [ -d agent/target/test-classes ] || mvn -q -B -DskipTests -pl agent -am test-compile package
config=$(mktemp --suffix=.yaml)
trap 'rm -f "$config"' EXIT
cat > "$config" <<YAML
operations:
  - name: answer
    class: io.perfweave.it.apps.StartupApp
    method: answer
YAML
time_to_first_line() {
  local start end
  start=$(date +%s%N)
  "$@" 2>/dev/null | { read -r _; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); cat >/dev/null; }
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
plain=() agent=()
for _ in $(seq "$runs"); do
  plain+=("$(time_to_first_line "$java_bin" -cp agent/target/test-classes io.perfweave.it.apps.StartupApp)")
  agent+=("$(time_to_first_line "$java_bin" "-javaagent:agent/target/perfweave-agent.jar=config=$config,port=0" \
    -cp agent/target/test-classes io.perfweave.it.apps.StartupApp)")
done
p=$(printf '%s\n' "${plain[@]}" | median)
a=$(printf '%s\n' "${agent[@]}" | median)
echo "without agent: median ${p} ms   (runs: ${plain[*]})"
echo "with agent:    median ${a} ms   (runs: ${agent[*]})"
echo "added by the agent: $((a - p)) ms"
