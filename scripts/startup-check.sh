#!/usr/bin/env bash
# How much the agent adds to the start of a small application, median of N runs (default 10) with
# and without the agent, alternating: the time from launching the JVM to the application's first
# line of output ("started"), and to the end of its first call of a measured method ("answered");
# then the exit: how long a running application (the agent's port up) takes from being told to
# exit to the end of its process; then an application of 10,000 classes with a subtype_of and an
# annotated_with rule that select one of them, against a rule that names its class and plain.
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

# --- rules without a class glob: an application of 10,000 classes, one of which the rule selects ----
# HierarchyApp loads K1..K9999, then K0 (the one Repository, the one @Marker), prints "started",
# calls K0.find and prints "answered". Time to each line: plain, with a rule naming K0's class, with
# subtype_of, with annotated_with. What the selection by hierarchy costs is the difference between
# the last two and the named rule (all three wait alike for the agent's own start).
gen=$work/gen
"$java_bin" -cp agent/target/test-classes io.perfweave.it.apps.startup.HierarchyClasses "$gen" 10000 >/dev/null
app_cp="agent/target/test-classes:$gen/classes"
for kind in named subtype annotated; do
  case $kind in
    named) rule="{name: repository_find, class: io.perfweave.startup.gen.K0, method: find}" ;;
    subtype) rule="{name: repository_find, subtype_of: io.perfweave.startup.gen.Repository, method: find}" ;;
    annotated) rule="{name: repository_find, annotated_with: io.perfweave.startup.gen.Marker, method: find}" ;;
  esac
  printf 'server: {enabled: false}\noperations:\n  - %s\n' "$rule" > "$work/$kind.yaml"
done
declare -A started answered
for _ in $(seq "$runs"); do
  read -r s a < <(time_to_lines "$java_bin" -cp "$app_cp" io.perfweave.it.apps.startup.HierarchyApp 10000)
  started[plain]+="$s "; answered[plain]+="$a "
  for kind in named subtype annotated; do
    read -r s a < <(time_to_lines "$java_bin" "-javaagent:agent/target/perfweave-agent.jar=config=$work/$kind.yaml" \
      -cp "$app_cp" io.perfweave.it.apps.startup.HierarchyApp 10000)
    started[$kind]+="$s "; answered[$kind]+="$a "
  done
done
echo
echo "10,000 classes, one selected       to 'started'   to first measured call done"
for kind in plain named subtype annotated; do
  s=$(printf '%s\n' ${started[$kind]} | median); a=$(printf '%s\n' ${answered[$kind]} | median)
  declare "s_$kind=$s" "a_$kind=$a"
  printf '%-34s %6s ms      %6s ms\n' "$kind" "$s" "$a"
done
echo "subtype_of adds $((s_subtype - s_named)) ms, annotated_with $((s_annotated - s_named)) ms to 'started' over a rule" \
  "naming the class; the agent with a named rule adds $((s_named - s_plain)) ms over plain (medians of $runs runs)"
