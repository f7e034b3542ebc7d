#!/usr/bin/env bash
# Runs every test of perfweave: unit tests, and integration tests that fork real JVMs with the
# agent (on JDK 17, and again on JDK 25 where it is installed). Installs the tools the
# integration tests drive (Prometheus, promtool, Chromium) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-test-tools.sh
exec mvn -B verify "$@"
