#!/usr/bin/env bash
# The benchmark: brings the services up, then runs every row of docs/benchmarks against them in a
# database and RabbitMQ virtual host of its own (dropped at the end) and prints one table.
#   eng/bench.sh            full run (~15 min); writes docs/benchmarks/results.{md,json}
#   eng/bench.sh --quick    smoke run (< 1 min), prints the table only (add --out DIR to write it there)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eng/services.sh up >/dev/null
# Building the bench builds src/Host too: the bench starts that build as a process.
exec dotnet run -c Release --project bench/Bench -- "$@"
