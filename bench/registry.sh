#!/usr/bin/env bash
# Registry benchmark: latency of `steward registry register` and `promote` (whole process, as a
# user or CI job runs them) while a registry grows to BENCH_VERSIONS versions (default 1,000),
# and the time of `registry verify` and `registry backup` at that size, on SQLite and on a
# throwaway PostgreSQL server (tests/throwaway_postgres.sh, fsync on, loopback). Each version is a
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
source tests/throwaway_postgres.sh
trap 'stop_throwaway_postgres; rm -rf "$work"' EXIT
start_throwaway_postgres "$work"
load_before=$(cut -d' ' -f1 /proc/loadavg)
filesystem=$(df -T "$work" | awk 'NR == 2 {print $2}')
OMP_NUM_THREADS=1 "$steward" train data/credit_data.csv --target Status --out "$work/trained" -q \
  > /dev/null

/usr/bin/python3 - "$work" "$versions" "$steward" "$load_before" "$(nproc)" "$filesystem" \
  "postgresql://steward@127.0.0.1:$POSTGRES_PORT/postgres" "$(postgres --version 2> /dev/null \
  || "$POSTGRES_BIN/postgres" --version)" > bench/RESULTS_registry.md <<'PY'
import hashlib, json, os, statistics, subprocess, sys, time
work, versions, steward, load, cores, filesystem, postgres_uri, postgres_version = sys.argv[1:9]
versions = int(versions)
env = {}

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
bundles = [variant(index) for index in range(1, versions + 1)]

def measure(name, registry, artifacts):
    env.clear()
    env.update(os.environ, STEWARD_REGISTRY=registry, STEWARD_ARTIFACTS=artifacts)
    run("init")
    register, promote, first_hundred, last_hundred = [], [], [], []
    for index, bundle in enumerate(bundles, start=1):
        elapsed = run("register", bundle, "--model", "credit")
        register.append(elapsed)
        (first_hundred if index <= 100 else last_hundred if index > versions - 100 else []).append(elapsed)
        if index % 10 == 0:
            promote.append(run("promote", "credit", str(index), "--to", "production", "--policy", policy))
    verify = [run("verify") for _ in range(3)]
    backup = run("backup", os.path.join(work, f"{name}.tar"))
    return {"register": register, "first": first_hundred, "last": last_hundred,
            "promote": promote, "verify": verify, "backup": [backup]}

sqlite = measure("sqlite", os.path.join(work, "reg"), os.path.join(work, "reg", "artifacts"))
database_bytes = os.path.getsize(os.path.join(work, "reg", "registry.db"))
artifacts = len(os.listdir(os.path.join(work, "reg", "artifacts", "sha256")))
postgres = measure("postgres", postgres_uri, os.path.join(work, "pg_artifacts"))
# Restore each backup into the other backend (the archive is checked, then verified in place).
subprocess.run(["psql", "-q", postgres_uri, "-c", "CREATE DATABASE restored"], check=True)
env.update(STEWARD_ARTIFACTS=os.path.join(work, "restored_artifacts"))
sqlite["restore"] = [run("restore", os.path.join(work, "sqlite.tar"), "--registry",
                         postgres_uri.rsplit("/", 1)[0] + "/restored")]
postgres["restore"] = [run("restore", os.path.join(work, "postgres.tar"), "--registry",
                           os.path.join(work, "restored"))]

print("# Registry benchmark\n")
print(f"`bench/registry.sh`: {versions} versions of one model registered with `steward registry "
      f"register` (each a separate process, fsync on), a policy-gated `promote` every 10 "
      f"versions, then `verify` and `backup` at {versions} versions. Bundle: data/credit_data.csv "
      f"(7 parts, 1.5 MB, 2 new artifacts per version). Filesystem: {filesystem}. Milliseconds, "
      f"whole process. PostgreSQL: {postgres_version.strip()}, a server of its own on loopback "
      f"(initdb defaults, fsync on), artifacts in a directory on the same filesystem.\n")
print(f"Load average when the run started: {load} on {cores} cores. Other work may have been "
      f"running, so these figures are indicative only.\n")
print("| operation | runs | SQLite median | p95 | max | PostgreSQL median | p95 | max |")
print("|---|---|---|---|---|---|---|---|")
for key, label in [("register", "register"), ("first", "register, first 100 versions"),
                   ("last", "register, last 100 versions"),
                   ("promote", "promote (policy gates evaluated)"),
                   ("verify", f"verify at {versions} versions"),
                   ("backup", f"backup at {versions} versions"),
                   ("restore", "restore of that backup into the other backend")]:
    print(f"| {label} | {len(sqlite[key])} | {summary(sqlite[key])} | {summary(postgres[key])} |")
print(f"\nAt {versions} versions: registry.db {database_bytes / 1e6:.1f} MB, {artifacts} artifacts. "
      f"`verify` re-hashes every referenced artifact and the whole audit chain and replays the "
      f"log against every row.")
PY
cat bench/RESULTS_registry.md
