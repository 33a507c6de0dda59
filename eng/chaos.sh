#!/usr/bin/env bash
# The fault tests, longer and repeated: more orders in flight, longer outages (COMMERCE_FAULT_SCALE),
# several rounds. Stops and starts the local PostgreSQL and RabbitMQ: not while anything else uses them.
#   eng/chaos.sh [rounds=3] [scale=4]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
export COMMERCE_FAULT_SCALE="${2:-4}"

eng/services.sh up || exit 1
dotnet build ModularMonolith.sln -c Release -nologo -v quiet || exit 1
failed=0
for round in $(seq 1 "$rounds"); do
  echo "[chaos] round $round of $rounds, scale $COMMERCE_FAULT_SCALE"
  start=$(date +%s)
  if dotnet test tests/IntegrationTests -c Release --no-build -nologo --filter "FullyQualifiedName~.Faults."; then
    echo "[chaos] round $round passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1)); echo "[chaos] round $round FAILED after $(( $(date +%s) - start )) s"
  fi
done
echo "$((rounds - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
