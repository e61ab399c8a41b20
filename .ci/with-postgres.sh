#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: `.ci/with-postgres.sh CMD ARGS...`.
#
# Installs Debian's `postgresql` when it is missing (as root, from the package registry),
# creates a cluster in a temporary folder, serves it on a unix socket only (no TCP port is
# opened), creates a database and runs CMD with DATABASE_URL pointing at it. The cluster is
# stopped and deleted on exit, whatever CMD did. When PostgreSQL cannot be installed or
# started, it says why and exits 0, so a machine without it still runs the SQLite suite.
set -euo pipefail

PGPORT_SOCKET="${PGPORT_SOCKET:-8360}"  # names the socket file; nothing listens on TCP

skip() {
    echo "with-postgres: skipping the PostgreSQL run: $*" >&2
    exit 0
}

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

if ! bindir=$(pg_bindir); then
    if [[ $(id -u) == 0 ]]; then
        echo "with-postgres: installing Debian postgresql" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
            || skip "could not install the Debian postgresql package"
        # The package starts a system cluster of its own; this run does not use it.
        bindir=$(pg_bindir) || skip "postgresql installed but initdb not found"
    else
        skip "PostgreSQL is not installed and we are not root to install it"
    fi
fi

# initdb and postgres refuse to run as root: run the server as the `postgres` system user
# (created by the Debian package) when we are root, else as ourselves.
as_server_user=()
if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || skip "no 'postgres' user to run the server as"
    as_server_user=(runuser -u postgres --)
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/newsarchive-pg.XXXXXX")
cleanup() {
    "${as_server_user[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT
if [[ $(id -u) == 0 ]]; then
    chown postgres: "$workdir"
fi

"${as_server_user[@]}" "$bindir/initdb" -D "$workdir/data" -U archive --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; skip "initdb failed"; }

# Durability is pointless for a throwaway test cluster; turning it off keeps CI quick.
"${as_server_user[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$workdir' -p $PGPORT_SOCKET -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null \
    || { cat "$workdir/server.log" >&2; skip "the server did not start"; }

"$bindir/createdb" -h "$workdir" -p "$PGPORT_SOCKET" -U archive newsarchive

socket_dir=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$workdir")
export DATABASE_URL="postgres://archive@${socket_dir}:${PGPORT_SOCKET}/newsarchive"
echo "with-postgres: $("$bindir/postgres" --version) at $DATABASE_URL" >&2

"$@"
