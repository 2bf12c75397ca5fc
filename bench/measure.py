#!/usr/bin/env python3
"""Runs one command RUNS times under `/usr/bin/time -v` and appends one JSON record to a results
file: median wall time, median CPU time (user + system), median peak memory (max RSS), and the median of every `key number` line
the command printed on stdout (in-process figures). A benchmark helper, not a test.

    measure.py --results FILE --name NAME [--runs 3] [--metrics] [--cwd DIR] -- CMD ARGS...

Without --metrics the command's stdout is discarded (e.g. the CLI's JSON report).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

METRIC = re.compile(r"^([a-z][a-z0-9_]*) (-?[0-9.]+(?:e[-+]?[0-9]+)?)$")


def parse_time_v(text: str) -> tuple[float, float, int]:
    wall = rss = None
    cpu = 0.0
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(" ", 1)[1]  # h:mm:ss or m:ss.cc
            secs = 0.0
            for part in clock.split(":"):
                secs = secs * 60 + float(part)
            wall = secs
        elif line.startswith(("User time (seconds)", "System time (seconds)")):
            cpu += float(line.rsplit(" ", 1)[1])
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1])
    if wall is None or rss is None:
        raise RuntimeError("no /usr/bin/time -v figures in:\n" + text)
    return wall, cpu, rss


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--metrics", action="store_true")
    ap.add_argument("--cwd")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd

    walls, cpus, rsss, metrics = [], [], [], {}
    for _ in range(a.runs):
        with tempfile.NamedTemporaryFile("w+") as tv:
            out = subprocess.run(["/usr/bin/time", "-v", "-o", tv.name] + cmd, cwd=a.cwd,
                                 stdout=subprocess.PIPE if a.metrics else subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
            if out.returncode != 0:
                sys.stderr.write(out.stderr[-4000:])
                raise SystemExit(f"{a.name}: command failed ({out.returncode}): {' '.join(cmd)}")
            wall, cpu, rss = parse_time_v(open(tv.name).read())
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
        if a.metrics:
            for line in out.stdout.splitlines():
                m = METRIC.match(line.strip())
                if m:
                    metrics.setdefault(m.group(1), []).append(float(m.group(2)))
    record = {
        "name": a.name,
        "runs": a.runs,
        "wall_s": statistics.median(walls),
        "wall_all_s": walls,
        "cpu_s": statistics.median(cpus),
        "max_rss_kb": int(statistics.median(rsss)),
        "metrics": {k: statistics.median(v) for k, v in metrics.items()},
        "load_avg_1m": os.getloadavg()[0],
    }
    with open(a.results, "a") as f:
        f.write(json.dumps(record) + "\n")
    shown = " ".join(f"{k}={v:g}" for k, v in record["metrics"].items() if k in ("seconds", "lines_per_s"))
    print(f"  {a.name}: wall {record['wall_s']:.3f} s (runs {', '.join(f'{w:.2f}' for w in walls)}), "
          f"CPU {record['cpu_s']:.2f} s, max RSS {record['max_rss_kb'] / 1024:.1f} MB {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
