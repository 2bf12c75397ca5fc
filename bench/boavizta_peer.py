#!/usr/bin/env python3
"""BoaviztAPI 2.5.0 in process, per device: terminal and server cases built as its routers
build them (DTO -> mapper -> every criterion, embedded and use), as in
tests/peers/boavizta/conformance.py. Prints `key value` lines for bench/measure.py.
A benchmark, not a test.

    .venv-peers/bin/python bench/boavizta_peer.py [--servers 60] [--write-csv TERMINALS.csv]

Terminals: 10 device types x 30 countries = 300 cases (one year of a device bought new).
--write-csv writes the same 300 cases as an empreinte inventory (dataset boavizta-2.5), for
`empreinte evaluate --dataset boavizta-2.5 --lines`. Servers: the 6 configurations of
core/examples/bench_native.rs (`servers N`), cycled.
"""
import argparse
import csv
import os
import time
import warnings

warnings.filterwarnings("ignore")
t0 = time.perf_counter()
from boaviztapi.compute.impacts_computation import compute_single_impact  # noqa: E402
from boaviztapi.data.archetype import get_server_archetype, get_user_terminal_archetype  # noqa: E402
from boaviztapi.dto.component import CPU, RAM  # noqa: E402
from boaviztapi.dto.device import Server  # noqa: E402
from boaviztapi.dto.device import user_terminal as ut  # noqa: E402
from boaviztapi.dto.device.device import ConfigurationServer, mapper_server  # noqa: E402
from boaviztapi.dto.usage import Usage, UsageServer  # noqa: E402

IMPORT_S = time.perf_counter() - t0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRITERIA = ["gwp", "pe", "adpe", "adpf", "ir", "pm", "ap", "ctue", "ctuh_c", "ctuh_nc", "epf", "epm",
            "ept", "lu", "odp", "pocp", "mips", "wu", "fe"]
# (empreinte category, BoaviztAPI DTO, archetype, type)
TERMINALS = [
    ("laptop", ut.Laptop, "laptop-pro", "pro"), ("desktop", ut.Desktop, "desktop-pro", "pro"),
    ("smartphone", ut.Smartphone, "smartphone-default", None), ("tablet", ut.Tablet, "tablet-default", None),
    ("monitor", ut.Monitor, "monitor-default", None), ("tv", ut.Television, "tv-pro", "pro"),
    ("internet_box", ut.Box, "box-default", None), ("usb_key", ut.UsbStick, "usb-stick-default", None),
    ("external_ssd", ut.ExternalSSD, "external-ssd-default", None),
    ("external_hdd", ut.ExternalHDD, "hdd-default", None),
]
COUNTRIES = ["FR", "DE", "ES", "IT", "PL", "BE", "NL", "SE", "AT", "PT", "IE", "DK", "FI", "CZ", "GR",
             "HU", "RO", "BG", "SK", "SI", "HR", "LT", "LV", "EE", "LU", "NO", "CH", "GB", "US", "CA"]
# (archetype, CPU name, (RAM units, GB), location): as SERVERS in core/examples/bench_native.rs
SERVERS = [
    ("platform_compute_medium", None, None, "FRA"),
    ("platform_compute_low", None, None, "DEU"),
    ("platform_compute_high", None, None, "POL"),
    ("platform_compute_medium", "Intel Xeon Gold 6134", (12, 32), "FRA"),
    ("platform_compute_medium", "AMD EPYC 7763", (16, 64), "NLD"),
    ("platform_compute_low", "Intel Xeon E5-2686 v4", (8, 16), "IRL"),
]


def alpha3():
    with open(os.path.join(ROOT, "reference-data", "boavizta-2.5", "zones.csv"), encoding="utf-8") as f:
        return {r["zone"]: r["alpha3"] for r in csv.DictReader(f)}


def impacts(model, hours=8760):
    return [compute_single_impact(model, phase, c, hours) for c in CRITERIA for phase in ("embedded", "use")]


def terminal(cls, arch, typ, loc):
    dto = cls(type=typ, usage=Usage(usage_location=loc)) if typ else cls(usage=Usage(usage_location=loc))
    return impacts(ut.mapper_user_terminal(dto, archetype=get_user_terminal_archetype(arch)))


def server(arch, cpu, ram, loc):
    conf = None
    if cpu:
        conf = ConfigurationServer(cpu=CPU(units=2, name=cpu), ram=[RAM(units=ram[0], capacity=ram[1])])
    dto = Server(configuration=conf, usage=UsageServer(usage_location=loc))
    return impacts(mapper_server(dto, archetype=get_server_archetype(arch)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", type=int, default=60)
    ap.add_argument("--write-csv")
    a = ap.parse_args()
    a3 = alpha3()
    cases = [(cat, cls, arch, typ, z) for z in COUNTRIES for cat, cls, arch, typ in TERMINALS]
    if a.write_csv:
        with open(a.write_csv, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["category", "quantity", "condition", "acquisition_year", "country"])
            for cat, _, _, _, z in cases:
                w.writerow([cat, 1, "new", 2025, z])
        return
    terminal(*cases[0][1:4], a3[cases[0][4]])  # warm-up (lazy data loading)
    t = time.perf_counter()
    for _, cls, arch, typ, z in cases:
        terminal(cls, arch, typ, a3[z])
    ts = time.perf_counter() - t
    server(*SERVERS[0])
    t = time.perf_counter()
    for i in range(a.servers):
        server(*SERVERS[i % len(SERVERS)])
    ss = time.perf_counter() - t
    print(f"import_s {IMPORT_S:.3f}")
    print(f"terminal_cases {len(cases)}")
    print(f"terminal_ms_per_case {ts * 1e3 / len(cases):.4f}")
    print(f"server_cases {a.servers}")
    print(f"server_ms_per_case {ss * 1e3 / a.servers:.4f}")


if __name__ == "__main__":
    main()
