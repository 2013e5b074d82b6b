#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests.
#   scripts/test-postgres.sh start DIR   prints the connection URL on stdout (all else goes to stderr)
#   scripts/test-postgres.sh stop DIR
# The same PostgreSQL binaries as the gateway's embedded database (the workspace's @embedded-postgres package:
# nothing to install). Root cannot run postgres, so as root the cluster runs as the postgres user (created if the
# machine has none), in a directory that user owns.
set -euo pipefail
action="${1:?start|stop}"
dir="$(realpath -m "${2:?data directory}")"
gateway_dir="$(dirname "$0")/../apps/gateway"

bin_dir() {
  (cd "$gateway_dir" && node --input-type=module -e \
    "import(\`@embedded-postgres/\${process.platform}-\${process.arch}\`).then((m) => console.log(m.postgres.replace(/\/postgres\$/, '')), () => {})")
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    BIN="$(bin_dir)"
    if [ -z "$BIN" ]; then
      echo "No PostgreSQL binaries for this platform in node_modules: run scripts/setup.sh" >&2
      exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id -u postgres >/dev/null 2>&1 ||
        useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
      chown postgres "$dir"
    fi
    port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    # Trust on loopback: a throwaway cluster that only this machine's tests can reach.
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
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
