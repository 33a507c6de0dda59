#!/usr/bin/env bash
# Starts everything: PostgreSQL and RabbitMQ (installed and started on loopback when missing, or with
# Docker when there is an engine and COMMERCE_USE_DOCKER=1), then the API in the foreground.
# COMMERCE_PROMETHEUS=1 also starts Prometheus on http://127.0.0.1:9090 scraping it, with the alert
# rules of ops/prometheus (eng/prometheus.sh; stop it with 'eng/prometheus.sh down').
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
url="${COMMERCE_URL:-http://127.0.0.1:5080}"

if [ "${COMMERCE_USE_DOCKER:-0}" = 1 ] && docker info >/dev/null 2>&1; then
  docker compose up -d postgres rabbitmq
else
  eng/services.sh up
fi
prometheus=""
if [ "${COMMERCE_PROMETHEUS:-0}" = 1 ]; then
  COMMERCE_METRICS_TARGET="${url#http://}" eng/prometheus.sh up
  prometheus=$'\n  Prometheus:        http://127.0.0.1:9090 (alerts: /alerts)'
fi
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed: https://dot.net/download" >&2; exit 1; }

cat <<INFO

  API:               $url
  API reference:     $url/scalar
  OpenAPI document:  $url/openapi/v1.json
  Health:            $url/health/ready
  Operations page:   $url/ops (asks for an admin token)
  Tokens:            dotnet run --project src/Host -- token --user admin-1 --role admin   (or customer, operator)
  Metrics:           $url/metrics$prometheus
  RabbitMQ UI:       http://127.0.0.1:15672 (guest/guest)

INFO
exec dotnet run --project src/Host -c Release -- --urls "$url"
