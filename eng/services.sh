#!/usr/bin/env bash
# Brings PostgreSQL and RabbitMQ up (or down) on 127.0.0.1 without Docker or systemd.
# Installs them from Debian packages when missing. Safe to run any number of times.
#   eng/services.sh up     install if needed, start, create the app role, wait until both answer
#   eng/services.sh down   stop both
#   eng/services.sh status say what answers
set -euo pipefail

PG_USER="${COMMERCE_PG_USER:-commerce}"
PG_PASSWORD="${COMMERCE_PG_PASSWORD:-commerce}"
PG_DATABASE="${COMMERCE_PG_DATABASE:-commerce}"
export RABBITMQ_NODENAME="${RABBITMQ_NODENAME:-rabbit@localhost}"

say() { printf '[services] %s\n' "$*"; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    die "$1 needs root (apt-get and service start-up). Either run as root, or install and start
  PostgreSQL 15 and RabbitMQ 3.10 yourself (or 'docker compose up -d postgres rabbitmq'),
  then point the app at them with ConnectionStrings__Postgres and RabbitMq__Host."
  fi
}

pg_answers() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
rabbit_answers() { rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1; }

install_missing() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "Installing ${missing[*]}"
  say "installing ${missing[*]} from Debian packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

pg_cluster() { pg_lsclusters -h | awk 'NR==1 {print $1, $2}'; }

start_postgres() {
  if pg_answers; then say "PostgreSQL already answers on 127.0.0.1:5432"; else
    need_root "Starting PostgreSQL"
    read -r version cluster < <(pg_cluster)
    [ -n "${version:-}" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
    say "starting PostgreSQL $version/$cluster"
    pg_ctlcluster "$version" "$cluster" start || true
    for _ in $(seq 1 60); do pg_answers && break; sleep 0.5; done
    pg_answers || die "PostgreSQL did not answer within 30 s (see /var/log/postgresql/)"
  fi
  if [ "$(id -u)" = 0 ]; then
    # The test run creates and drops its own databases, so the role may create databases.
    su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD' CREATEDB;
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$PG_DATABASE" OWNER "$PG_USER"'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE') \gexec
SQL
    # Each host keeps pools for three module stores plus its daemons, and the fault tests run several
    # hosts at once: Debian's 100 connections run out. Takes a restart, once.
    if [ "$(su postgres -c "psql -tAc 'SHOW max_connections'")" -lt 300 ]; then
      read -r version cluster < <(pg_cluster)
      say "raising PostgreSQL max_connections to 300 (restart)"
      su postgres -c "psql -q -c 'ALTER SYSTEM SET max_connections = 300'"
      pg_ctlcluster "$version" "$cluster" restart
      for _ in $(seq 1 60); do pg_answers && break; sleep 0.5; done
    fi
  fi
}

configure_rabbit() {
  mkdir -p /etc/rabbitmq/conf.d
  cat > /etc/rabbitmq/conf.d/90-commerce-loopback.conf <<CONF
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
loopback_users.guest = true
# Queue counts in the management API fresh within half a second (default 5 s): tests and operators
# read them to know a queue is drained.
collect_statistics_interval = 500
CONF
  # One node name for the server and every CLI tool, and Erlang distribution on loopback too.
  cat > /etc/rabbitmq/rabbitmq-env.conf <<CONF
NODENAME=$RABBITMQ_NODENAME
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
  export ERL_EPMD_ADDRESS=127.0.0.1
  # The management UI, plus shovel so an operator can move dead letters back ("Move messages").
  rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
}

start_rabbit() {
  if rabbit_answers; then say "RabbitMQ already answers on 127.0.0.1:5672"; return 0; fi
  need_root "Starting RabbitMQ"
  configure_rabbit
  say "starting RabbitMQ ($RABBITMQ_NODENAME)"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    rabbit_answers && curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1 && break
    sleep 0.5
  done
  rabbit_answers || die "RabbitMQ did not answer within 60 s (see /var/log/rabbitmq/)"
}

case "${1:-up}" in
  up)
    install_missing
    start_postgres
    start_rabbit
    say "PostgreSQL: 127.0.0.1:5432 (user $PG_USER, database $PG_DATABASE)"
    say "RabbitMQ:   amqp://guest:guest@127.0.0.1:5672, management UI http://127.0.0.1:15672 (guest/guest)"
    ;;
  down)
    if rabbit_answers; then say "stopping RabbitMQ"; rabbitmqctl -q stop >/dev/null 2>&1 || true; fi
    if pg_answers; then
      read -r version cluster < <(pg_cluster)
      say "stopping PostgreSQL $version/$cluster"; pg_ctlcluster "$version" "$cluster" stop || true
    fi
    ;;
  status)
    pg_answers && say "PostgreSQL answers" || say "PostgreSQL does not answer"
    rabbit_answers && say "RabbitMQ answers" || say "RabbitMQ does not answer"
    ;;
  *) die "usage: eng/services.sh [up|down|status]" ;;
esac
