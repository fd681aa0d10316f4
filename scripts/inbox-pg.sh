#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the inbox's tests, on
# 127.0.0.1 and a free port, in a temp folder. PostgreSQL refuses to run as
# root, so as root the cluster runs as the `postgres` user.
#   eval "$(bash scripts/inbox-pg.sh start)"   # exports PFS_TEST_PG, PFS_TEST_PGDATA
#   bash scripts/inbox-pg.sh restart "$PFS_TEST_PGDATA"   # a fault test: same port
#   bash scripts/inbox-pg.sh stop "$PFS_TEST_PGDATA"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/pfs-pg.XXXXXX)
    chmod 755 "$dir"
    run=()
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; run=(runuser -u postgres --); fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300" start >/dev/null
    echo "export PFS_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres PFS_TEST_PGDATA=$dir/data"
    ;;
  restart)
    data=${2:?the cluster data folder}
    run=()
    if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
    # -l keeps the log in the file: with a pipe as its output the server would die of SIGPIPE later.
    "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$(dirname "$data")/log" -m fast -w restart >/dev/null
    ;;
  stop)
    data=${2:?the cluster data folder}
    run=()
    if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
    "${run[@]}" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null || true
    rm -rf "$(dirname "$data")"
    ;;
  *) echo "usage: $0 start | restart DATA | stop DATA" >&2; exit 2 ;;
esac
