#!/usr/bin/env bash
# Registry benchmark: latency of `steward registry register` and `promote` (whole process, as a
# user or CI job runs them) while a registry grows to BENCH_VERSIONS versions (default 1,000),
# and the time of `registry verify` and `registry backup` at that size. Each version is a
# distinct bundle (card.json differs, so card.json and manifest.json are new artifacts; the
# other parts are shared), registered with fsync on. Promotions go through a policy with metric
# gates. There is no peer: MLflow's registry is not a Debian package.
# Writes bench/RESULTS_registry.md. Knobs: BENCH_VERSIONS (1000), STEWARD (build/bin/steward).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
versions=${BENCH_VERSIONS:-1000}
steward=$(realpath "${STEWARD:-build/bin/steward}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1 /proc/loadavg)
filesystem=$(df -T "$work" | awk 'NR == 2 {print $2}')
OMP_NUM_THREADS=1 "$steward" train data/credit_data.csv --target Status --out "$work/trained" -q \
  > /dev/null

/usr/bin/python3 - "$work" "$versions" "$steward" "$load_before" "$(nproc)" "$filesystem" \
  > bench/RESULTS_registry.md <<'PY'
import hashlib, json, os, statistics, subprocess, sys, time
work, versions, steward, load, cores, filesystem = sys.argv[1:7]
versions = int(versions)
env = dict(os.environ, STEWARD_REGISTRY=os.path.join(work, "reg"))

def run(*args):
    start = time.perf_counter()
    subprocess.run([steward, "registry", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start

def variant(index):
    trained = os.path.join(work, "trained")
    card = json.load(open(os.path.join(trained, "card.json")))
    manifest = json.load(open(os.path.join(trained, "manifest.json")))
    bundle = os.path.join(work, f"b{index}")
    os.mkdir(bundle)
    for name in manifest["parts"]:
        if name != "card.json":
            os.link(os.path.join(trained, name), os.path.join(bundle, name))
    card["description"] = f"variant {index}"
    data = (json.dumps(card, indent=1) + "\n").encode()
    open(os.path.join(bundle, "card.json"), "wb").write(data)
    manifest["parts"]["card.json"] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    open(os.path.join(bundle, "manifest.json"), "w").write(json.dumps(manifest, indent=1) + "\n")
    return bundle

def summary(samples):
    if not samples:
        return "- | - | -"
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered) * 1000:.1f} | {p95 * 1000:.1f} | {ordered[-1] * 1000:.1f}"

policy = os.path.join(work, "policy.toml")
open(policy, "w").write("format = 1\n[alias.production]\nmin_metrics = { auc = 0.5 }\n"
                        "max_metrics = { logloss = 1.0 }\n")
run("init")
register, promote = [], []
first_hundred, last_hundred = [], []
for index in range(1, versions + 1):
    bundle = variant(index)
    elapsed = run("register", bundle, "--model", "credit")
    register.append(elapsed)
    (first_hundred if index <= 100 else last_hundred if index > versions - 100 else []).append(elapsed)
    if index % 10 == 0:
        promote.append(run("promote", "credit", str(index), "--to", "production", "--policy", policy))
verify = [run("verify") for _ in range(3)]
backup = run("backup", os.path.join(work, "backup.tar"))
database_bytes = os.path.getsize(os.path.join(work, "reg", "registry.db"))
artifacts = len(os.listdir(os.path.join(work, "reg", "artifacts", "sha256")))

print("# Registry benchmark\n")
print(f"`bench/registry.sh`: {versions} versions of one model registered with `steward registry "
      f"register` (each a separate process, fsync on), a policy-gated `promote` every 10 "
      f"versions, then `verify` and `backup` at {versions} versions. Bundle: data/credit_data.csv "
      f"(7 parts, 1.5 MB, 2 new artifacts per version). Filesystem: {filesystem}. Milliseconds, "
      f"whole process.\n")
print(f"Load average when the run started: {load} on {cores} cores. Other work may have been "
      f"running, so these figures are indicative only.\n")
print("| operation | runs | median | p95 | max |")
print("|---|---|---|---|---|")
print(f"| register | {len(register)} | {summary(register)} |")
print(f"| register, first 100 versions | {len(first_hundred)} | {summary(first_hundred)} |")
print(f"| register, last 100 versions | {len(last_hundred)} | {summary(last_hundred)} |")
print(f"| promote (policy gates evaluated) | {len(promote)} | {summary(promote)} |")
print(f"| verify at {versions} versions | {len(verify)} | {summary(verify)} |")
print(f"| backup at {versions} versions | 1 | {summary([backup])} |")
print(f"\nAt {versions} versions: registry.db {database_bytes / 1e6:.1f} MB, {artifacts} artifacts. "
      f"`verify` re-hashes every referenced artifact and the whole audit chain and replays the "
      f"log against every row.")
PY
cat bench/RESULTS_registry.md
