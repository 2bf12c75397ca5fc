#!/usr/bin/env python3
"""Record how BoaviztAPI 2.5.0 completes the CPU of every server archetype (server.csv).

BoaviztAPI resolves a CPU written by name (`CPU.name`, e.g. "Intel Xeon Platinum 8124M") to a row
of its cpu_specs.csv with a fuzzy token-set match (rapidfuzz), and takes the TDP, cores, threads,
die size, family and model range from that row. empreinte does not reimplement the fuzzy matcher:
this script records, once, which cpu_specs row BoaviztAPI picked and what it completed, into
reference-data/tools/curated/hosting_platform_cpus.csv, which generate.py reads. Each value is a
cpu_specs.csv figure (TechPowerUp and others), selected by BoaviztAPI's own matcher.

    .venv-peers/bin/python tests/peers/boavizta/resolve_platform_cpus.py
"""
import csv
import os
import sys
import warnings

warnings.filterwarnings("ignore")  # pandas reindexing warnings inside BoaviztAPI

from boaviztapi.data.archetype import get_server_archetype
from boaviztapi.models.device.server import DeviceServer
from boaviztapi import data_dir

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "reference-data", "tools", "curated", "hosting_platform_cpus.csv")


def triple(attr):
    v = attr.value
    if v is None:
        return ""
    lo = attr.min if attr.min is not None else v
    hi = attr.max if attr.max is not None else v
    return f"{v!r};{lo!r};{hi!r}" if (lo != v or hi != v) else repr(v)


def main():
    with open(os.path.join(data_dir, "archetypes", "server.csv"), encoding="utf-8") as fh:
        ids = [r["id"] for r in csv.DictReader(fh)]
    rows = []
    for sid in ids:
        cpu = DeviceServer(archetype=get_server_archetype(sid)).cpu
        written = get_server_archetype(sid)["CPU"].get("name", {}).get("default") or ""
        die = cpu.die_size
        _ = die.value  # triggers BoaviztAPI's completion
        rows.append({
            "platform": sid,
            "cpu_name_written": written,
            "cpu_name_matched": cpu.name.value if written else "",
            "manufacturer": cpu.manufacturer.value or "",
            "family": cpu.family.value or "",
            "model_range": cpu.model_range.value or "",
            "tdp_w": "" if cpu.tdp.value is None else repr(cpu.tdp.value),
            "core_units": triple(cpu.core_units),
            "threads": triple(cpu.threads),
            "die_size_mm2": triple(die),
            "die_size_source": die.source or "",
        })
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
