#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests, bootstrapped by the project itself.
#
#   scripts/pg.sh start NAME [PORT]   init (first time) and start; prints the path of an env file
#                                     exporting DATABASE_URL (application role) and
#                                     DATABASE_OWNER_URL (owner role, for migrations)
#   scripts/pg.sh stop NAME           stop it
#   scripts/pg.sh destroy NAME        stop it and delete its files
#   scripts/pg.sh env NAME            print the env file path of a running cluster
#   scripts/pg.sh replica NAME        a streaming standby of NAME (pg_basebackup, started on
#                                     its own port); prints an env file exporting
#                                     DATABASE_REPORTING_URL (issue 17 §5). Destroyed with NAME.
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user in a
# folder that user can reach (under /tmp; a checkout under /root is not reachable). As a
# normal user it lives in the git-ignored .pgdata/ of the checkout.
set -euo pipefail

command=${1:?usage: pg.sh start|stop|destroy|env NAME [PORT]}
name=${2:?cluster name required}
port=${3:-}
checkout=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  base="/tmp/appraise-pg-$(printf '%s' "$checkout" | sha1sum | cut -c1-10)-$name"
else
  base="$checkout/.pgdata/$name"
fi

log() { printf 'pg.sh: %s\n' "$*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return 0; fi
  return 1
}

install_postgres() {
  log "initdb not found: installing PostgreSQL from Debian's packages"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q postgresql postgresql-contrib >&2
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The cluster's superuser on its private socket: what `appraise reporting create-login` needs
# (CREATEROLE) and nothing else uses.
admin_url() { printf "export DATABASE_ADMIN_URL='postgresql:///appraise?host=%s/socket&port=%s&user=postgres'\n" "$base" "$port"; }

random_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start() {
  local bin
  bin=$(find_bin) || { install_postgres; bin=$(find_bin); }
  mkdir -p "$base"
  [ "$(id -u)" = 0 ] && { as_owner true; chown postgres: "$base"; chmod 700 "$base"; }
  if [ ! -f "$base/env" ]; then
    [ -n "$port" ] || port=$(free_port)
    rm -rf "$base/data"
    as_owner "$bin/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || as_owner "$bin/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
    # Only the socket (owner-only folder) trusts; TCP on loopback needs the roles' passwords.
    as_owner sh -c "printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n' > '$base/data/pg_hba.conf'"
    as_owner mkdir -p "$base/socket"
    local owner_secret app_secret
    owner_secret=$(random_secret); app_secret=$(random_secret)
    as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/postgres.log" -w \
      -o "-p $port -k $base/socket -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" start >/dev/null
    as_owner "$bin/psql" -h "$base/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE appraise_owner LOGIN PASSWORD '$owner_secret';
-- The application role: neither owner, superuser nor BYPASSRLS, so row-level security binds it.
CREATE ROLE appraise_app LOGIN PASSWORD '$app_secret' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
-- BI logins (issue 17 §4) are members of this; it reads the reporting views and nothing else.
CREATE ROLE appraise_reporting NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE appraise OWNER appraise_owner;
SQL
    as_owner "$bin/psql" -h "$base/socket" -p "$port" -U postgres -d appraise -v ON_ERROR_STOP=1 -q <<SQL
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO appraise_owner;
SQL
    cat > "$base/env.tmp" <<ENV
export PG_BIN='$bin'
export PG_BASE='$base'
export PG_PORT='$port'
export DATABASE_URL='postgresql://appraise_app:$app_secret@127.0.0.1:$port/appraise'
export DATABASE_OWNER_URL='postgresql://appraise_owner:$owner_secret@127.0.0.1:$port/appraise'
export PGBENCH_URL='postgresql://appraise_app:$app_secret@127.0.0.1:$port/appraise'
ENV
    admin_url >> "$base/env.tmp"
    chmod 644 "$base/env.tmp"; mv "$base/env.tmp" "$base/env"
    log "initialised cluster $name in $base (port $port)"
  else
    # shellcheck disable=SC1091
    port=$(. "$base/env"; echo "$PG_PORT")
    if ! as_owner "$bin/pg_ctl" -D "$base/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/postgres.log" -w \
        -o "-p $port -k $base/socket -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" start >/dev/null
    fi
    # Clusters made before issue 17: the reporting group role and the administrator's URL.
    if ! grep -q DATABASE_ADMIN_URL "$base/env"; then
      as_owner "$bin/psql" -h "$base/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c \
        "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'appraise_reporting') THEN
           CREATE ROLE appraise_reporting NOLOGIN; END IF; END \$\$" >/dev/null
      admin_url >> "$base/env"
    fi
  fi
  echo "$base/env"
}

# A hot standby of the running cluster, streaming from it over its private socket.
replica() {
  local bin rbase rport
  bin=$(find_bin)
  rbase="$base-replica"
  [ -f "$base/env" ] || { log "no cluster $name: start it first"; exit 1; }
  port=$(. "$base/env"; echo "$PG_PORT")
  if [ ! -f "$rbase/env" ]; then
    grep -q '^local replication' "$base/data/pg_hba.conf" || {
      as_owner sh -c "printf 'local replication all trust\n' >> '$base/data/pg_hba.conf'"
      as_owner "$bin/pg_ctl" -D "$base/data" reload >/dev/null
    }
    mkdir -p "$rbase"
    [ "$(id -u)" = 0 ] && { chown postgres: "$rbase"; chmod 700 "$rbase"; }
    as_owner mkdir -p "$rbase/socket"
    as_owner "$bin/pg_basebackup" -h "$base/socket" -p "$port" -U postgres -D "$rbase/data" -R -X stream -c fast
    rport=$(free_port)
    # The application's URL with the standby's port: the same roles and passwords.
    sed -e "s/127.0.0.1:$port\//127.0.0.1:$rport\//" "$base/env" | grep DATABASE_URL= \
      | sed -e 's/DATABASE_URL=/DATABASE_REPORTING_URL=/' > "$rbase/env.tmp"
    printf "export REPLICA_PORT='%s'\n" "$rport" >> "$rbase/env.tmp"
    chmod 644 "$rbase/env.tmp"; mv "$rbase/env.tmp" "$rbase/env"
    log "made standby $name-replica in $rbase (port $rport)"
  fi
  rport=$(. "$rbase/env"; echo "$REPLICA_PORT")
  if ! as_owner "$bin/pg_ctl" -D "$rbase/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$rbase/data" -l "$rbase/postgres.log" -w \
      -o "-p $rport -k $rbase/socket -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=200" start >/dev/null
  fi
  echo "$rbase/env"
}

stop_replica() {
  local bin
  bin=$(find_bin) || return 0
  [ -d "$base-replica/data" ] || return 0
  as_owner "$bin/pg_ctl" -D "$base-replica/data" -m fast -w stop >/dev/null 2>&1 || true
}

stop() {
  local bin
  bin=$(find_bin) || return 0
  [ -d "$base/data" ] || return 0
  as_owner "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
}

case "$command" in
  start) start ;;
  stop) stop_replica; stop ;;
  destroy) stop_replica; stop; rm -rf "$base" "$base-replica" ;;
  replica) replica ;;
  env) [ -f "$base/env" ] && echo "$base/env" || { log "no cluster $name"; exit 1; } ;;
  *) log "unknown command $command"; exit 2 ;;
esac
