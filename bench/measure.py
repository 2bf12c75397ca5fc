#!/usr/bin/env python3
"""Runs one command RUNS times under `/usr/bin/time -v` and appends one JSON record to a results
file: median wall time, median CPU time (user + system of the command and the children it waited
for, from wait4's rusage: microseconds, where `time -v` prints hundredths), median peak memory
(max RSS, from `time -v`),
and the median of every `key number` line the command printed on stdout (in-process figures). A
benchmark helper, not a test.

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
import time

METRIC = re.compile(r"^([a-z][a-z0-9_]*) (-?[0-9.]+(?:e[-+]?[0-9]+)?)$")


def max_rss_kb(time_v: str) -> int:
    """Peak memory of the command, from `/usr/bin/time -v` (wait4 would count the forked Python
    image the command was exec'd from)."""
    for line in time_v.splitlines():
        if line.strip().startswith("Maximum resident set size"):
            return int(line.rsplit(" ", 1)[1])
    raise RuntimeError("no /usr/bin/time -v figures in:\n" + time_v)


def run_once(cmd: list[str], cwd: str | None, keep_stdout: bool) -> tuple[float, float, int, int, str, str]:
    """(wall s, CPU s, max RSS KB, exit code, stdout, stderr) of one run under `/usr/bin/time -v`.
    The CPU time is wait4's rusage of that process: the command's and its waited-for children's
    (plus `time`'s own, well under a millisecond), to the microsecond."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("w+") as tv:
        t = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tv.name] + cmd, cwd=cwd,
                             stdout=out if keep_stdout else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss = max_rss_kb(open(tv.name).read()) if p.returncode == 0 else 0
        return (wall, usage.ru_utime + usage.ru_stime, rss, p.returncode, out.read(), err.read())


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
        wall, cpu, rss, code, stdout, stderr = run_once(cmd, a.cwd, a.metrics)
        if code != 0:
            sys.stderr.write(stderr[-4000:])
            raise SystemExit(f"{a.name}: command failed ({code}): {' '.join(cmd)}")
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
        if a.metrics:
            for line in stdout.splitlines():
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
          f"CPU {record['cpu_s']:.3f} s, max RSS {record['max_rss_kb'] / 1024:.1f} MB {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
