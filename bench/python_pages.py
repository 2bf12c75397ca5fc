#!/usr/bin/env python3
"""Python batch call for page views: `empreinte.pages()` of N page weights (the sequence of
bench/co2js_swd.mjs), SWD v4 per visit as CO2.js's perVisit, from a list and from a numpy array;
and N `empreinte.page()` calls for comparison. Prints `key value` lines for bench/measure.py. A
benchmark, not a test.

    .venv/bin/python bench/python_pages.py [N]
"""
import sys
import time

import numpy as np

import empreinte

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
weights = [10000 + (i * 7919) % 10000000 for i in range(n)]
array = np.array(weights, dtype=np.float64)
empreinte.pages(weights[:1000], per_visit=True)  # warm-up
t = time.perf_counter()
totals = empreinte.pages(weights, per_visit=True)
s_list = time.perf_counter() - t
t = time.perf_counter()
totals_np = empreinte.pages(array, per_visit=True)
s_np = time.perf_counter() - t
calls = min(n, 2000)
t = time.perf_counter()
for b in weights[:calls]:
    empreinte.page("swd4", bytes=b, per_visit=True)
s_calls = time.perf_counter() - t
assert totals == totals_np.tolist()
print(f"estimates {n}")
print(f"us_per_estimate_list {s_list * 1e6 / n:.4f}")
print(f"us_per_estimate_numpy {s_np * 1e6 / n:.4f}")
print(f"us_per_call {s_calls * 1e6 / calls:.4f}")
print(f"sum_gco2e {sum(totals)}")
