#!/usr/bin/env python3
"""Deterministic synthetic communes for the many-bodies benchmark: N communes (default 35 000,
about France's) holding TOTAL inventory lines between them (default 5 000 000), one CSV file
each, named commune-00001.csv... Sizes follow a log-normal law (many villages of a few dozen
lines, a few cities of tens of thousands), rows as bench/generate_inventory.py writes them.
Usage: generate_communes.py [N] [TOTAL] [OUT_DIR]"""
import math
import os
import random
import sys

from generate_inventory import CATEGORIES, COUNTRIES, DEPARTMENTS, REFURBISHABLE

HEADER = "Catégorie;Qté;État;Année d'acquisition;Durée de vie (ans);Heures/jour;Jours par an;Pays;Service\n"


def sizes(n: int, total: int, rng: random.Random) -> list:
    weights = [math.exp(rng.gauss(0.0, 1.3)) for _ in range(n)]
    scale = total / sum(weights)
    out = [max(1, int(w * scale)) for w in weights]
    # Exactly TOTAL lines: the rounding difference goes to the largest commune.
    out[out.index(max(out))] += total - sum(out)
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35_000
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    out_dir = sys.argv[3] if len(sys.argv) > 3 else "bench/out/communes"
    rng = random.Random(20261205)
    os.makedirs(out_dir, exist_ok=True)
    for i, size in enumerate(sizes(n, total, rng), start=1):
        rows = [HEADER]
        for _ in range(size):
            cat = rng.choice(CATEGORIES)
            r = rng.random()
            cond = "reconditionné" if cat in REFURBISHABLE and r < 0.15 else ("réemploi" if r > 0.97 else "neuf")
            life = "" if rng.random() < 0.7 else str(rng.choice([4, 5, 6, 7])) + ("" if rng.random() < 0.5 else ",5")
            hours = "" if rng.random() < 0.5 else f"{rng.randint(1, 10)},{rng.randint(0, 9)}"
            days = "" if rng.random() < 0.6 else str(rng.choice([144, 220, 230, 365]))
            rows.append(f"{cat};{rng.randint(1, 40)};{cond};{rng.randint(2012, 2025)};{life};{hours};{days};"
                        f"{rng.choice(COUNTRIES)};{rng.choice(DEPARTMENTS)}\n")
        with open(os.path.join(out_dir, f"commune-{i:05d}.csv"), "w", encoding="utf-8", newline="") as f:
            f.writelines(rows)


if __name__ == "__main__":
    main()
