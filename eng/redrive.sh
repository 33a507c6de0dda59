#!/usr/bin/env bash
# Replays dead letters once their cause is fixed: moves every message of <queue>_error back to
# <queue>, as the management UI's "Move messages" does, with a dynamic shovel that deletes itself
# after moving as many messages as the error queue held when it started. A message that fails again
# goes back to the error queue (no loop). Needs the rabbitmq_shovel plugin (eng/services.sh enables it).
#   eng/redrive.sh <vhost> <queue>        e.g. eng/redrive.sh / inventory.checkout
# Environment: RABBITMQ_API (http://127.0.0.1:15672), RABBITMQ_USER and RABBITMQ_PASSWORD (guest),
# REDRIVE_TIMEOUT in seconds (60).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: eng/redrive.sh <vhost> <queue>   (moves <queue>_error back to <queue>)" >&2; exit 2; }
vhost=$1
queue=$2
error="${queue}_error"
api="${RABBITMQ_API:-http://127.0.0.1:15672}/api"
auth="${RABBITMQ_USER:-guest}:${RABBITMQ_PASSWORD:-guest}"
timeout="${REDRIVE_TIMEOUT:-60}"

say() { printf '[redrive] %s\n' "$*"; }
die() { printf '[redrive] error: %s\n' "$*" >&2; exit 1; }
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' -u "$auth" "$1"; }

v=$(encode "$vhost")
[ "$(status_of "$api/vhosts/$v")" = 200 ] || die "no virtual host '$vhost' at $api (or the management API refused $auth)"
# A typo must not make the shovel declare a new queue that swallows the replayed messages.
[ "$(status_of "$api/queues/$v/$(encode "$queue")")" = 200 ] || die "no queue '$queue' in '$vhost'"
if [ "$(status_of "$api/queues/$v/$(encode "$error")")" != 200 ]; then say "no '$error' in '$vhost': nothing to replay"; exit 0; fi

name="redrive-$queue-$(date +%s)-$$"
uri="amqp:///$v"
body=$(python3 -c 'import json, sys; print(json.dumps({"value": {
    "src-protocol": "amqp091", "src-uri": sys.argv[1], "src-queue": sys.argv[2], "src-delete-after": "queue-length",
    "dest-protocol": "amqp091", "dest-uri": sys.argv[1], "dest-queue": sys.argv[3],
    "dest-add-forward-headers": False, "ack-mode": "on-confirm"}}))' "$uri" "$error" "$queue")
curl -fsS -u "$auth" -X PUT -H 'content-type: application/json' -d "$body" "$api/parameters/shovel/$v/$(encode "$name")" >/dev/null \
  || die "could not start the shovel (is the rabbitmq_shovel plugin enabled?)"
say "moving '$error' back to '$queue' in '$vhost' (shovel $name)"

# The shovel removes itself once it has moved what the error queue held when it started.
for _ in $(seq 1 $((timeout * 4))); do
  if [ "$(status_of "$api/parameters/shovel/$v/$(encode "$name")")" = 404 ]; then say "done"; exit 0; fi
  sleep 0.25
done
curl -s -u "$auth" -X DELETE "$api/parameters/shovel/$v/$(encode "$name")" >/dev/null || true
die "the shovel did not finish within ${timeout}s; stopped it (messages not moved yet stay in '$error')"
