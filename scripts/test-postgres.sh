#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests.
#   scripts/test-postgres.sh start DIR   prints the connection URL on stdout (all else goes to stderr)
#   scripts/test-postgres.sh stop DIR
# Needs Debian's postgresql (scripts/setup.sh --postgres). Root cannot run postgres, so as root the cluster runs as
# the postgres user, in a directory that user owns.
set -euo pipefail
action="${1:?start|stop}"
dir="$(realpath -m "${2:?data directory}")"

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "PostgreSQL is not installed: run scripts/setup.sh --postgres" >&2
      exit 1
    fi
    BIN="$(bin_dir)"
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    # Trust on loopback: a throwaway cluster that only this machine's tests can reach.
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    BIN="$(bin_dir)"
    if [ -n "$BIN" ] && [ -d "$dir/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
