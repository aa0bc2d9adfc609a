#!/bin/sh
# Runs the demo worker with the OpenTelemetry Java agent and this extension against a mock model
# API, with the real Codex CLI, and prints the telemetry it produced. No servers, no credentials:
# everything runs inside a loopback-only network namespace. Output: build/demo/.
set -eu
cd "$(dirname "$0")"

echo "Building the extension and the demo (mvn package)..."
mvn -B -q -DskipTests clean package
echo "Installing the pinned agent CLIs (npm ci)..."
npm ci --prefix examples/demo-worker/cli --no-audit --no-fund --loglevel=error

out=build/demo
rm -rf "$out"
mkdir -p "$out"
jar=examples/demo-worker/target/agent-worker-otel-demo.jar

# The CLIs try to reach public hosts; a namespace with only loopback keeps everything local.
isolate() {
  if [ "$(id -u)" -eq 0 ]; then
    unshare -n sh -c 'ip link set lo up && exec "$@"' isolated "$@"
  else
    unshare -rn sh -c 'ip link set lo up && exec "$@"' isolated "$@"
  fi
}

echo "Running the demo worker (Codex and Claude Code queries) in an isolated network namespace..."
isolate java -cp "$jar" dev.agentworker.otel.examples.demo.DemoLauncher \
  --out "$out" \
  --cli-bin examples/demo-worker/cli/node_modules/.bin \
  --jars examples/demo-worker/target/jars

if [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  java -cp "$jar" dev.agentworker.otel.examples.demo.DemoForwarder "$out/otlp/raw" "$OTEL_EXPORTER_OTLP_ENDPOINT"
fi
