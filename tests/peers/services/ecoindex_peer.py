"""EcoIndex: empreinte against ecoindex-compute (PyPI), the implementation behind ecoindex.fr.

Score, grade, GHG (gCO2e) and water (cl) must be identical, not merely close: the score is
rounded half to even (Python's round) and GHG/water come from the rounded score, rounded to the
hundredth. The peer is only called (installed at test time, never vendored: CC BY-NC-ND).

Known differences, on purpose: ecoindex-compute accepts negative inputs and then fails in
pydantic (score above 100); empreinte rejects any negative or non-finite metric up front with
`service_invalid_number`. The npm `ecoindex` package and GreenIT-Analysis differ from
ecoindex-compute (unrounded score, shifted quantiles); empreinte follows ecoindex-compute.
"""
import asyncio
import json
import os
import random
import subprocess
import sys

from ecoindex.compute import compute_ecoindex
from ecoindex.data import quantiles_dom, quantiles_req, quantiles_size

BIN = os.environ.get("EMPREINTE_BIN", os.path.join(os.path.dirname(__file__), "../../../target/release/empreinte"))


def ours(dom, req, size):
    p = subprocess.run([BIN, "page", "--dom", repr(dom), "--requests", repr(req), "--size-kb", repr(size), "--format", "json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    return json.loads(p.stdout)["ecoindex"], None


def cases():
    c = [(100, 100, 100), (100, 100, 1000), (100, 100, 10000), (200, 200, 10000), (2355, 267, 2493),
         (240, 20, 331), (2240, 100, 310182.902), (0, 0, 0), (594601, 3920, 223212.26), (10**7, 10**6, 1e9),
         (1, 1, 0.001), (693, 78, 2420), (600, 40, 1024)]
    # every quantile boundary, the same index for all three metrics (score 100 - 5i)
    for i in range(len(quantiles_dom)):
        c.append((quantiles_dom[i], quantiles_req[i], quantiles_size[i]))
        if i > 0:  # just below the boundary
            c.append((quantiles_dom[i] - 1, quantiles_req[i] - 1, quantiles_size[i] - 0.01))
    # ties at .5 (half to even): 3qd + 2qr + qs = 3 -> 97.5, = 9 -> 92.5, = 21 -> 82.5
    c += [(47, 0, 0), (47, 2, 479.46), (233, 25, 631.97), (75, 15, 4155.73)]
    rng = random.Random(20260402)
    for _ in range(400):
        dom = rng.choice([rng.randint(0, 3000), rng.randint(0, 600000), int(10 ** rng.uniform(0, 6))])
        req = rng.choice([rng.randint(0, 300), rng.randint(0, 5000)])
        size = rng.choice([round(rng.uniform(0, 9000), 2), round(10 ** rng.uniform(-2, 6), 3), float(rng.randint(0, 250000))])
        c.append((dom, req, size))
    return c


def main():
    passed = failed = 0
    fails = []
    for dom, req, size in cases():
        peer = asyncio.run(compute_ecoindex(nodes=dom, size=size, requests=req))
        mine, err = ours(dom, req, size)
        label = f"dom={dom} requests={req} size={size}"
        if mine is None:
            failed += 1
            fails.append(f"{label}: empreinte error {err}")
            continue
        for field, a, b in [("score", mine["score"], peer.score), ("grade", mine["grade"], peer.grade),
                            ("ghg", mine["ghg_gco2e"], peer.ges), ("water", mine["water_cl"], peer.water)]:
            if a == b:
                passed += 1
            else:
                failed += 1
                fails.append(f"{label} {field}: empreinte {a!r} vs ecoindex-compute {b!r}")
    # bad input: typed errors
    for args in [("-1", "10", "10"), ("10", "-3", "10"), ("10", "10", "-0.5"), ("10", "10", "nan"), ("10", "10", "inf")]:
        p = subprocess.run([BIN, "page", "--dom", args[0], "--requests", args[1], "--size-kb", args[2], "--format", "json"],
                           capture_output=True, text=True)
        if p.returncode == 1 and "[service_invalid_number]" in p.stderr:
            passed += 1
        else:
            failed += 1
            fails.append(f"bad input {args}: exit {p.returncode}, {p.stderr.strip()}")
    for f in fails[:40]:
        print("  FAIL", f)
    print(f"ecoindex: {passed} passed, {failed} failed (identical values required)")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
