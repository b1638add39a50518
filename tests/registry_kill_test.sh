#!/usr/bin/env bash
# RELIABILITY.md R4: SIGKILL `steward registry register` (and, every third time, `promote`) at
# random moments, at least KILLS (default 200) times, then check that the registry opens,
# `verify` passes (chain, artifacts, every row against the log), every version is complete (all
# its parts and artifacts) or absent with versions numbered without gaps, and every
# acknowledged registration and promotion is present.
set -uo pipefail
: "${STEWARD_BIN:?}" "${STEWARD_SOURCE_DIR:?}"
kills_wanted=${KILLS:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/steward_kill.XXXXXX")
trap 'rm -rf "$work"' EXIT
export STEWARD_REGISTRY="$work/reg"
"$STEWARD_BIN" registry init > /dev/null || exit 1

# One trained bundle, then variants that differ in card.json (and so in manifest.json): every
# registration writes new artifacts, so kills land in artifact writes, renames and fsyncs as
# well as in the SQLite commit. Unchanged parts are hard links, to keep this fast.
OMP_NUM_THREADS=1 "$STEWARD_BIN" train "$STEWARD_SOURCE_DIR/data/iris.csv" --target species \
  --out "$work/trained" -q > /dev/null || { echo "training failed"; exit 1; }
bundles=600
/usr/bin/python3 - "$work" "$bundles" <<'PY' || exit 1
import hashlib, json, os, sys
work, count = sys.argv[1], int(sys.argv[2])
trained = os.path.join(work, "trained")
card = json.load(open(os.path.join(trained, "card.json")))
manifest = json.load(open(os.path.join(trained, "manifest.json")))
for index in range(1, count + 1):
    bundle = os.path.join(work, f"b{index}")
    os.mkdir(bundle)
    for name in manifest["parts"]:
        if name != "card.json":
            os.link(os.path.join(trained, name), os.path.join(bundle, name))
    card["description"] = f"variant {index}"
    card_bytes = (json.dumps(card, indent=1) + "\n").encode()
    open(os.path.join(bundle, "card.json"), "wb").write(card_bytes)
    manifest["parts"]["card.json"] = {"bytes": len(card_bytes),
                                      "sha256": hashlib.sha256(card_bytes).hexdigest()}
    open(os.path.join(bundle, "manifest.json"), "w").write(json.dumps(manifest, indent=1) + "\n")
PY

# Kill delays span 0 to 1.5 times an uninterrupted registration on this machine right now, so
# kills land before, during and after the commit whatever the load.
start_ns=$(date +%s%N)
for warm in 1 2 3; do
  "$STEWARD_BIN" registry register "$work/b$warm" --model credit > /dev/null || exit 1
done
max_delay_ms=$(( ($(date +%s%N) - start_ns) / 2000000 + 1 ))
(( max_delay_ms < 40 )) && max_delay_ms=40

killed=0
acknowledged=3
promoted=0
iteration=3
while (( killed < kills_wanted && iteration < 20 * kills_wanted )); do
  iteration=$((iteration + 1))
  operation=register
  if (( iteration % 3 == 0 && acknowledged > 1 )); then
    operation=promote
    "$STEWARD_BIN" registry promote credit $((RANDOM % acknowledged + 1)) --to production \
      > /dev/null 2> "$work/stderr" &
  else
    "$STEWARD_BIN" registry register "$work/b$(( (iteration - 1) % bundles + 1 ))" \
      --model credit > /dev/null 2> "$work/stderr" &
  fi
  pid=$!
  delay_ms=$((RANDOM % max_delay_ms))
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  status=$?
  if (( status == 137 )); then
    killed=$((killed + 1))
  elif (( status == 0 )); then
    [[ $operation == register ]] && acknowledged=$((acknowledged + 1))
    [[ $operation == promote ]] && promoted=$((promoted + 1))
  elif [[ $operation == promote ]] && grep -q "already holds version" "$work/stderr"; then
    :  # promoting the version the alias holds is refused, as it should be
  else
    echo "$operation exited $status (not killed, not ok) at iteration $iteration:"
    cat "$work/stderr"
    exit 1
  fi
done

if ! "$STEWARD_BIN" registry verify; then
  echo "FAIL: verify after $killed kills"
  exit 1
fi
"$STEWARD_BIN" registry list --json > "$work/list.json" || exit 1
"$STEWARD_BIN" registry audit --json > "$work/audit.json" || exit 1
MAX_DELAY_MS=$max_delay_ms /usr/bin/python3 - "$work" "$acknowledged" "$killed" "$STEWARD_BIN" \
  "$promoted" <<'PY' || exit 1
import json, os, subprocess, sys
work, acknowledged, killed, steward = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
promoted = int(sys.argv[5])
models = json.load(open(os.path.join(work, "list.json")))["models"]
versions = models[0]["versions"] if models else 0
latest = models[0]["latest"] if models else 0
problems = []
if versions != latest:
    problems.append(f"{versions} versions but the latest is {latest}: a gap")
if versions < acknowledged:
    problems.append(f"{acknowledged} registrations acknowledged, only {versions} present")
for version in range(1, versions + 1):
    shown = json.loads(subprocess.run([steward, "registry", "show", f"credit@{version}", "--json"],
                                      capture_output=True, check=True).stdout)
    parts = shown["parts"]
    if len(parts) != 7:
        problems.append(f"credit@{version} has {len(parts)} parts, expected 7")
    for name, part in parts.items():
        path = os.path.join(work, "reg", "artifacts", "sha256", part["sha256"])
        if not os.path.exists(path) or os.path.getsize(path) != part["bytes"]:
            problems.append(f"credit@{version} {name}: artifact missing or wrong size")
entries = json.load(open(os.path.join(work, "audit.json")))["entries"]
promotions = sum(1 for entry in entries if entry["action"] == "promote")
if promotions < promoted:
    problems.append(f"{promoted} promotions acknowledged, only {promotions} in the audit log")
print(f"{killed} kills (delays up to {os.environ.get('MAX_DELAY_MS', '?')} ms), {acknowledged} acknowledged registrations, {versions} versions present, "
      f"{promoted} acknowledged promotions, {promotions} in the log")
for problem in problems:
    print("FAIL:", problem)
sys.exit(1 if problems else 0)
PY
