#!/bin/sh
# Builds the gateway-tier collector distribution of this directory (components.go, go.mod) into build/.
# Modules come from the Go module proxy; the Go build cache makes later builds quick.
set -eu
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1; then
  echo "Go is required to build the collector (collector-config/gateway, see go.mod)" >&2
  exit 1
fi
mkdir -p build
go build -trimpath -o build/otelcol-agent-worker-gateway .
echo "built collector-config/gateway/build/otelcol-agent-worker-gateway"
