#!/usr/bin/env bash
# The registry on PostgreSQL: a throwaway server (initdb + pg_ctl on a free port), then init,
# register, promote through a policy, approve, rollback, keys, two processes registering at
# once, verify, backup and restore across backends, and verify naming an audit row changed
# behind the registry's back.
set -uo pipefail
: "${STEWARD_BIN:?}" "${STEWARD_SOURCE_DIR:?}"
source "$STEWARD_SOURCE_DIR/tests/throwaway_postgres.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/steward_pg.XXXXXX")
trap 'stop_throwaway_postgres; rm -rf "$work"' EXIT
start_throwaway_postgres "$work" || exit 1
port=$POSTGRES_PORT

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

# Across backends: PostgreSQL -> archive -> SQLite -> archive -> a second PostgreSQL database.
# Every version, alias move and audit entry survives with its hash; each restore adds one entry.
snapshot() {  # the registry's content, as the user sees it, minus backup and restore entries
  local registry=$1
  {
    steward registry list --registry "$registry" --json
    for version in $(seq 1 18); do steward registry show "iris@$version" --registry "$registry" --json; done
    steward registry history iris --alias production --registry "$registry" --json
    steward registry keys list --registry "$registry" --json
    steward registry audit --registry "$registry" --json | /usr/bin/python3 -c '
import json, sys
for entry in json.load(sys.stdin)["entries"]:
    if entry["action"] not in ("backup", "restore"):
        print(json.dumps(entry, sort_keys=True))'
  }
}
snapshot "$STEWARD_REGISTRY" > "$work/original" || fail "snapshot of the original"
steward registry backup "$work/from_pg.tar" > /dev/null || fail "backup of PostgreSQL"
STEWARD_ARTIFACTS= steward registry restore "$work/from_pg.tar" --registry "$work/sqlite" > "$work/out" \
  || { cat "$work/out"; fail "restore into SQLite"; }
snapshot "$work/sqlite" > "$work/on_sqlite" || fail "snapshot on SQLite"
diff "$work/original" "$work/on_sqlite" > "$work/diff" || { head "$work/diff"; fail "PostgreSQL -> SQLite changed the registry"; }
steward registry backup "$work/from_sqlite.tar" --registry "$work/sqlite" > /dev/null \
  || fail "backup of SQLite"
psql -q "$STEWARD_REGISTRY" -c "CREATE DATABASE restored" || fail "createdb"
second="postgresql://steward@127.0.0.1:$port/restored"
steward registry restore "$work/from_sqlite.tar" --registry "$second" --artifacts "$work/artifacts2" \
  > "$work/out" || { cat "$work/out"; fail "restore into PostgreSQL"; }
snapshot "$second" > "$work/on_pg" || fail "snapshot on the second PostgreSQL database"
diff "$work/original" "$work/on_pg" > "$work/diff" || { head "$work/diff"; fail "SQLite -> PostgreSQL changed the registry"; }
steward registry verify --registry "$second" > /dev/null || fail "verify after the round trip"
actions=$(steward registry audit --registry "$second" --json | /usr/bin/python3 -c '
import json, sys; print(" ".join(e["action"] for e in json.load(sys.stdin)["entries"][-3:]))')
# A backup's own entry follows its snapshot, so it stays in the registry it was taken from.
[[ $actions == "register restore restore" ]] || fail "the round trip's audit entries: $actions"
# New ids continue after the restored ones (the sequences moved past them).
steward registry register "$work/b" --model iris --registry "$second" > /dev/null || fail "register after restore"
[[ $(steward registry show iris --registry "$second" --json | /usr/bin/python3 -c \
  'import json, sys; print(json.load(sys.stdin)["version"])') == 19 ]] || fail "version after restore"
(( $(wc -l < "$work/original") > 40 )) || fail "the snapshot compared too little"
# An archive whose hashes match but whose audit row was edited: the restore verifies inside its
# transaction, refuses, and leaves the database without a registry.
/usr/bin/python3 - "$work/from_sqlite.tar" "$work/edited.tar" << 'PY' || fail "editing the archive"
import hashlib, io, json, sqlite3, sys, tarfile, tempfile
entries = {}
with tarfile.open(sys.argv[1]) as archive:
    for member in archive.getmembers():
        entries[member.name] = archive.extractfile(member).read()
with tempfile.NamedTemporaryFile(suffix=".db") as db:
    db.write(entries["registry.db"]); db.flush()
    connection = sqlite3.connect(db.name)
    connection.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    connection.commit(); connection.close()
    entries["registry.db"] = open(db.name, "rb").read()
manifest = json.loads(entries["manifest.json"])
manifest["database"] = {"sha256": hashlib.sha256(entries["registry.db"]).hexdigest(),
                        "bytes": len(entries["registry.db"])}
entries["manifest.json"] = json.dumps(manifest).encode()
with tarfile.open(sys.argv[2], "w", format=tarfile.USTAR_FORMAT) as archive:
    for name, data in entries.items():
        info = tarfile.TarInfo(name); info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
PY
psql -q "$STEWARD_REGISTRY" -c "CREATE DATABASE refused" || fail "createdb refused"
third="postgresql://steward@127.0.0.1:$port/refused"
steward registry restore "$work/edited.tar" --registry "$third" > /dev/null 2> "$work/err" \
  && fail "restore of an edited archive succeeded"
grep -q "audit entry 2 (.*) was modified" "$work/err" || fail "edited archive: $(cat "$work/err")"
[[ $(psql -tA "$third" -c "SELECT COUNT(*) FROM audit") == 0 ]] || fail "a refused restore left rows"
steward registry restore "$work/from_sqlite.tar" --registry "$second" > /dev/null 2> "$work/err" \
  && fail "restore into a database that holds a registry succeeded"
grep -q "already holds a registry" "$work/err" || fail "occupied message: $(cat "$work/err")"

psql -q "$STEWARD_REGISTRY" -c "UPDATE audit SET actor = 'mallory' WHERE seq = 3" || fail "psql"
steward registry verify > "$work/out"
[[ $? -eq 1 ]] && grep -q "audit entry 3 (register iris@2) was modified" "$work/out" \
  || { cat "$work/out"; fail "tampering not detected"; }
echo "registry on PostgreSQL: ok"
