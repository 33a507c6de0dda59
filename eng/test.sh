#!/usr/bin/env bash
# The test command: brings the services up, runs every test project against the real PostgreSQL and
# RabbitMQ, and ends with one line "N passed, N failed" for the whole run (non-zero when a test
# failed or none ran). Each run makes its own database and RabbitMQ virtual host and removes them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

eng/services.sh up || exit 1
# What tests need beyond the services: Debian's Chromium and its driver for the operations page's
# browser test, and promtool for the alert rules' check.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing ${missing[*]} from Debian packages"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || exit 1
fi
eng/prometheus.sh install || exit 1
eng/clean-test-leftovers.sh || true

results="$(pwd)/TestResults/run-$(date +%Y%m%d%H%M%S)"
mkdir -p "$results"
dotnet build ModularMonolith.sln -c Release -nologo -v quiet || { echo "0 passed, 0 failed"; exit 1; }
# A hung test fails the run with a dump of the test host instead of eating CI's time.
dotnet test ModularMonolith.sln -c Release --no-build -nologo \
  --blame-hang-timeout 15m --blame-hang-dump-type mini \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
# The benchmarks' smoke run, so the tool never rots (eng/bench.sh runs them in full).
dotnet run -c Release --no-build --project bench/Bench -- --quick --out "$results/bench-quick" || { echo "bench --quick failed" >&2; status=1; }

# Every test project must have run tests (a filter from the command line may narrow that on purpose).
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | xargs -n1 basename | sed 's/\.csproj$//' | tr '\n' ' ')
read -r passed failed empty < <(python3 - "$results" "$projects" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
ran = {}
for f in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(f).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    storage = {(t.get("storage") or "").lower() for t in root.iterfind("t:TestDefinitions/t:UnitTest", ns)}
    total = int(c.get("total", 0)) if c is not None else 0
    for s in storage:
        ran[s] = ran.get(s, 0) + total
    if c is not None:
        passed += int(c.get("passed", 0))
        failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
empty = [p for p in sys.argv[2].split() if not any(s.endswith("commerce." + p.lower() + ".dll") and n > 0 for s, n in ran.items())]
print(passed, failed, ",".join(empty) or "-")
PY
)
[ "${passed:-0}" -gt 0 ] || { echo "no test ran" >&2; status=1; }
if [ "${empty:--}" != "-" ] && [ $# -eq 0 ]; then echo "test projects that ran no test: $empty" >&2; status=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
