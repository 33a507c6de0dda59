#!/usr/bin/env bash
# The test command: brings the services up, runs every test project against the real PostgreSQL and
# RabbitMQ, and ends with one line "N passed, N failed" for the whole run (non-zero when a test
# failed or none ran). Each run makes its own database and RabbitMQ virtual host and removes them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

eng/services.sh up || exit 1
eng/clean-test-leftovers.sh || true

results="$(pwd)/TestResults/run-$(date +%Y%m%d%H%M%S)"
mkdir -p "$results"
dotnet build ModularMonolith.sln -c Release -nologo -v quiet || { echo "0 passed, 0 failed"; exit 1; }
dotnet test ModularMonolith.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
# The benchmarks' smoke run, so the tool never rots (eng/bench.sh runs them in full).
dotnet run -c Release --no-build --project bench/Bench -- --quick --out "$results/bench-quick" || { echo "bench --quick failed" >&2; status=1; }

read -r passed failed < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is not None:
        passed += int(c.get("passed", 0))
        failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
print(passed, failed)
PY
)
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
