#!/usr/bin/env bash
# What an OTLP push costs the host: a JVM with N generated operations (each called once) pushes
# export.otlp every second to a local receiver for --pushes pushes; the CPU of the threads that
# collect and send (perfweave-otlp*, and the JDK HttpClient's own) is read from /proc and divided by
# the pushes the receiver accepted, beside the bytes of one push.
# Needs: python3 (the receiver), curl, Linux /proc. Usage: scripts/otlp-cost.sh [--operations N] [--pushes N]
set -euo pipefail
cd "$(dirname "$0")/.."
operations=1000 pushes=30
while [ $# -gt 0 ]; do
  case $1 in
    --operations) operations=$2; shift 2 ;;
    --pushes) pushes=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "otlp-cost.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $operations =~ ^[0-9]+$ && $pushes =~ ^[0-9]+$ && $pushes -ge 2 ]] || { echo "otlp-cost.sh: whole numbers expected" >&2; exit 2; }
readonly AGENT_JAR=$PWD/agent/target/perfweave-agent.jar TEST_CLASSES=$PWD/agent/target/test-classes
[ -f "$AGENT_JAR" ] && [ -d "$TEST_CLASSES" ] || { echo "otlp-cost.sh: build first (mvn -B -q install -DskipTests)" >&2; exit 1; }
work=$PWD/target/otlp-cost
rm -rf "$work" && mkdir -p "$work"

# the receiver: answers every POST with 200 and appends the body's size to a file
cat >"$work/receiver.py" <<'PY'
import http.server, sys
log = open(sys.argv[1], "a", buffering=1)
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        log.write("%d\n" % len(body))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/receiver.py" "$work/pushes.txt" >"$work/receiver.port" &
receiver=$!
trap 'kill $receiver 2>/dev/null; [ -n "${app:-}" ] && kill $app 2>/dev/null; true' EXIT
for _ in $(seq 100); do [ -s "$work/receiver.port" ] && break; sleep 0.1; done
port=$(cat "$work/receiver.port")

gen=$(java -cp "$TEST_CLASSES" io.perfweave.it.apps.scale.OperationClasses "$work/gen" "$operations")
cat >"$work/agent.yaml" <<YAML
export:
  otlp:
    endpoint: http://127.0.0.1:$port
    interval_seconds: 1
operations:
  - name: '{class}.{method}'
    class: 'io.perfweave.scale.gen.**'
    method: '*'
YAML
mkfifo "$work/in"
java -javaagent:"$AGENT_JAR=config=$work/agent.yaml,port=0" -cp "$TEST_CLASSES:$gen" \
  io.perfweave.it.apps.scale.ManyOperationsApp "$operations" <"$work/in" >"$work/app.out" 2>"$work/app.err" &
app=$!
exec 3>"$work/in"
for _ in $(seq 600); do grep -q '^called' "$work/app.out" 2>/dev/null && break; sleep 0.1; done

push_cpu_ticks() { # CPU ticks of the threads that collect and send pushes
  local total=0 task name stat
  for task in /proc/$app/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    case $name in perfweave-otlp*|HttpClient-*) ;; *) continue ;; esac
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    set -- $stat
    total=$((total + ${12} + ${13}))
  done
  echo $total
}
# start counting after the first accepted push, so that class loading and set-up are left out
for _ in $(seq 600); do [ -s "$work/pushes.txt" ] && break; sleep 0.1; done
first=$(wc -l <"$work/pushes.txt")
ticks0=$(push_cpu_ticks)
target=$((first + pushes))
for _ in $(seq $((pushes * 50))); do [ "$(wc -l <"$work/pushes.txt")" -ge "$target" ] && break; sleep 0.1; done
ticks1=$(push_cpu_ticks)
done_pushes=$(( $(wc -l <"$work/pushes.txt") - first ))
bytes=$(tail -1 "$work/pushes.txt")
clk=$(getconf CLK_TCK)
awk -v t=$((ticks1 - ticks0)) -v n="$done_pushes" -v clk="$clk" -v ops="$operations" -v b="$bytes" 'BEGIN {
  printf "operations: %d, pushes measured: %d, one push: %d bytes on the wire (OTLP protobuf, compressed as configured)\n", ops, n, b
  printf "CPU of collecting and sending: %.1f ms per push (%.2f %% of one core at one push per second; %.3f %% at the default 10 s)\n",
    t * 1000 / clk / n, t * 100 / clk / n, t * 10 / clk / n
}'
echo exit >&3
