#!/usr/bin/env bash
# Installs the programs the HTTP integration tests drive: Prometheus and promtool (a real server
# scrapes the agent; promtool checks the exposition text), headless Chromium (loads the
# dashboard), and curl and jq (scripts/performance_test.sh). Debian packages only; does nothing
# when they are already there. Runs as root without a terminal, as CI does.
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# scripts/performance_test.sh (run by PerformanceScriptIT) needs curl and jq
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  # A developer without root installs them by hand; the tests that need them say so, and fail
  # instead of skipping when CI is set.
  echo "install-test-tools: not root, so not installing: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Quiet when it works; the whole apt output when it does not.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 < /dev/null; then
  cat "$log" >&2
  echo "install-test-tools: could not install ${missing[*]}" >&2
  exit 1
fi
# Debian's prometheus package starts a system service on install; the tests start their own
# server on a free port and need no other.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl stop prometheus >/dev/null 2>&1 || true
fi
echo "install-test-tools: installed $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
