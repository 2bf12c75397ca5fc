#!/usr/bin/env python3
"""Deterministic synthetic inventory for benchmarks: N lines (default 1 000 000) of mixed
categories, conditions, ages, departments and usage, as a French spreadsheet would export it
(`;`, decimal commas). Usage: generate_inventory.py [N] [OUT.csv]"""
import random
import sys

CATEGORIES = ["PC portable", "Unité centrale", "Écran", "smartphone", "Tablette", "Imprimante multifonction",
              "Vidéoprojecteur", "TBI", "Switch", "Borne Wi-Fi", "Téléphone IP", "Serveur", "NAS", "laptop",
              "monitor", "Box internet", "Client léger", "Téléviseur"]
REFURBISHABLE = {"PC portable", "Unité centrale", "smartphone", "Tablette", "laptop"}
DEPARTMENTS = ["Mairie", "École Jules Ferry", "École Pasteur", "Médiathèque", "CCAS", "Services techniques",
               "Police municipale", "Conservatoire", "Piscine", "DSI", "Centre social", "Crèche"]
COUNTRIES = ["FR"] * 18 + ["DE", "BE"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = sys.argv[2] if len(sys.argv) > 2 else "bench/out/inventory-1m.csv"
    rng = random.Random(20261122)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("Catégorie;Qté;État;Année d'acquisition;Durée de vie (ans);Heures/jour;Jours par an;Pays;Service\n")
        for _ in range(n):
            cat = rng.choice(CATEGORIES)
            r = rng.random()
            cond = "reconditionné" if cat in REFURBISHABLE and r < 0.15 else ("réemploi" if r > 0.97 else "neuf")
            year = rng.randint(2012, 2025)
            life = "" if rng.random() < 0.7 else str(rng.choice([4, 5, 6, 7])) + ("" if rng.random() < 0.5 else ",5")
            hours = "" if rng.random() < 0.5 else f"{rng.randint(1, 10)},{rng.randint(0, 9)}"
            days = "" if rng.random() < 0.6 else str(rng.choice([144, 220, 230, 365]))
            f.write(f"{cat};{rng.randint(1, 40)};{cond};{year};{life};{hours};{days};{rng.choice(COUNTRIES)};{rng.choice(DEPARTMENTS)}\n")


if __name__ == "__main__":
    main()
