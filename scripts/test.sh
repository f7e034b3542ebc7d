#!/usr/bin/env bash
# Runs every test of perfweave: unit tests, and integration tests that fork real JVMs with the
# agent (on JDK 17, and again on JDK 25 where it is installed). Installs the tools the
# integration tests drive (Prometheus, promtool, Chromium) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/install-test-tools.sh ]; then
  bash scripts/install-test-tools.sh
fi
exec mvn -B verify "$@"
