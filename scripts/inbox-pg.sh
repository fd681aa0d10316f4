#!/usr/bin/env bash
# Starts, restarts and stops throwaway PostgreSQL clusters for the inbox's
# tests: each on 127.0.0.1 and a free port, in its own folder under
# $PFS_TEST_TMP (scripts/test.sh sets it) or /tmp. PostgreSQL refuses to run
# as root, so as root a cluster runs as the `postgres` user.
#   eval "$(bash scripts/inbox-pg.sh start)"   # exports PFS_TEST_PG, PFS_TEST_PGDATA
#   bash scripts/inbox-pg.sh restart "$PFS_TEST_PGDATA" [fast|immediate]   # same port
#   bash scripts/inbox-pg.sh stop "$PFS_TEST_PGDATA"
#   bash scripts/inbox-pg.sh stop-all "$PFS_TEST_TMP"   # every cluster under a folder (an EXIT trap)
# pg_ctl detaches the server into a session of its own, so no process group
# or trap of the caller reaches it: a cluster is stopped by its data folder,
# and whatever survives `pg_ctl stop` is killed by the pid in postmaster.pid
# (checked to be the server of that folder) with its children. The server
# is started with no descriptor of the caller's open but 0-2, so it never
# inherits a lock (flock) or a pipe that would outlive the caller.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run=()
if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi

# Runs pg_ctl with every inherited descriptor above 2 closed.
pg_ctl() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "${run[@]}" "$bin/pg_ctl" "$@"
  )
}

stop_one() {
  local data=$1 pid
  [ -d "$data" ] || return 0
  pg_ctl -D "$data" -m immediate -t 20 stop >/dev/null 2>&1 || true
  if [ -f "$data/postmaster.pid" ]; then
    pid=$(head -1 "$data/postmaster.pid")
    if [ -n "$pid" ] && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$(readlink -f "$data")" ]; then
      # Each server process is a session of its own: its children by parent, then itself.
      pkill -KILL -P "$pid" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$(dirname "$data")"
}

case "${1:-}" in
  start)
    root=${PFS_TEST_TMP:-/tmp}
    dir=$(mktemp -d "$root/pfs-pg.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
    # -l: the server writes to its log file, never to the caller's output.
    if ! pg_ctl -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300" start >/dev/null; then
      cat "$dir/log" >&2 || true
      stop_one "$dir/data"
      exit 1
    fi
    echo "export PFS_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres PFS_TEST_PGDATA=$dir/data"
    ;;
  restart)
    data=${2:?the cluster data folder}
    pg_ctl -D "$data" -l "$(dirname "$data")/log" -m "${3:-fast}" -w restart >/dev/null
    ;;
  stop)
    stop_one "${2:?the cluster data folder}"
    ;;
  stop-all)
    root=${2:?the folder of the clusters}
    for data in "$root"/pfs-pg.*/data; do
      [ -d "$data" ] && stop_one "$data"
    done
    ;;
  *) echo "usage: $0 start | restart DATA [fast|immediate] | stop DATA | stop-all FOLDER" >&2; exit 2 ;;
esac
