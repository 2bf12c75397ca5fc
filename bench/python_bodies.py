#!/usr/bin/env python3
"""Python, many bodies in one pass: `empreinte.evaluate_bodies(FOLDER)` over the synthetic
communes of bench/generate_communes.py (one CSV file each). Prints `key value` lines for
bench/measure.py. A benchmark, not a test.

    .venv/bin/python bench/python_bodies.py FOLDER
"""
import sys
import time

import empreinte

t = time.perf_counter()
result = empreinte.evaluate_bodies(sys.argv[1], year=2025)
s = time.perf_counter() - t
total = result.total
print(f"bodies {total['bodies']}")
print(f"rows {total['counts']['rows_read']}")
print(f"seconds {s:.6f}")
print(f"climate_change_kgco2e {total['totals']['impacts']['climate_change']['total'].get('central', 0)!r}")
