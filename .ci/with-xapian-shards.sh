#!/usr/bin/env bash
# Runs a command against a local cluster of Xapian shards: `.ci/with-xapian-shards.sh CMD ARGS...`.
#
# Installs Debian's `xapian-tools` (which has `xapian-tcpsrv`) when it is missing (as root, from
# the package registry), starts XAPIAN_SHARDS_N (default 2) `xapian-tcpsrv --writable` servers on
# 127.0.0.1, ports XAPIAN_SHARDS_PORT (default 8190) and up, each on its own database under
# XAPIAN_SHARDS_DIR (default: a temporary folder, deleted afterwards), and runs CMD with
# NEWSARCHIVE_SEARCH_ENGINE=xapian and NEWSARCHIVE_XAPIAN_SHARDS naming them. The servers are
# stopped on exit, whatever CMD did. The remote protocol has no TLS and no authentication:
# these servers listen on loopback only.
set -euo pipefail

N="${XAPIAN_SHARDS_N:-2}"
PORT="${XAPIAN_SHARDS_PORT:-8190}"
PYTHON="${PYTHON:-.venv/bin/python}"

if ! command -v xapian-tcpsrv >/dev/null; then
    if [[ $(id -u) == 0 ]]; then
        echo "with-xapian-shards: installing Debian xapian-tools" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xapian-tools >/dev/null
    else
        echo "with-xapian-shards: xapian-tcpsrv is missing and we are not root to install xapian-tools" >&2
        exit 1
    fi
fi

if [[ -n "${XAPIAN_SHARDS_DIR:-}" ]]; then
    workdir="$XAPIAN_SHARDS_DIR"; keep=1
    mkdir -p "$workdir"
else
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/newsarchive-xapian.XXXXXX"); keep=0
fi
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ $keep == 1 ]] || rm -rf "$workdir"
}
trap cleanup EXIT

shards=()
for ((k = 0; k < N; k++)); do
    db="$workdir/shard$k"
    # An empty database for the server to open (xapian-tcpsrv does not create one).
    "$PYTHON" -c 'import sys, xapian; xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE_OR_OPEN).close()' "$db"
    port=$((PORT + k))
    # In a session of its own: on SIGTERM xapian-tcpsrv kills its whole process group (its
    # forked connection handlers), which would otherwise be ours, make's and CI's.
    setsid xapian-tcpsrv --writable --interface 127.0.0.1 --port "$port" "$db" >"$workdir/shard$k.log" 2>&1 &
    pids+=($!)
    shards+=("127.0.0.1:$port")
done
# Wait until every server accepts connections.
for s in "${shards[@]}"; do
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/${s%:*}/${s#*:}") 2>/dev/null; then break; fi
        sleep 0.1
    done
done
export NEWSARCHIVE_SEARCH_ENGINE=xapian
NEWSARCHIVE_XAPIAN_SHARDS=$(IFS=,; echo "${shards[*]}")
export NEWSARCHIVE_XAPIAN_SHARDS
# For `make bench ENGINE=shards`: where the shards' files are and which processes serve them.
export NEWSARCHIVE_XAPIAN_SHARDS_DIR="$workdir"
NEWSARCHIVE_XAPIAN_SHARD_PIDS=$(IFS=,; echo "${pids[*]}")
export NEWSARCHIVE_XAPIAN_SHARD_PIDS
echo "with-xapian-shards: $N shards at $NEWSARCHIVE_XAPIAN_SHARDS ($workdir)" >&2
"$@"
