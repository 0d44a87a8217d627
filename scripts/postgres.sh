#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL server on loopback, then stop it.
#
#   scripts/postgres.sh [--fast] COMMAND [ARGS...]
#
# Installs Debian's `postgresql` with apt-get if no server binaries are found, creates a
# cluster in a temporary directory (owned by the `postgres` OS user when run as root, since
# PostgreSQL refuses to run as root), starts it on 127.0.0.1 on a free port, creates the
# database `supplyline_test`, and runs COMMAND with SUPPLYLINE_TEST_POSTGRES_URL exported.
# The server is stopped and its directory removed when COMMAND ends, fails, or is
# interrupted. If SUPPLYLINE_TEST_POSTGRES_URL is already set, COMMAND just runs with it.
# --fast turns off fsync and synchronous commit: fine for a throw-away test server (the
# tests kill clients, never the server), wrong for measuring durable throughput.
set -euo pipefail

fast=0
if [[ "${1:-}" == "--fast" ]]; then
    fast=1
    shift
fi

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
if [[ -n "${SUPPLYLINE_TEST_POSTGRES_URL:-}" ]]; then
    exec "$@"
fi

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

bindir=$(find_bindir || true)
if [[ -z "$bindir" ]]; then
    echo "postgres.sh: installing Debian's postgresql (apt-get)" >&2
    as_root=()
    [[ $(id -u) -eq 0 ]] || as_root=(sudo -n)
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq >&2
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql >&2
    bindir=$(find_bindir)
fi

# Run server commands as `postgres` when we are root (initdb and postgres refuse root).
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_pg=(runuser -u postgres --)
else
    as_pg=()
fi

datadir=$(mktemp -d "${TMPDIR:-/tmp}/supplyline-pg.XXXXXX")
[[ $(id -u) -eq 0 ]] && chown postgres: "$datadir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

started=0
cleanup() {
    local rc=$?
    if [[ $started -eq 1 ]]; then
        "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$datadir"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_pg[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$datadir/initdb.log" 2>&1 || {
    cat "$datadir/initdb.log" >&2
    exit 1
}
opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$datadir"
opts+=" -c max_connections=100 -c shared_buffers=64MB"
if [[ $fast -eq 1 ]]; then
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
"${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -o "$opts" -w \
    -t 60 start >/dev/null || {
    cat "$datadir/server.log" >&2
    exit 1
}
started=1
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres supplyline_test

export SUPPLYLINE_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/supplyline_test"
echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
