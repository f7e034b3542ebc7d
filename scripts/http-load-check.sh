#!/usr/bin/env bash
# Load check of the agent's metrics port (not part of CI: it takes about 70 s and all the cores).
# A host keeps every core busy on a timed method while, after 30 s without scraping, 50 clients
# scrape /metrics back to back for 30 s. Prints the scrapes per second, errors and latency
# percentiles, and the host's throughput without and with the scraping. Exits 1 on any error.
#
#   scripts/http-load-check.sh [CLIENTS [SECONDS [HOST_THREADS [PAUSE_MILLIS]]]]
#
# Defaults: 50 clients, 30 s, one busy host thread per core, no pause (back to back). A pause
# (e.g. 1000) has each client wait between scrapes, closer to what a fleet of scrapers does.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-50}
seconds=${2:-30}
host_threads=${3:-$(nproc)}
pause_millis=${4:-0}
if [ ! -f agent/target/perfweave-agent.jar ] || [ ! -f agent/target/test-classes/io/perfweave/it/apps/http/BusyHostApp.class ]; then
  (cd agent && mvn -q -B -DskipTests package)
fi
exec java scripts/HttpLoadCheck.java agent/target/perfweave-agent.jar agent/target/test-classes \
  "$clients" "$seconds" "$host_threads" "$pause_millis"
