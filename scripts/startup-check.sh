#!/usr/bin/env bash
# How much the agent adds to the start of a small application, median of N runs (default 10) with
# and without the agent, alternating: the time from launching the JVM to the application's first
# line of output ("started"), and to the end of its first call of a measured method ("answered");
# then the exit: how long a running application (the agent's port up) takes from being told to
# exit to the end of its process.
# Usage: scripts/startup-check.sh [runs] [java-home]
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
    class: io.perfweave.it.apps.StartupApp\$Service
    method: answer
YAML
# prints "ms-to-first-line ms-to-second-line"
time_to_lines() {
  local start first second
  start=$(date +%s%N)
  "$@" 2>/dev/null | { read -r _; first=$(date +%s%N); read -r _; second=$(date +%s%N); cat >/dev/null;
    echo "$(( (first - start) / 1000000 )) $(( (second - start) / 1000000 ))"; }
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
plain_started=() plain_answered=() agent_started=() agent_answered=()
for _ in $(seq "$runs"); do
  read -r s a < <(time_to_lines "$java_bin" -cp agent/target/test-classes io.perfweave.it.apps.StartupApp)
  plain_started+=("$s") plain_answered+=("$a")
  read -r s a < <(time_to_lines "$java_bin" "-javaagent:agent/target/perfweave-agent.jar=config=$config,port=0" \
    -cp agent/target/test-classes io.perfweave.it.apps.StartupApp)
  agent_started+=("$s") agent_answered+=("$a")
done
ps=$(printf '%s\n' "${plain_started[@]}" | median); pa=$(printf '%s\n' "${plain_answered[@]}" | median)
as=$(printf '%s\n' "${agent_started[@]}" | median); aa=$(printf '%s\n' "${agent_answered[@]}" | median)
echo "                 to 'started'   to first measured call done"
echo "without agent:   ${ps} ms          ${pa} ms"
echo "with agent:      ${as} ms          ${aa} ms"
echo "added:           $((as - ps)) ms          $((aa - pa)) ms      (medians of $runs runs)"

# --- exit: CountingApp waits on standard input; "exit" ends its main, and the JVM exits ----------
work=$(mktemp -d)
trap 'rm -f "$config"; rm -rf "$work"' EXIT
exit_ms() { # agent|plain: ms from sending "exit" to the process's end, once it is ready (and the port up)
  local fifo=$work/in out=$work/out pid start end
  rm -f "$fifo" "$out"; mkfifo "$fifo"
  if [ "$1" = agent ]; then
    "$java_bin" "-javaagent:agent/target/perfweave-agent.jar=config=$config,port=0" \
      -cp agent/target/test-classes io.perfweave.it.apps.CountingApp 1 10 0 <"$fifo" >"$out" 2>&1 &
  else
    "$java_bin" -cp agent/target/test-classes io.perfweave.it.apps.CountingApp 1 10 0 <"$fifo" >"$out" 2>&1 &
  fi
  pid=$!
  exec 9>"$fifo"
  for _ in $(seq 600); do
    grep -q '^ready' "$out" && { [ "$1" = plain ] || grep -q 'metrics on' "$out"; } && break
    sleep 0.05
  done
  start=$(date +%s%N); echo exit >&9; wait "$pid" || true; end=$(date +%s%N)
  exec 9>&-
  echo $(( (end - start) / 1000000 ))
}
plain_exit=() agent_exit=()
for _ in $(seq "$runs"); do
  plain_exit+=("$(exit_ms plain)")
  agent_exit+=("$(exit_ms agent)")
done
pe=$(printf '%s\n' "${plain_exit[@]}" | median); ae=$(printf '%s\n' "${agent_exit[@]}" | median)
echo "exit (told to exit -> process ended): without agent ${pe} ms, with agent ${ae} ms, added $((ae - pe)) ms (medians of $runs runs)"
