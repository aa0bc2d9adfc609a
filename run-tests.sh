#!/bin/sh
# Runs every test: unit tests, the extension on the real agents (2.22.0 and 2.33.1) with fake
# CLIs, the transparency and provider parity tests, and the end-to-end test with the real Codex
# and Claude Code CLIs in a loopback-only network namespace, and the shipped collector config on a
# collector built from collector-config/otelcol, and the gateway tier on one built from
# collector-config/gateway; then the Prometheus rule unit tests and
# Alertmanager checks. Needs Java 17, Maven, Node.js/npm, Go, unshare + ip (root, or unprivileged
# user namespaces), promtool and amtool (Debian: prometheus, prometheus-alertmanager).
set -eu
cd "$(dirname "$0")"

echo "Installing the pinned agent CLIs and MCP server (npm ci)..."
npm ci --prefix examples/demo-worker/cli --no-audit --no-fund --loglevel=error
echo "Building the collector distributions (Go)..."
collector-config/otelcol/build.sh
collector-config/gateway/build.sh
mvn -B clean verify
echo "Checking the alerting configuration (promtool, amtool)..."
collector-config/check.sh
