#!/usr/bin/env bash
# Drops test databases and RabbitMQ virtual hosts left behind by killed test runs. Their names carry
# the Unix time they were made (commerce_test_<time>_<n>); only those older than two hours go, so a
# run in progress elsewhere on this machine is never touched.
set -uo pipefail
now=$(date +%s); cutoff=$((now - 7200))
if [ "$(id -u)" = 0 ] && command -v psql >/dev/null; then
  su postgres -c "psql -Atqc \"SELECT datname FROM pg_database WHERE datname LIKE 'commerce_test_%'\"" 2>/dev/null |
  while read -r db; do
    made=$(echo "$db" | cut -d_ -f3)
    [[ "$made" =~ ^[0-9]+$ ]] && [ "$made" -lt "$cutoff" ] && su postgres -c "psql -qc 'DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)'" && echo "[clean] dropped database $db"
  done
fi
curl -fsS -u guest:guest http://127.0.0.1:15672/api/vhosts 2>/dev/null |
python3 -c 'import sys,json; [print(v["name"]) for v in json.load(sys.stdin)]' 2>/dev/null |
while read -r vhost; do
  case "$vhost" in commerce_test_*) ;; *) continue ;; esac
  made=$(echo "$vhost" | cut -d_ -f3)
  if [[ "$made" =~ ^[0-9]+$ ]] && [ "$made" -lt "$cutoff" ]; then
    curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$vhost" && echo "[clean] deleted vhost $vhost"
  fi
done
exit 0
