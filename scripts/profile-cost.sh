#!/usr/bin/env bash
# What profiling slow calls costs the host: a JVM whose one operation has profile: {slower_than_ms: 100}
# runs one slow call (spinning on one thread) and then none; the CPU of the agent's sampler thread over
# each phase is read from GET /health (profiling.cpu_ms) and given as a share of one core. The first
# seconds of the slow call are left out, so that the sampler's code is compiled when it is measured.
# Rough figures: anything else the machine runs moves them. Needs: curl, python3.
# Usage: scripts/profile-cost.sh [--java PATH] [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."
java=java seconds=10
while [ $# -gt 0 ]; do
  case $1 in
    --java) java=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "profile-cost.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 2 ]] || { echo "profile-cost.sh: --seconds takes a whole number >= 2" >&2; exit 2; }
readonly AGENT_JAR=$PWD/agent/target/perfweave-agent.jar TEST_CLASSES=$PWD/agent/target/test-classes
[ -f "$AGENT_JAR" ] && [ -d "$TEST_CLASSES/io/perfweave/it/apps/profile" ] \
  || { echo "profile-cost.sh: build first (mvn -B -q install -DskipTests && mvn -B -q -pl agent test-compile)" >&2; exit 1; }
work=$PWD/target/profile-cost
rm -rf "$work" && mkdir -p "$work"
cat >"$work/agent.yaml" <<YAML
operations:
  - name: handle
    class: io.perfweave.it.apps.profile.ProfileApp
    method: handle
    profile: {slower_than_ms: 100}
YAML
mkfifo "$work/in"
"$java" -javaagent:"$AGENT_JAR"=config="$work/agent.yaml",port=0 -cp "$TEST_CLASSES" \
  io.perfweave.it.apps.profile.ProfileApp <"$work/in" >"$work/out.log" 2>&1 &
app=$!
exec 3>"$work/in"
trap 'echo exit >&3 2>/dev/null || true; kill $app 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*metrics on http://[^:]*:\([0-9]*\)/metrics.*|\1|p' "$work/out.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.2
done
[ -n "$port" ] || { echo "profile-cost.sh: the agent's port did not open; see $work/out.log" >&2; exit 1; }
reading() {   # cpu_ms stacks_taken wakeups, and the time
  curl -sf "http://127.0.0.1:$port/health" | python3 -c 'import json,sys,time
p = json.load(sys.stdin)["profiling"]
print(p["cpu_ms"], p["stacks_taken"], p["wakeups"], time.time())'
}
echo "slow $(( (seconds + 8) * 1000 ))" >&3
sleep 5; slow_from=$(reading); sleep "$seconds"; slow_to=$(reading)
sleep 4; idle_from=$(reading); sleep "$seconds"; idle_to=$(reading)
python3 - "$slow_from" "$slow_to" "$idle_from" "$idle_to" "$("$java" -version 2>&1 | head -1)" <<'PY'
import sys
def phase(a, b):
    a, b = [list(map(float, x.split())) for x in (a, b)]
    seconds = b[3] - a[3]
    return b[0] - a[0], seconds, b[1] - a[1], b[2] - a[2]
print(sys.argv[5])
cpu, seconds, stacks, wakeups = phase(sys.argv[1], sys.argv[2])
print("one slow call: %.1f ms CPU in %.1f s = %.2f %% of a core; %d stacks (%.0f a second), %d wakeups"
      % (cpu, seconds, cpu / seconds / 10, stacks, stacks / seconds, wakeups))
cpu, seconds, stacks, wakeups = phase(sys.argv[3], sys.argv[4])
print("no call in flight: %.2f ms CPU in %.1f s = %.3f %% of a core; %d wakeups" % (cpu, seconds, cpu / seconds / 10, wakeups))
PY
