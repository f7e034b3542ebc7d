#!/usr/bin/env bash
# What the agent costs at scale, measured in one run with and without it:
#
#  (a) virtual threads: VirtualThreadTasksApp runs --tasks tasks per round, each on a virtual thread
#      of its own calling one timed method; ns per task, best of --rounds rounds; and whether the
#      agent's total_calls and failed_calls equal what the tasks saw. Beside perfweave, to tell whose
#      the cost is: plain, plain reading the clock around the call by hand, an agent that does
#      nothing (what the JVM charges for any agent), perfweave with a rule that weaves nothing, and
#      perfweave with JVMTI's virtual-thread events switched off (-XX:-DoJVMTIVirtualThreadTransitions).
#  (b) many operations: ManyOperationsApp calls each of --operations generated methods once (one
#      rule, one operation per method), then idles; over --idle-seconds: CPU % of a core (utime +
#      stime from /proc/PID/stat) and heap allocation MB/s (the JVM-wide allocated bytes, which the
#      app prints on request: every thread, the agent's included); then live heap after a full GC
#      (the total of jcmd GC.class_histogram, which collects first), RSS (VmRSS), and with the agent
#      the time and size of one JSON GET /metrics and one Prometheus scrape.
#
# Prints a table: figure | plain | perfweave | ratio/target, with PASS or FAIL for each target.
# Exits 0 whatever the figures (it is a measurement); 2 for bad options. The applications are the
# test classes in agent/target/test-classes (built when missing). Logs: target/scale-check/.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly NAME=scale-check.sh
readonly JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

usage() {
  cat <<EOF
usage: scripts/$NAME [--java PATH] [--tasks N] [--rounds N] [--operations N] [--idle-seconds N]
  --java PATH         the java that runs the applications, with and without the agent
                      (default: $JDK25 when present, else java)
  --tasks N           virtual-thread tasks per round (default 300000; needs Java 21+)
  --rounds N          rounds of them; the best round counts (default 10)
  --warmup-rounds N   rounds run first and not counted, for the JIT of every run and past the
                      agent's own start (default 10)
  --operations N      distinct operations, each called once before the idle period (default 10000)
  --idle-seconds N    the idle period measured after the calls (default 20)
targets: virtual-thread task within 1.3x of plain (goal: +100 ns; shown beside the floor, the plain
task reading the clock twice by hand), idle CPU < 1 % of a core, idle allocation
< 1 MB/s, live heap added < 40 MB, each scrape < 250 ms allocating at most twice what it writes
(MB = 2^20 bytes)
exit status: 0 whatever the figures, 2 for bad options
EOF
}
bad_usage() {
  echo "$NAME: $1" >&2
  usage >&2
  exit 2
}
whole() { # name value min max
  [[ $2 =~ ^[0-9]{1,9}$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] \
    || bad_usage "$1 expects a whole number from $3 to $4, got '$2'"
}

java=java
[ -x "$JDK25" ] && java=$JDK25
tasks=300000 rounds=10 warmup_rounds=10 operations=10000 idle_seconds=20
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --java|--tasks|--rounds|--warmup-rounds|--operations|--idle-seconds)
      [ $# -ge 2 ] || bad_usage "$1 needs a value"
      case $1 in
        --java) [ -x "$2" ] || bad_usage "--java: '$2' is not an executable"; java=$2 ;;
        --tasks) whole "$1" "$2" 1 100000000; tasks=$2 ;;
        --rounds) whole "$1" "$2" 1 1000; rounds=$2 ;;
        --warmup-rounds) whole "$1" "$2" 0 1000; warmup_rounds=$2 ;;
        --operations) whole "$1" "$2" 1 1000000; operations=$2 ;;
        --idle-seconds) whole "$1" "$2" 1 86400; idle_seconds=$2 ;;
      esac
      shift 2 ;;
    *) bad_usage "unknown option '$1'" ;;
  esac
done

for tool in curl jq awk mkfifo getconf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$NAME: $tool is required" >&2; exit 1; }
done
command -v "$java" >/dev/null 2>&1 || { echo "$NAME: no java at '$java'" >&2; exit 1; }
java_dir=$(dirname "$(command -v "$java")")
jcmd=$java_dir/jcmd
[ -x "$jcmd" ] || jcmd=$(command -v jcmd || true)
[ -n "$jcmd" ] || { echo "$NAME: jcmd is required (a JDK's, beside --java)" >&2; exit 1; }
java_feature=$("$java" -XshowSettings:properties -version 2>&1 | awk '$1 == "java.specification.version" { print $3 }')

