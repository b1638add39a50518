#!/usr/bin/python3
"""Aggregate the raw ingest measurements written by bench/run.sh into bench/RESULTS.md.

  report.py --run-dir bench/.cache/run [--out bench/RESULTS.md] [--strict]

Reads RUN_DIR/measurements.tsv (one line per timed run: GNU time's %e wall seconds and %M peak
RSS in KiB, a microsecond wall taken by the shell around it, and the file holding the command's
stdout) and RUN_DIR/meta.tsv. Takes medians per command, parses the in-process times the commands
print (steward `read_seconds`, pandas `read_csv_s` / `import_s`, DuckDB `load_s`), computes MB/s,
ratios and the goal verdicts, writes the Markdown report and prints the summary to stdout.
--strict: exit 1 when a goal is missed. Needs only the standard library.
"""
import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys

MB = 1e6        # MB/s is decimal megabytes per second (file bytes / 10^6 / seconds)
MIB = 1024.0    # GNU time %M is KiB

COMMANDS = [  # id, label in the tables, key of the in-process time in its JSON output
    ("steward_t1", "steward, 1 thread", "read_seconds"),
    ("steward_t2", "steward, 2 threads", "read_seconds"),
    ("pandas_read", "pandas `read_csv`", "read_csv_s"),
    ("pandas_import", "pandas import only (baseline)", "import_s"),
    ("duckdb_t1", "DuckDB typed load, 1 thread", "load_s"),
    ("duckdb_t2", "DuckDB typed load, 2 threads", "load_s"),
]
# Goals of the ingest issue. The file they are judged on is the synthetic one (1M x 20, 134 MB);
# the large real-data file gets the same checks for information.
GOAL_PANDAS_X = 8.0
GOAL_MBPS_PER_CORE = 250.0
GOAL_SPEEDUP_2T = 1.7
GOAL_PEAK_MIB = 250.0
GOAL_FILES = ("synthetic", "real_x")  # label prefixes the verdicts are computed for
GNU_TIME_RESOLUTION_S = 0.01


