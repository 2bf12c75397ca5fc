"""Benchmark (not a test): a 1 000 000-row DataFrame through empreinte vs the native CLI.

    python bindings-python/bench/bench_dataframe.py [--rows 1000000] [--runs 3]

Builds the DataFrame by repeating the lines of examples/communes/ville-montclair.csv, writes
the same rows to CSV, then times `empreinte.evaluate(frame)` (pandas and polars) and
`empreinte evaluate FILE --format json` (release build). Prints the best of N runs and the
ratio Python / native.
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import tempfile
import time

import pandas as pd
import polars as pl

import empreinte

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "communes" / "ville-montclair.csv"


def best(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    small = pd.read_csv(SAMPLE)
    frame = pd.concat([small] * (args.rows // len(small) + 1), ignore_index=True).iloc[: args.rows]
    frame = frame.reset_index(drop=True)
    polars_frame = pl.read_csv(SAMPLE, infer_schema_length=None)
    polars_frame = pl.concat([polars_frame] * (args.rows // len(small) + 1)).head(args.rows)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "empreinte-cli"], cwd=REPO, check=True)
    cli = REPO / "target" / "release" / "empreinte"

    with tempfile.TemporaryDirectory() as tmp:
        csv = pathlib.Path(tmp) / "inventory.csv"
        frame.to_csv(csv, index=False)
        report = empreinte.evaluate(frame, year=2025)
        assert report.counts["rows_read"] == args.rows
        t_pandas = best(lambda: empreinte.evaluate(frame, year=2025), args.runs)
        t_polars = best(lambda: empreinte.evaluate(polars_frame, year=2025), args.runs)
        t_path = best(lambda: empreinte.evaluate(csv, year=2025), args.runs)
        t_cli = best(lambda: subprocess.run([str(cli), "evaluate", str(csv), "--year", "2025", "--format", "json"],
                                            check=True, stdout=subprocess.DEVNULL), args.runs)

    print(f"rows: {args.rows:,}, best of {args.runs} runs (wall seconds)")
    print(f"  native CLI, CSV file         : {t_cli:7.3f} s")
    print(f"  Python, pandas DataFrame     : {t_pandas:7.3f} s   ratio {t_pandas / t_cli:5.2f}x native")
    print(f"  Python, polars DataFrame     : {t_polars:7.3f} s   ratio {t_polars / t_cli:5.2f}x native")
    print(f"  Python, same CSV file (path) : {t_path:7.3f} s   ratio {t_path / t_cli:5.2f}x native")
    print("reproduce: python bindings-python/bench/bench_dataframe.py")


if __name__ == "__main__":
    main()