readonly AGENT_JAR=$PWD/agent/target/perfweave-agent.jar
readonly TEST_CLASSES=$PWD/agent/target/test-classes
readonly APPS=io.perfweave.it.apps.scale
if [ ! -f "$AGENT_JAR" ]; then
  echo "building the agent (mvn -B -q install -DskipTests)"
  mvn -B -q install -DskipTests
fi
if [ ! -f "$TEST_CLASSES/io/perfweave/it/apps/scale/ManyOperationsApp.class" ]; then
  echo "building the test applications (mvn -B -q -pl agent test-compile)"
  mvn -B -q -pl agent test-compile
fi

work=$PWD/target/scale-check
rm -rf "$work"
mkdir -p "$work"
clk_tck=$(getconf CLK_TCK)

# --- the applications: each started with its stdin on a FIFO this script holds open ------------
declare -A app_pid=() app_fd=()
cleanup() {
  local name
  for name in "${!app_pid[@]}"; do
    kill -9 "${app_pid[$name]}" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

note() { echo "  note: $*" >&2; }

alive() { # pid; a zombie counts as ended
  [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

start_app() { # name java-arguments...
  local name=$1 fifo=$work/$1.in fd
  shift
  rm -f "$fifo"
  mkfifo "$fifo"
  "$java" "$@" <"$fifo" >"$work/$name.out" 2>"$work/$name.err" &
  app_pid[$name]=$!
  exec {fd}>"$fifo"
  app_fd[$name]=$fd
}

send() { # name line; a JVM that has ended must not take this script down with SIGPIPE
  local fd=${app_fd[$1]}
  (trap '' PIPE; printf '%s\n' "$2" >&"$fd") 2>/dev/null || true
}

stop_app() { # name: "exit", end of input, then a kill if it lingers
  local name=$1 pid=${app_pid[$1]} fd=${app_fd[$1]} i
  send "$name" exit
  exec {fd}>&-
  for i in $(seq 300); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  unset "app_pid[$name]" "app_fd[$name]"
}

await_line() { # name out|err regex timeout-seconds [count]: prints the count-th matching line
  local name=$1 file=$work/$1.$2 pattern=$3 deadline=$(($(date +%s) + $4)) count=${5:-1} seen
  while :; do
    seen=$(grep -c -E -- "$pattern" "$file" || true)
    if [ "$seen" -ge "$count" ]; then
      grep -E -- "$pattern" "$file" | sed -n "${count}p"
      return 0
    fi
    if ! alive "${app_pid[$name]}"; then
      note "$name ended before printing '$pattern': $(tail -n 3 "$work/$name.err" | tr '\n' ' ')"
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      note "$name printed no line matching '$pattern' within $4 s"
      return 1
    fi
    sleep 0.2
  done
}

agent_port() { # name
  await_line "$1" err 'metrics on http://' 60 | sed -n 's|.*metrics on http://[^:]*:\([0-9]*\)/metrics.*|\1|p'
}

allocated_bytes() { # name n: asks for the n-th time for the JVM-wide heap allocation so far; empty when no answer
  send "$1" allocated
  await_line "$1" out '^allocated_bytes=' 30 "$2" | sed 's/^allocated_bytes=\([0-9]*\).*/\1/' || true
}

cpu_ticks() { # pid: utime + stime, after the "(comm)" field that may hold spaces; empty when it has ended
  sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }' || true
}

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
agent_args() { # config file
  echo "-javaagent:$AGENT_JAR=config=$1,port=0"
}

declare -A fig=()  # figures by key; missing ones print as n/a

# --- (a) virtual-thread tasks ---------------------------------------------------------------------
cat >"$work/vt.yaml" <<'YAML'
operations:
  - name: vt_call
    class: io.perfweave.it.apps.scale.VirtualThreadTasksApp$Work
    method: call
YAML

# perfweave with a rule that matches no class: its threads and hooks, without a woven call
cat >"$work/vt-unwoven.yaml" <<'YAML'
operations:
  - name: nothing
    class: io.perfweave.scale.NoSuchClass
    method: call
YAML

# an agent that does nothing, with perfweave's capabilities: what loading any agent costs
noop_agent_jar() {
  printf 'Premain-Class: io.perfweave.it.apps.scale.NoopAgent\nCan-Retransform-Classes: true\nCan-Redefine-Classes: true\n' \
    >"$work/noop-agent.mf"
  "$(dirname "$(readlink -f "$(command -v "$java")")")/jar" cfm "$work/noop-agent.jar" "$work/noop-agent.mf" \
    -C "$TEST_CLASSES" io/perfweave/it/apps/scale/NoopAgent.class
}

# JVMTI's virtual-thread events off: what a user without a debugger may choose (see README, "Cost and footprint")
readonly NO_JVMTI_VT=(-XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions)

vt_run() { # plain|floor|noop_agent|unwoven|perfweave|perfweave_no_jvmti; floor: plain, each task reading the clock around its call by hand
  local mode=$1 name=vt_$1 done_line port answer calls failures deadline
  local -a options=() extra=()
  [ "$mode" = perfweave ] && options+=("$(agent_args "$work/vt.yaml")")
  [ "$mode" = perfweave_no_jvmti ] && options+=("${NO_JVMTI_VT[@]}" "$(agent_args "$work/vt.yaml")")
  [ "$mode" = unwoven ] && options+=("$(agent_args "$work/vt-unwoven.yaml")")
  [ "$mode" = noop_agent ] && options+=("-javaagent:$work/noop-agent.jar")
  [ "$mode" = floor ] && extra+=(clock)
  echo "(a) $mode: $tasks virtual-thread tasks x ($warmup_rounds unmeasured + $rounds) rounds"
  start_app "$name" "${options[@]}" -cp "$TEST_CLASSES" "$APPS.VirtualThreadTasksApp" "$tasks" \
    "$((warmup_rounds + rounds))" "${extra[@]}"
  if done_line=$(await_line "$name" out '^done calls=' $((120 + tasks * (warmup_rounds + rounds) / 5000))); then
    fig[vt_ns_$mode]=$(awk -v skip="$warmup_rounds" '$1 == "round" && $2 > skip { if (best == "" || $4 < best) best = $4 } END { print best }' \
      "$work/$name.out")
    calls=$(sed 's/.*calls=\([0-9]*\).*/\1/' <<<"$done_line")
    failures=$(sed 's/.*failures=\([0-9]*\).*/\1/' <<<"$done_line")
    fig[vt_counts_$mode]="$calls/$failures"
    if [[ $mode = perfweave* ]] && port=$(agent_port "$name") && [ -n "$port" ]; then
      deadline=$(($(date +%s) + 60))
      # ended threads' figures may reach the totals a moment after the threads end
      while :; do
        answer=$(curl -s -m 30 "http://127.0.0.1:$port/metrics/vt_call" | jq -r '"\(.total_calls)/\(.failed_calls)"' 2>/dev/null || true)
        [ "$answer" = "$calls/$failures" ] || [ "$(date +%s)" -ge "$deadline" ] && break
        sleep 0.5
      done
      fig[vt_agent_counts_$mode]=${answer:-none}
    fi
  fi
  stop_app "$name"
}

if [ "${java_feature:-0}" -ge 21 ]; then
  vt_run plain
  vt_run floor
  noop_agent_jar && vt_run noop_agent
  vt_run unwoven
  vt_run perfweave
  vt_run perfweave_no_jvmti
else
  note "virtual threads need Java 21; $java is Java $java_feature: (a) skipped"
fi

# --- (b) many operations, then idle --------------------------------------------------------------
cat >"$work/ops.yaml" <<'YAML'
operations:
  - name: '{class}.{method}'
    class: 'io.perfweave.scale.gen.**'
    method: '*'
YAML
echo "generating $operations methods in io.perfweave.scale.gen"
gen_classes=$("$java" -cp "$TEST_CLASSES" "$APPS.OperationClasses" "$work/gen" "$operations")

# how many generated operations /metrics reports with exactly one call
complete_operations() { # port
  local count
  count=$(curl -s -m 60 "http://127.0.0.1:$1/metrics" \
    | jq '[to_entries[] | select(.key | startswith("io.perfweave.scale.gen.")) | select(.value.total_calls == 1)] | length' 2>/dev/null) || true
  echo "${count:-0}"
}

ops_run() { # plain|perfweave
  local mode=$1 name=ops_$1 pid port start complete t0 t1 ticks0 ticks1 alloc0 alloc1 scrape
  local -a options=()
  [ "$mode" = perfweave ] && options+=("$(agent_args "$work/ops.yaml")")
  echo "(b) $mode: $operations operations called once, then ${idle_seconds}s idle"
  start=$(now)
  start_app "$name" "${options[@]}" -cp "$TEST_CLASSES:$gen_classes" "$APPS.ManyOperationsApp" "$operations"
  pid=${app_pid[$name]}
  if ! await_line "$name" out '^called ' 600 >/dev/null; then
    stop_app "$name"
    return
  fi
  if [ "$mode" = perfweave ]; then
    if ! port=$(agent_port "$name") || [ -z "$port" ]; then
      stop_app "$name"
      return
    fi
    local deadline=$(($(date +%s) + 600))
    while complete=$(complete_operations "$port"); [ "$complete" -lt "$operations" ]; do
      alive "$pid" && [ "$(date +%s)" -lt "$deadline" ] || break
      sleep 1
    done
    fig[ops_complete]=$complete
    fig[ops_ready_s]=$(calc '%.1f' "$(now) - $start")
  fi
  sleep 15 # the calls' and the readiness scrapes' after-effects (compilation, the first folds) are not what idling costs

  t0=$(now) ticks0=$(cpu_ticks "$pid") alloc0=$(allocated_bytes "$name" 1)
  sleep "$idle_seconds"
  t1=$(now) ticks1=$(cpu_ticks "$pid") alloc1=$(allocated_bytes "$name" 2)
  if [ -n "$ticks0" ] && [ -n "$ticks1" ] && [ -n "$alloc0" ] && [ -n "$alloc1" ]; then
    fig[cpu_$mode]=$(calc '%.2f' "($ticks1 - $ticks0) / $clk_tck / ($t1 - $t0) * 100")
    fig[alloc_$mode]=$(calc '%.3f' "($alloc1 - $alloc0) / 1048576 / ($t1 - $t0)")
    fig[alloc_source]=$(grep -m1 -o 'source=.*' "$work/$name.out" | sed 's/source=//')
  fi
  fig[rss_$mode]=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)
  # the histogram of live objects collects the heap fully first; its total is the live heap
  fig[live_$mode]=$("$jcmd" "$pid" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { printf "%.1f", $3 / 1048576 }' || true)
  if [ "$mode" = perfweave ]; then
    local asked=2 before after written
    for scrape in json:/metrics prometheus:/metrics?format=prometheus; do
      asked=$((asked + 1)) # counted here: a $( ) below runs in a subshell that cannot count for us
      before=$(allocated_bytes "$name" "$asked")
      written=$(curl -s -m 60 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' \
        "http://127.0.0.1:$port${scrape#*:}" || true)
      asked=$((asked + 1))
      after=$(allocated_bytes "$name" "$asked")
      fig[scrape_${scrape%%:*}]=$(echo "$written" | awk '$1 == 200 { printf "%.0f ms, %.1f MB", $2 * 1000, $3 / 1048576 }')
      # what the JVM allocated while it answered, against what it wrote (the idle agent's own
      # allocation in that moment is counted in, so the ratio errs high)
      fig[scrape_alloc_${scrape%%:*}]=$(echo "$written" | awk -v a="$before" -v b="$after" \
        '$1 == 200 && a != "" && b != "" && $3 > 0 { printf "%.2f", (b - a) / $3 }')
    done
  fi
  alive "$pid" || note "$name ended during the measurement: $(tail -n 3 "$work/$name.err" | tr '\n' ' ')"
  grep -l OutOfMemoryError "$work/$name.out" "$work/$name.err" >/dev/null 2>&1 && note "$name ran out of memory (see $work/$name.err)"
  stop_app "$name"
}

ops_run plain
ops_run perfweave

# --- the table -----------------------------------------------------------------------------------
get() { echo "${fig[$1]:-n/a}"; }
verdict() { # awk condition on x; x
  [ "$2" = n/a ] && { echo "FAIL (no figure)"; return; }
  awk -v x="$2" "BEGIN { exit !($1) }" && echo PASS || echo FAIL
}
row() { printf '%-44s %-16s %-20s %s\n' "$@"; }

echo
echo "java: $java (Java $java_feature); tasks=$tasks rounds=$rounds operations=$operations idle=${idle_seconds}s; logs in $work"
row "figure" "plain" "perfweave" "ratio/target"
if [ "${java_feature:-0}" -ge 21 ]; then
  vp=$(get vt_ns_plain) va=$(get vt_ns_perfweave) ratio=n/a
  [ "$vp" != n/a ] && [ "$va" != n/a ] && ratio=$(calc '%.2f' "$va / $vp")
  row "virtual-thread task, ns (best of $rounds)" "$vp" "$va" "${ratio}x, target <= 1.3x: $(verdict 'x <= 1.3' "$ratio")"
  vf=$(get vt_ns_floor) added=n/a floor_added=n/a floor_ratio=n/a
  [ "$vp" != n/a ] && [ "$va" != n/a ] && added=$(calc '%.0f' "$va - $vp")
  [ "$vp" != n/a ] && [ "$vf" != n/a ] && floor_added=$(calc '%.0f' "$vf - $vp") floor_ratio=$(calc '%.2f' "$vf / $vp")
  row "  plain, two clock reads by hand (floor)" "$vf" "-" "floor +${floor_added} ns (${floor_ratio}x); perfweave +${added} ns, goal +100: $(verdict 'x <= 100' "$added")"
  vn=$(get vt_ns_noop_agent) noop_added=n/a noop_ratio=n/a over_noop=n/a
  [ "$vp" != n/a ] && [ "$vn" != n/a ] && noop_added=$(calc '%.0f' "$vn - $vp") noop_ratio=$(calc '%.2f' "$vn / $vp")
  [ "$vn" != n/a ] && [ "$va" != n/a ] && over_noop=$(calc '%.2f' "$va / $vn")
  row "  plain, with an agent that does nothing" "$vn" "-" "+${noop_added} ns (${noop_ratio}x): JVMTI's share; perfweave ${over_noop}x of it"
  vu=$(get vt_ns_unwoven) unwoven_added=n/a timing_added=n/a
  [ "$vn" != n/a ] && [ "$vu" != n/a ] && unwoven_added=$(calc '%.0f' "$vu - $vn")
  [ "$vu" != n/a ] && [ "$va" != n/a ] && timing_added=$(calc '%.0f' "$va - $vu")
  row "  perfweave weaving nothing" "-" "$vu" "+${unwoven_added} ns over the no-op agent; the woven call +${timing_added} ns over this"
  vj=$(get vt_ns_perfweave_no_jvmti) j_ratio=n/a j_floor=n/a
  [ "$vp" != n/a ] && [ "$vj" != n/a ] && j_ratio=$(calc '%.2f' "$vj / $vp")
  [ "$vf" != n/a ] && [ "$vj" != n/a ] && j_floor=$(calc '%.0f' "$vj - $vf")
  row "  perfweave, JVMTI's VT events off" "-" "$vj" "${j_ratio}x of plain, +${j_floor} ns over the floor (-XX:-DoJVMTIVirtualThreadTransitions)"
  for mode in perfweave perfweave_no_jvmti; do
    counts=$(get vt_counts_$mode) agent=$(get vt_agent_counts_$mode)
    exact=FAIL
    [ "$counts" != n/a ] && [ "$agent" = "$counts" ] && exact=PASS
    row "virtual-thread calls/failures counted" "$(get vt_counts_plain)" "$agent" "$mode, app saw $counts: $exact"
  done
else
  row "virtual-thread task" "skipped" "skipped" "needs Java 21+"
fi
row "$operations operations reported, 1 call each" "-" "$(get ops_complete)" \
  "in $(get ops_ready_s) s from start: $( [ "$(get ops_complete)" = "$operations" ] && echo PASS || echo FAIL)"
cpu=$(get cpu_perfweave)
row "idle CPU, % of a core" "$(get cpu_plain)" "$cpu" "target < 1 %: $(verdict 'x < 1' "$cpu")"
alloc=$(get alloc_perfweave)
row "idle allocation, MB/s ($(get alloc_source))" "$(get alloc_plain)" "$alloc" "target < 1 MB/s: $(verdict 'x < 1' "$alloc")"
lp=$(get live_plain) la=$(get live_perfweave) added=n/a
[ "$lp" != n/a ] && [ "$la" != n/a ] && added=$(calc '%.1f' "$la - $lp")
row "live heap after full GC, MB" "$lp" "$la" "added $added MB, target < 40: $(verdict 'x < 40' "$added")"
rp=$(get rss_plain) ra=$(get rss_perfweave) ratio=n/a
[ "$rp" != n/a ] && [ "$ra" != n/a ] && ratio=$(calc '%.2f' "$ra / $rp")
row "RSS, MB" "$rp" "$ra" "${ratio}x (no target)"
for scrape in json prometheus; do
  figure=$(get "scrape_$scrape")
  row "$( [ $scrape = json ] && echo "JSON GET /metrics" || echo "Prometheus scrape")" "-" "$figure" \
    "target < 250 ms: $(verdict 'x < 250' "$( [ "$figure" = n/a ] && echo n/a || echo "${figure%% ms*}")")"
  allocated=$(get "scrape_alloc_$scrape")
  row "... bytes allocated per byte written" "-" "$allocated" "target <= 2: $(verdict 'x <= 2' "$allocated")"
done
exit 0
