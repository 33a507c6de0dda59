#!/usr/bin/env bash
# Starts everything: PostgreSQL and RabbitMQ (installed and started on loopback when missing, or with
# Docker when there is an engine and COMMERCE_USE_DOCKER=1), then the API in the foreground.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
url="${COMMERCE_URL:-http://127.0.0.1:5080}"

if [ "${COMMERCE_USE_DOCKER:-0}" = 1 ] && docker info >/dev/null 2>&1; then
  docker compose up -d postgres rabbitmq
else
  eng/services.sh up
fi
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed: https://dot.net/download" >&2; exit 1; }

cat <<INFO

  API:               $url
  API reference:     $url/scalar
  OpenAPI document:  $url/openapi/v1.json
  Health:            $url/health/ready
  RabbitMQ UI:       http://127.0.0.1:15672 (guest/guest)

INFO
exec dotnet run --project src/Host -c Release -- --urls "$url"
