#!/usr/bin/env bash
# The registry on PostgreSQL: a throwaway server (initdb + pg_ctl on a free port), then init,
# register, promote through a policy, approve, rollback, keys, two processes registering at
# once, verify, and verify naming an audit row changed behind the registry's back.
set -uo pipefail
: "${STEWARD_BIN:?}" "${STEWARD_SOURCE_DIR:?}"
bin=$(pg_config --bindir 2> /dev/null)
[[ -x "$bin/initdb" ]] || bin=/usr/lib/postgresql/15/bin
if [[ ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
  echo "PostgreSQL server binaries not found: install Debian's postgresql package"
  exit 1
fi
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  as_server=(runuser -u postgres --)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/steward_pg.XXXXXX")
chmod 755 "$work"
mkdir "$work/pg"
if [[ ${#as_server[@]} -gt 0 ]]; then
  chown postgres "$work/pg"
fi
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop > /dev/null 2>&1
  rm -rf "$work"
}
trap stop EXIT
"${as_server[@]}" "$bin/initdb" -D "$work/pg/data" -U steward --auth=trust -E UTF8 > "$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
"${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 30 \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" start > /dev/null \
  || { cat "$work/pg/server.log"; exit 1; }

export STEWARD_REGISTRY="postgresql://steward@127.0.0.1:$port/postgres"
export STEWARD_ARTIFACTS="$work/artifacts"
steward() { "$STEWARD_BIN" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

steward train "$STEWARD_SOURCE_DIR/data/iris.csv" --target species --out "$work/b" -q > /dev/null \
  || fail "train"
steward registry list > /dev/null 2> "$work/err" && fail "list before init succeeded"
grep -q "no registry at postgresql://steward@127.0.0.1:$port/postgres" "$work/err" \
  || fail "list before init: $(cat "$work/err")"
steward registry init > /dev/null || fail "init"
steward registry init > /dev/null || fail "second init"
steward registry register "$work/b" --model iris --actor dev > /dev/null || fail "register"
steward registry register "$work/b" --model iris --actor dev > /dev/null || fail "register 2"
printf 'format = 1\n[alias.production]\nmin_metrics = { accuracy = 0.5 }\napprovals = { risk = 1 }\n' \
  > "$work/policy.toml"
steward registry promote iris 1 --to production --policy "$work/policy.toml" > "$work/out"
[[ $? -eq 1 ]] && grep -q "FAIL approvals.risk: 0 of 1" "$work/out" || fail "gate did not refuse"
steward registry approve iris 1 --role risk --actor rita > /dev/null || fail "approve"
steward registry approve iris 1 --role risk --actor rita > /dev/null 2>&1 && fail "replayed approval"
steward registry promote iris 1 --to production --policy "$work/policy.toml" > /dev/null \
  || fail "promote after approval"
steward registry approve iris 2 --role risk --actor rita > /dev/null || fail "approve 2"
steward registry promote iris 2 --to production --policy "$work/policy.toml" > /dev/null \
  || fail "promote 2"
steward registry rollback iris --alias production --reason "v2 drifted" > /dev/null || fail "rollback"
[[ $(steward registry show iris@production --json | /usr/bin/python3 -c \
  'import json, sys; print(json.load(sys.stdin)["version"])') == 1 ]] || fail "rollback target"
key=$(steward registry keys create --scope predict 2> /dev/null) || fail "keys create"
steward registry keys revoke "${key:4:16}" > /dev/null || fail "keys revoke"

for writer in 1 2; do
  (for i in 1 2 3 4 5 6 7 8; do
     steward registry register "$work/b" --model iris --actor "w$writer" > /dev/null || exit 1
   done) &
done
wait -n || fail "a concurrent registration failed"
wait -n || fail "a concurrent registration failed"
versions=$(steward registry list --json | /usr/bin/python3 -c \
  'import json, sys; m = json.load(sys.stdin)["models"][0]; print(m["versions"], m["latest"])')
[[ $versions == "18 18" ]] || fail "after two concurrent writers: versions, latest = $versions"
steward registry verify > "$work/out" || { cat "$work/out"; fail "verify"; }
steward registry backup "$work/backup.tar" > /dev/null 2> "$work/err" && fail "backup succeeded"
grep -q "pg_dump" "$work/err" || fail "backup message: $(cat "$work/err")"

psql -q "$STEWARD_REGISTRY" -c "UPDATE audit SET actor = 'mallory' WHERE seq = 3" || fail "psql"
steward registry verify > "$work/out"
[[ $? -eq 1 ]] && grep -q "audit entry 3 (register iris@2) was modified" "$work/out" \
  || { cat "$work/out"; fail "tampering not detected"; }
echo "registry on PostgreSQL: ok"
