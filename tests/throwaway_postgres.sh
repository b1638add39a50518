# Sourced by tests and benchmarks: start_throwaway_postgres DIR starts a PostgreSQL server of
# its own (initdb + pg_ctl, trust auth for user "steward", loopback only, a free port) with its
# data under DIR, sets POSTGRES_PORT, and stops it from stop_throwaway_postgres. Runs the server
# as the postgres user when invoked as root (initdb refuses root). Needs Debian's postgresql.
start_throwaway_postgres() {
  local dir=$1
  POSTGRES_BIN=$(pg_config --bindir 2> /dev/null)
  [[ -x "$POSTGRES_BIN/initdb" ]] || POSTGRES_BIN=/usr/lib/postgresql/15/bin
  if [[ ! -x "$POSTGRES_BIN/initdb" || ! -x "$POSTGRES_BIN/pg_ctl" ]]; then
    echo "PostgreSQL server binaries not found: install Debian's postgresql package" >&2
    return 1
  fi
  POSTGRES_AS_SERVER=()
  chmod 755 "$dir"
  mkdir "$dir/pg"
  if [[ $(id -u) -eq 0 ]]; then
    POSTGRES_AS_SERVER=(runuser -u postgres --)
    chown postgres "$dir/pg"
  fi
  POSTGRES_DIR=$dir/pg
  POSTGRES_PORT=$(/usr/bin/python3 -c \
    'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${POSTGRES_AS_SERVER[@]}" "$POSTGRES_BIN/initdb" -D "$POSTGRES_DIR/data" -U steward \
    --auth=trust -E UTF8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  "${POSTGRES_AS_SERVER[@]}" "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" \
    -l "$POSTGRES_DIR/server.log" -w -t 30 \
    -o "-p $POSTGRES_PORT -k $POSTGRES_DIR -c listen_addresses=127.0.0.1" start > /dev/null \
    || { cat "$POSTGRES_DIR/server.log" >&2; return 1; }
}

stop_throwaway_postgres() {
  [[ -n ${POSTGRES_DIR:-} ]] || return 0
  "${POSTGRES_AS_SERVER[@]}" "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate -w stop \
    > /dev/null 2>&1
}
