#!/bin/sh
# Validates the alerting configuration with the real tools: promtool (rules, rule unit tests,
# Prometheus config) and amtool (Alertmanager config and routing).
set -eu
cd "$(dirname "$0")"

for tool in promtool amtool; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "missing $tool: install the Debian packages prometheus and prometheus-alertmanager" >&2
    exit 1
  }
done

promtool check rules prometheus/agent-critical.yml prometheus/agent-warning.yml
promtool test rules prometheus/agent-critical_test.yml prometheus/agent-warning_test.yml
promtool check config prometheus/prometheus.yml
amtool check-config alertmanager/alertmanager.yml

# Each alert reaches the receiver its tier promises.
expect_route() {
  expected=$1
  shift
  # amtool warns that --config.file overrides --alertmanager.url; that is the intent here.
  actual=$(amtool config routes test --config.file=alertmanager/alertmanager.yml "$@" 2>/dev/null)
  if [ "$actual" != "$expected" ]; then
    echo "route for $*: expected $expected, got $actual" >&2
    exit 1
  fi
  echo "route for $*: $actual"
}
for alert in AgentProviderDown AgentAuthFailure McpServerPermanentFailure; do
  expect_route page alertname="$alert" severity=critical gen_ai_provider_name=openai gen_ai_agent_name=codex
done
for alert in AgentHighErrorRate AgentLatencySpike AgentRunawayQuery; do
  expect_route daily-digest alertname="$alert" severity=warning gen_ai_provider_name=openai gen_ai_agent_name=codex
done
# Every PromQL expression of the dashboard must parse: wrap them as recording rules (with Grafana's
# interval variables replaced) and let promtool check them.
exprs=$(mktemp)
trap 'rm -f "$exprs"' EXIT
python3 - grafana/dashboards/agent-worker.json "$exprs" <<'PY'
import json, sys
dashboard = json.load(open(sys.argv[1]))
exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
variables = {"$__rate_interval": "5m", "$__range": "1h", "$__interval": "1m"}
with open(sys.argv[2], "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, expr in enumerate(exprs):
        for name, value in variables.items():
            expr = expr.replace(name, value)
        out.write("      - record: dashboard:expr_%d\n        expr: %s\n" % (i, json.dumps(expr)))
print("dashboard: %d expressions" % len(exprs))
PY
promtool check rules "$exprs"

echo "alerting configuration: all checks passed"
