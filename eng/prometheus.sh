#!/usr/bin/env bash
# Runs Prometheus on 127.0.0.1:9090 without Docker or systemd: it scrapes the host's /metrics every 5 s
# and evaluates ops/prometheus/alerts.yml (see http://127.0.0.1:9090/alerts). Installs Debian's
# prometheus package when missing. Safe to run any number of times.
#   eng/prometheus.sh up       install if needed, start it detached, wait until ready (running: reload)
#   eng/prometheus.sh down     stop the Prometheus this script started
#   eng/prometheus.sh status   say whether it answers, how its target is and which alerts are active
#   eng/prometheus.sh check    promtool: the configs, the alert rules and their unit tests (alerts.test.yml)
#   eng/prometheus.sh install  only install prometheus and promtool when missing (eng/test.sh)
# Environment: COMMERCE_METRICS_TARGET, the host:port to scrape (127.0.0.1:5080), and
# COMMERCE_PROMETHEUS_DATA, where the effective config, the pid file, the log and the TSDB live
# (/var/tmp/commerce-prometheus).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

root="$(pwd)"
rules_dir="$root/ops/prometheus"
template="$rules_dir/prometheus.yml"
target="${COMMERCE_METRICS_TARGET:-127.0.0.1:5080}"
data="${COMMERCE_PROMETHEUS_DATA:-/var/tmp/commerce-prometheus}"
listen="127.0.0.1:9090"
url="http://$listen"
config="$data/prometheus.yml"
pidfile="$data/prometheus.pid"
log="$data/prometheus.log"

say() { printf '[prometheus] %s\n' "$*"; }
die() { printf '[prometheus] error: %s\n' "$*" >&2; exit 1; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    die "$1 needs root (apt-get). Either run as root, or install Prometheus yourself
  (apt-get install --no-install-recommends prometheus, or a release from https://prometheus.io/download/)
  so that prometheus and promtool are on the PATH."
  fi
}

ready() { curl -fsS -o /dev/null --max-time 2 "$url/-/ready" 2>/dev/null; }

# The pid of the Prometheus this script started, if it still runs.
running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = prometheus ] || return 1
  printf '%s\n' "$pid"
}

install_missing() {
  local missing=()
  { command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || missing+=(prometheus)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "Installing ${missing[*]}"
  say "installing ${missing[*]} from Debian packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Where services may start (no policy-rc.d), the package starts its own Prometheus on every interface
  # and :9090. This script runs its own, on loopback.
  if [[ " ${missing[*]} " == *" prometheus "* ]]; then
    if [ -d /run/systemd/system ] && systemctl is-active --quiet prometheus 2>/dev/null; then
      say "stopping and disabling the Debian prometheus service the package started"
      systemctl disable --now prometheus >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/prometheus ] && /etc/init.d/prometheus status >/dev/null 2>&1; then
      say "stopping the Debian prometheus service the package started"
      /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
  fi
}

# sed replacement text: escapes \, & and the | delimiter.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# The effective config: the template with the target from COMMERCE_METRICS_TARGET and rule_files
# absolute (the config lives in the data directory, away from alerts.yml).
render_config() {
  [[ "$target" =~ ^[^[:space:]\"\'/]+:[0-9]+$ ]] || die "COMMERCE_METRICS_TARGET must be host:port, not '$target'"
  local rules="$rules_dir/alerts.yml" quoted
  quoted="'${rules//\'/\'\'}'"
  mkdir -p "$data"
  { printf '# Written by eng/prometheus.sh from %s (target %s): edit that, not this.\n' "$template" "$target"
    sed -e "s|\"127\.0\.0\.1:5080\"|\"$(sed_escape "$target")\"|" \
        -e "s|^\(  *- \)alerts\.yml\$|\1$(sed_escape "$quoted")|" "$template"
  } > "$config.tmp"
  grep -qF "\"$target\"" "$config.tmp" && grep -qF -- "- $quoted" "$config.tmp" \
    || die "could not set the target and rule file in $config.tmp: has $template changed shape?"
  promtool check config "$config.tmp" >/dev/null 2>"$config.err" \
    || { cat "$config.err" >&2; die "the effective config $config.tmp is not valid"; }
  rm -f "$config.err"
  mv -f "$config.tmp" "$config"
}

info() {
  say "Prometheus: $url (targets $url/targets, alerts $url/alerts), scraping $target every 5 s"
  say "data, config and log: $data"
}

up() {
  install_missing
  local pid
  if pid="$(running_pid)"; then
    render_config
    kill -HUP "$pid"
    for _ in $(seq 1 60); do ready && break; sleep 0.5; done
    say "already running (pid $pid); reloaded its config and rules"
    info
    return 0
  fi
  if ready; then
    die "something else answers on $url (not started by this script, no live pid in $pidfile).
  Stop it first (Debian's service: 'service prometheus stop'), or use it."
  fi
  render_config
  say "starting Prometheus on $listen (log $log)"
  # Detached in its own session, stdin and stdout off the caller's terminal or pipes, so that
  # the caller's shell is not held and a Ctrl-C there does not reach it.
  setsid nohup prometheus \
    --config.file="$config" \
    --storage.tsdb.path="$data/tsdb" \
    --web.listen-address="$listen" \
    </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" > "$pidfile"
  for _ in $(seq 1 120); do
    ready && break
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; rm -f "$pidfile"; die "Prometheus exited (see $log)"; }
    sleep 0.5
  done
  ready || die "Prometheus did not answer within 60 s (pid $pid, see $log)"
  info
}

down() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile"
    say "no Prometheus started by this script runs"
    if ready; then say "something else answers on $url: left alone"; fi
    return 0
  fi
  say "stopping Prometheus (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

status() {
  local pid
  if ! ready; then say "Prometheus does not answer on $url"; return 0; fi
  if pid="$(running_pid)"; then say "Prometheus answers on $url (pid $pid, data $data)"
  else say "Prometheus answers on $url (not started by this script)"; fi
  command -v python3 >/dev/null 2>&1 || return 0
  curl -fsS --max-time 5 "$url/api/v1/targets" 2>/dev/null | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    err = t.get("lastError") or ""
    print("[prometheus] target %s %s%s" % (t["scrapeUrl"], t["health"], (": " + err) if err else ""))' || true
  curl -fsS --max-time 5 "$url/api/v1/alerts" 2>/dev/null | python3 -c '
import json, sys
alerts = json.load(sys.stdin)["data"]["alerts"]
if not alerts: print("[prometheus] no alert pending or firing")
for a in alerts:
    labels = ", ".join("%s=%s" % kv for kv in sorted(a["labels"].items()) if kv[0] not in ("alertname", "severity"))
    print("[prometheus] %s %s (%s) %s" % (a["state"], a["labels"]["alertname"], a["labels"].get("severity", ""), labels))' || true
}

check() {
  install_missing
  local failed=0
  promtool check config "$template" || failed=1
  promtool check config "$rules_dir/prometheus.docker.yml" || failed=1
  promtool check rules "$rules_dir/alerts.yml" || failed=1
  (cd "$rules_dir" && promtool test rules alerts.test.yml) || failed=1
  [ "$failed" = 0 ] || die "promtool found problems (above)"
  say "configs, rules and rule tests pass"
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status) status ;;
  check) check ;;
  install) install_missing ;;
  *) die "usage: eng/prometheus.sh [up|down|status|check|install]" ;;
esac