def sh(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def read_meta(run_dir):
    meta = {}
    with open(os.path.join(run_dir, "meta.tsv")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            meta[k] = v
    return meta


def read_runs(run_dir):
    """{file label: {"path", "bytes", "cmds": {id: {"wall": [...], "rss": [...], ...}}}}"""
    files = {}
    with open(os.path.join(run_dir, "measurements.tsv"), newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            fe = files.setdefault(r["file"], {"path": r["path"], "bytes": int(r["bytes"]), "cmds": {}})
            c = fe["cmds"].setdefault(r["cmd"], {"wall": [], "rss_kib": [], "hires": [], "inproc": [],
                                                 "rows": [], "command": r["command"]})
            c["wall"].append(float(r["wall_s"]))
            c["rss_kib"].append(int(r["maxrss_kb"]))
            c["hires"].append(float(r["hires_s"]))
            with open(os.path.join(run_dir, r["stdout"])) as out:
                text = out.read()
            doc = json.loads(text.strip().splitlines()[-1]) if r["cmd"].startswith(("pandas", "duckdb")) \
                else json.loads(text)
            key = dict((i, k) for i, _, k in COMMANDS)[r["cmd"]]
            c["inproc"].append(float(doc[key]))
            if "rows" in doc:
                c["rows"].append(int(doc["rows"]))
    return files


def summarize(files):
    for fe in files.values():
        for c in fe["cmds"].values():
            c["wall_med"] = statistics.median(c["wall"])
            c["hires_med"] = statistics.median(c["hires"])
            c["rss_mib"] = max(c["rss_kib"]) / MIB          # peak over all runs
            c["inproc_med"] = statistics.median(c["inproc"])
        # The parsers must agree on the row count, or the comparison means nothing.
        counts = {cid: set(c["rows"]) for cid, c in fe["cmds"].items() if c["rows"]}
        distinct = set().union(*counts.values()) if counts else set()
        if len(distinct) > 1:
            sys.exit(f"report: row counts disagree on {fe['path']}: {counts}")
        fe["rows"] = distinct.pop() if distinct else None


def mbps(nbytes, seconds):
    return nbytes / MB / seconds if seconds > 0 else None


def fmt(x, digits=2, suffix=""):
    if x is None:
        return "n/a"
    return f"{x:,.{digits}f}{suffix}"


def ratio(a, b):
    return a / b if a is not None and b else None


def machine():
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    if cpu is None:
        for line in (sh(["lscpu"]) or "").splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    ram_gib = None
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                ram_gib = int(line.split()[1]) / 1024 / 1024
    debian = None
    if os.path.exists("/etc/debian_version"):
        debian = open("/etc/debian_version").read().strip()
    pretty = None
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip().strip('"')
    return {"cpu": cpu or "unknown", "cores": os.cpu_count(), "ram_gib": ram_gib,
            "kernel": platform.release(), "os": pretty, "debian": debian}


def versions(meta):
    v = {}
    rev = sh(["git", "rev-parse", "--short", "HEAD"])
    if rev:
        # Tracked changes against HEAD make the build "-dirty" (git describe's rule; read-only).
        dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--"], capture_output=True).returncode
        v["steward_rev"] = rev + ("-dirty" if dirty else "")
    else:
        v["steward_rev"] = "unknown (not a git checkout)"
    v["steward"] = sh([meta["steward"], "--version"]) or "unknown"
    py = meta["python"]
    v["python"] = sh([py, "-c", "import platform; print(platform.python_version())"])
    v["pandas"] = sh([py, "-c", "import pandas; print(pandas.__version__)"])
    v["numpy"] = sh([py, "-c", "import numpy; print(numpy.__version__)"])
    v["node"] = sh(["node", "--version"])
    d = meta["duckdb_dir"]
    try:
        with open(os.path.join(d, "node_modules/@duckdb/node-api/package.json")) as f:
            v["duckdb_npm"] = json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        v["duckdb_npm"] = None
    v["duckdb"] = sh(["node", "--input-type=module", "-e",
                      "import { DuckDBInstance } from '@duckdb/node-api';"
                      "const c = await (await DuckDBInstance.create(':memory:')).connect();"
                      "const r = await c.runAndReadAll(\"SELECT version() || ' (' || source_id || ')' FROM pragma_version()\");"
                      "console.log(r.getRows()[0][0]);"], cwd=d)
    return v


def file_title(label, fe, meta):
    if label == "synthetic":
        rows = int(meta["rows"])
        rows_h = "1M" if rows == 1_000_000 else f"{rows:,}"
        return f"Synthetic {rows_h} x 20 (`{fe['path']}`, `gen_csv.py` defaults)"
    if label == "real":
        return f"Real data as shipped: `{fe['path']}`"
    return (f"Real data x {meta['copies']}: `{fe['path']}` "
            f"(`{meta['real_source']}` rows {meta['copies']} times, header once)")


def use_hires(fe):
    """GNU time's %e has 10 ms steps. When any command of a file runs under 0.1 s, speeds and
    ratios of that whole file use the shell's microsecond clock taken around /usr/bin/time
    (it includes GNU time's own fork/exec, about a millisecond) so that they stay comparable."""
    return min(c["wall_med"] for c in fe["cmds"].values()) < 10 * GNU_TIME_RESOLUTION_S


def wall_for_speed(fe, cid):
    c = fe["cmds"][cid]
    return c["hires_med"] if use_hires(fe) else c["wall_med"]


def file_section(label, fe, meta):
    lines = []
    b = fe["bytes"]
    hires = use_hires(fe)
    rows = f"{fe['rows']:,} rows, " if fe["rows"] else ""
    lines.append(f"### {file_title(label, fe, meta)}")
    lines.append("")
    lines.append(f"{rows}{b:,} bytes ({b / MB:,.1f} MB). Median of {meta['repeat']} runs.")
    lines.append("")
    extra_h, extra_a = (" median wall s, µs clock* |", "--:|") if hires else ("", "")
    lines.append(f"| command | median wall s | wall min–max |{extra_h} MB/s whole process "
                 "| peak RSS MiB | in-process s | MB/s in process |")
    lines.append(f"|---|--:|--:|{extra_a}--:|--:|--:|--:|")
    for cid, name, _ in COMMANDS:
        c = fe["cmds"][cid]
        w = c["wall_med"]
        if cid == "pandas_import":
            whole, inproc = "—", "—"
        else:
            whole = fmt(mbps(b, wall_for_speed(fe, cid)), 1)
            inproc = fmt(mbps(b, c["inproc_med"]), 1)
        extra = f" {c['hires_med']:.4f} |" if hires else ""
        lines.append(f"| {name} | {w:.2f} | {min(c['wall']):.2f}–{max(c['wall']):.2f} |{extra} {whole} "
                     f"| {c['rss_mib']:.1f} | {c['inproc_med']:.4f} | {inproc} |")
    lines.append("")
    if hires:
        lines.append("\\* Some walls here are under 0.1 s, too short for GNU time's 10 ms steps: whole-process "
                     "MB/s and ratios for this file use the shell's microsecond clock around "
                     "`/usr/bin/time` (it includes GNU time's own fork/exec, about a millisecond).")
        lines.append("")
    return lines


def file_ratios(fe):
    c = fe["cmds"]
    b = fe["bytes"]

    def wall(cid):
        return wall_for_speed(fe, cid)

    def inp(cid):
        return c[cid]["inproc_med"]

    r = {
        "pandas_t1": (ratio(wall("pandas_read"), wall("steward_t1")), ratio(inp("pandas_read"), inp("steward_t1"))),
        "pandas_t2": (ratio(wall("pandas_read"), wall("steward_t2")), ratio(inp("pandas_read"), inp("steward_t2"))),
        "duckdb_t1": (ratio(wall("duckdb_t1"), wall("steward_t1")), ratio(inp("duckdb_t1"), inp("steward_t1"))),
        "duckdb_t2": (ratio(wall("duckdb_t2"), wall("steward_t2")), ratio(inp("duckdb_t2"), inp("steward_t2"))),
        "speedup": (ratio(wall("steward_t1"), wall("steward_t2")), ratio(inp("steward_t1"), inp("steward_t2"))),
        "duckdb_speedup": (ratio(wall("duckdb_t1"), wall("duckdb_t2")), ratio(inp("duckdb_t1"), inp("duckdb_t2"))),
        "mbps_t1": mbps(b, wall("steward_t1")),
        "peak_mib": max(c["steward_t1"]["rss_mib"], c["steward_t2"]["rss_mib"]),
    }
    return r


def ratio_lines(r):
    x = lambda v: fmt(v, 2, "×")  # noqa: E731
    return [
        "| comparison (× = how many times faster Steward is) | whole process | in process |",
        "|---|--:|--:|",
        f"| steward 1 thread vs pandas `read_csv` | {x(r['pandas_t1'][0])} | {x(r['pandas_t1'][1])} |",
        f"| steward 2 threads vs pandas `read_csv` | {x(r['pandas_t2'][0])} | {x(r['pandas_t2'][1])} |",
        f"| steward vs DuckDB typed load, 1 thread each | {x(r['duckdb_t1'][0])} | {x(r['duckdb_t1'][1])} |",
        f"| steward vs DuckDB typed load, 2 threads each | {x(r['duckdb_t2'][0])} | {x(r['duckdb_t2'][1])} |",
        f"| steward speed-up, 2 threads over 1 | {x(r['speedup'][0])} | {x(r['speedup'][1])} |",
        f"| (DuckDB speed-up, 2 threads over 1, for context) | {x(r['duckdb_speedup'][0])} "
        f"| {x(r['duckdb_speedup'][1])} |",
        "",
    ]


def goals(r):
    """[(goal, measured, verdict)]; verdict None = not judged on this file."""
    def v(ok):
        return None if ok is None else ("PASS" if ok else "MISS")
    g = [
        (f"≥ {GOAL_PANDAS_X:g}× faster than pandas `read_csv`, whole process, steward 1 thread",
         fmt(r["pandas_t1"][0], 2, "×"), v(r["pandas_t1"][0] >= GOAL_PANDAS_X)),
        (f"≥ {GOAL_PANDAS_X:g}× faster than pandas `read_csv`, whole process, steward 2 threads",
         fmt(r["pandas_t2"][0], 2, "×"), v(r["pandas_t2"][0] >= GOAL_PANDAS_X)),
        ("faster than DuckDB typed load at 1 thread, whole process",
         fmt(r["duckdb_t1"][0], 2, "×"), v(r["duckdb_t1"][0] > 1.0)),
        ("faster than DuckDB typed load at 2 threads, whole process",
         fmt(r["duckdb_t2"][0], 2, "×"), v(r["duckdb_t2"][0] > 1.0)),
        (f"≥ {GOAL_MBPS_PER_CORE:g} MB/s per core, 1 thread, whole process",
         fmt(r["mbps_t1"], 1, " MB/s"), v(r["mbps_t1"] >= GOAL_MBPS_PER_CORE)),
        (f"2 threads ≥ {GOAL_SPEEDUP_2T:g}× one thread, whole process",
         fmt(r["speedup"][0], 2, "×"), v(r["speedup"][0] >= GOAL_SPEEDUP_2T)),
        (f"peak memory ≤ {GOAL_PEAK_MIB:g} MiB (steward, 1 and 2 threads)",
         fmt(r["peak_mib"], 1, " MiB"), v(r["peak_mib"] <= GOAL_PEAK_MIB)),
    ]
    return g


def goal_lines(g):
    out = ["| goal | measured | verdict |", "|---|--:|:-:|"]
    for name, measured, verdict in g:
        out.append(f"| {name} | {measured} | {verdict or 'for information'} |")
    out.append("")
    return out


# The other benchmarks write their own files beside this one (make bench runs them all).
OTHER_BENCHMARKS = [
    "## Other benchmarks", "",
    "- Profiling against pandas and DuckDB: [RESULTS_profile.md](RESULTS_profile.md) (`bench/profile.sh`)",
    "- Training and prediction against Python XGBoost: [RESULTS_model.md](RESULTS_model.md) (`bench/train.sh`)",
    "- TreeSHAP explanations against Python XGBoost: [RESULTS_explain.md](RESULTS_explain.md) (`bench/explain.sh`)",
    "- Evaluation metrics against scikit-learn: [RESULTS_metrics.md](RESULTS_metrics.md) (`bench/metrics_benchmark.cc`)",
    "- Fairness audit against pandas + scikit-learn: [RESULTS_fairness.md](RESULTS_fairness.md) (`bench/fairness.sh`)",
    "- Registry register/promote latency, verify, backup and cross-backend restore at 1,000 versions, SQLite and PostgreSQL: [RESULTS_registry.md](RESULTS_registry.md) (`bench/registry.sh`)",
    "- Serving against gunicorn + Flask + XGBoost and nginx: [RESULTS_serve.md](RESULTS_serve.md) (`bench/serve.sh`)",
    "- Native tree evaluator against XGBoost's C API, in process: `bench/tree_evaluator_benchmark.cc`",
    "",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--out", default="bench/RESULTS.md")
    ap.add_argument("--strict", action="store_true")
    a = ap.parse_args()

    meta = read_meta(a.run_dir)
    files = read_runs(a.run_dir)
    summarize(files)
    m = machine()
    ver = versions(meta)
    full = int(meta["rows"]) == 1_000_000 and int(meta["copies"]) == 300
    quiet = "" if full else (
        f"**Quick run** (BENCH_ROWS={meta['rows']}, BENCH_COPIES={meta['copies']}): not the reference "
        "sizes, so the goal verdicts do not count. Run `make bench` without knobs for the real figures.")

    md = ["# Steward ingest benchmark results", ""]
    md += ["Written by `bench/run.sh` (`make bench` from the repository root, after `make build`); "
           "every run rewrites this file. Steward, pandas and DuckDB read the same files in the same "
           "run; see `bench/README.md` for what is measured and how.", ""]
    if quiet:
        md += [quiet, ""]
    md += ["## Run", ""]
    md += [f"- Date: {meta['started']} to {meta['finished']} (UTC)",
           f"- Machine: {m['cpu']}, {m['cores']} cores, {fmt(m['ram_gib'], 1)} GiB RAM, "
           f"kernel {m['kernel']}, {m['os'] or 'unknown OS'} (Debian {m['debian'] or 'n/a'})",
           f"- Load average (1/5/15 min) at start: {meta['loadavg_start']}; at end: {meta['loadavg_end']} "
           "— figures are only as good as the machine was quiet",
           f"- Steward: git {ver['steward_rev']}, `{ver['steward']}`",
           f"- pandas {ver['pandas']}, numpy {ver['numpy']}, Python {ver['python']} (`{meta['python']}`)",
           f"- DuckDB {ver['duckdb']} via npm `@duckdb/node-api@{ver['duckdb_npm']}`, Node {ver['node']}",
           f"- Each command run {meta['repeat']} times, round-robin, after an untimed read of the file "
           "(page cache warm); wall time and peak RSS from GNU time (`/usr/bin/time -f '%e %M'`), "
           "medians reported, peak RSS is the largest of the runs", ""]

    md += ["## Commands", "", "Run from the repository root; `FILE` is each input below and `$REPO` the "
           f"repository's absolute path (here `{os.getcwd()}`):", "", "```"]
    first = next(iter(files.values()))
    for cid, _, _ in COMMANDS:
        md.append(first["cmds"][cid]["command"].replace(os.path.abspath(first["path"]), "$REPO/FILE")
                  .replace(first["path"], "FILE"))
    md += ["```", "",
           "In-process times are what each program reports about itself: steward's `read_seconds` "
           "(JSON of `inspect`), pandas' `read_csv_s` (`import_s` for the baseline), DuckDB's `load_s` "
           "(`CREATE TABLE t AS SELECT * FROM read_csv(FILE)`). Whole process includes start-up: "
           "the Python interpreter and `import pandas`, Node and libduckdb.", ""]

    md += ["## Results", ""]
    all_goals = []
    summary = []
    for label, fe in files.items():
        md += file_section(label, fe, meta)
        r = file_ratios(fe)
        md += ratio_lines(r)
        if label.startswith(GOAL_FILES):
            g = goals(r)
            official = label == "synthetic"
            heading = ("Goals (judged on this file, the issue's reference input)" if official
                       else "Goals, same checks on the real-data file (for information)")
            md += [f"**{heading}**", ""] + goal_lines(g)
            if official:
                all_goals = g
            summary.append((label, fe["path"], r, g))

    misses = [n for n, _, verdict in all_goals if verdict == "MISS"]
    md += ["## Verdict", ""]
    if quiet:
        md += ["Quick run: no verdict.", ""]
    else:
        md += [f"{sum(1 for *_, v in all_goals if v == 'PASS')} of "
               f"{sum(1 for *_, v in all_goals if v)} goals met on the synthetic file."
               + (" Missed: " + "; ".join(misses) + "." if misses else ""), ""]

    md += OTHER_BENCHMARKS

    with open(a.out, "w") as f:
        f.write("\n".join(md).rstrip() + "\n")

    # Console summary.
    for label, fe in files.items():
        print(f"\n== {fe['path']} ({fe['bytes'] / MB:.1f} MB)")
        for cid, name, _ in COMMANDS:
            c = fe["cmds"][cid]
            w = c["wall_med"]
            speed = "" if cid == "pandas_import" else \
                f"{fmt(mbps(fe['bytes'], wall_for_speed(fe, cid)), 1):>9} MB/s"
            print(f"  {name:32s} {w:7.2f} s {speed:>14s} {c['rss_mib']:8.1f} MiB   in-process {c['inproc_med']:.4f} s")
    for label, path, r, g in summary:
        print(f"\n== goals on {path}" + ("" if label == "synthetic" else " (for information)"))
        for name, measured, verdict in g:
            print(f"  {verdict or 'info':4s}  {name}: {measured}")
    if quiet:
        print("\n" + quiet.replace("**", ""))
    print(f"\nwrote {a.out}")
    if a.strict and misses and not quiet:
        sys.exit(1)


if __name__ == "__main__":
    main()
