#!/usr/bin/env python3
"""Python on a pandas DataFrame: reads the benchmark inventory into a DataFrame the way an
analyst would (`pd.read_csv(sep=";", decimal=",")`), then times `empreinte.evaluate(frame)`
alone, the dataset loaded first (as in the native and WebAssembly cases). Prints `key value`
lines for bench/measure.py. A benchmark, not a test.

Text columns are pandas 3's `str`, stored as STORAGE: `pyarrow` (the default, pandas' own
default when pyarrow is installed: Arrow buffers handed over) or `python` (pandas without
pyarrow: Python strings, coded by object).
(bindings-python/bench/bench_dataframe.py is the binding's own variant, on a repeated sample
commune, with polars too.)

    .venv/bin/python bench/python_dataframe.py FILE [STORAGE]
"""
import resource
import sys
import time

import pandas as pd

import empreinte

path = sys.argv[1]
storage = sys.argv[2] if len(sys.argv) > 2 else "pyarrow"
pd.options.mode.string_storage = storage
frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8")
rss_frame_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# The dataset loaded first, as the native and WebAssembly cases do (a one-line inventory).
empreinte.evaluate("category;quantity\nlaptop;1\n", year=2025)
t = time.perf_counter()
report = empreinte.evaluate(frame, year=2025)
s = time.perf_counter() - t
n = report.counts["rows_read"]
assert frame.iloc[:, 0].dtype.storage == storage, frame.iloc[:, 0].dtype
print(f"rows {n}")
print(f"rows_rejected {report.counts['rows_rejected']}")
print(f"seconds {s:.6f}")
print(f"lines_per_s {n / s:.0f}")
print(f"frame_mb {frame.memory_usage(deep=True).sum() / 1e6:.1f}")
print(f"rss_after_frame_kb {rss_frame_kb}")
print(f"climate_change_kgco2e {report.climate_change_kgco2e!r}")
