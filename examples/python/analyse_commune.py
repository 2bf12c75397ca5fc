"""What an analyst writes: the footprint of a commune's digital estate, a scenario, two charts.

    python examples/python/analyse_commune.py OUTPUT_DIR [--commune ville-montclair] [--year 2025]

1. loads a sample commune's inventory (examples/communes/) into pandas and evaluates it;
2. prints the footprint: headline, per inhabitant / agent / pupil, by category and phase;
3. compares a scenario with the baseline: every device kept 2 years longer;
4. saves PNG charts in OUTPUT_DIR: footprint by category and phase, the scenario against
   the baseline, and the trajectory 2025-2035 if the fleet is kept as it is.

Every figure comes from `empreinte.evaluate`: this script only builds inventories and plots.
"""

from __future__ import annotations

import argparse
import json
import pathlib
from typing import Any, Dict, List, Optional

import matplotlib

matplotlib.use("Agg")  # files only, no display needed

import matplotlib.pyplot as plt
import pandas as pd

import empreinte

COMMUNES = pathlib.Path(__file__).resolve().parents[1] / "communes"
PHASE_LABELS = {"manufacturing": "Fabrication", "distribution": "Distribution", "use": "Usage",
                "end_of_life": "Fin de vie"}
PHASE_COLOURS = {"manufacturing": "#4c72b0", "distribution": "#8c8c8c", "use": "#dd8452",
                 "end_of_life": "#55a868"}


def load_commune(commune_id: str) -> tuple[Dict[str, Any], pd.DataFrame]:
    communes: List[Dict[str, Any]] = json.loads((COMMUNES / "communes.json").read_text(encoding="utf-8"))
    commune = next(c for c in communes if c["id"] == commune_id)
    return commune, pd.read_csv(COMMUNES / commune["inventory"])


def evaluate(inventory: pd.DataFrame, commune: Dict[str, Any], year: int,
             lines: bool = False) -> empreinte.Report:
    return empreinte.evaluate(inventory, year=year, inhabitants=commune["inhabitants"],
                              agents=commune["agents"], pupils=commune["pupils"], lines=lines)


def longer_lifetimes(inventory: pd.DataFrame, baseline: empreinte.Report, years: float) -> pd.DataFrame:
    """The same inventory with every device kept `years` longer.

    The lifetime each line was evaluated with (its own, or the dataset's default for its
    category and condition) is read from the baseline's per-line results.
    """
    assert baseline.lines is not None, "evaluate the baseline with lines=True"
    used = pd.Series({line["line"]: line["period_years"] for line in baseline.lines})
    modified = inventory.copy()
    rows = used.index - 1  # a DataFrame row's line is its 1-based position
    modified.loc[modified.index[rows], "lifetime_years"] = used.to_numpy() + years
    return modified


def fmt(x: Optional[float], unit: str = "kg CO2e") -> str:
    return "n/a" if x is None else f"{x:,.0f} {unit}".replace(",", " ")


def print_footprint(name: str, report: empreinte.Report, year: int) -> None:
    total = report.totals["climate_change"]["total"]
    c = report.counts
    print(f"== {name}, {year}: {c['devices']} devices on {c['rows_evaluated']} lines "
          f"({c['rows_rejected']} rejected), dataset {report.dataset['id']} {report.dataset['version']}")
    print(f"Climate change: {fmt(total['central'])} (range {fmt(total['low'])} to {fmt(total['high'])})")
    for scope, label in [("per_inhabitant", "inhabitant"), ("per_agent", "agent"), ("per_pupil", "pupil")]:
        table = report.per_capita.get(scope)
        if table:
            print(f"  per {label}: {table['climate_change']['total']['central']:.2f} kg CO2e")
    for phase in empreinte.PHASES:
        print(f"  {PHASE_LABELS[phase]:<13} {fmt(report.totals['climate_change'][phase].get('central'))}")
    top = report.by_category(as_frame=True).sort_values("total", ascending=False).head(8)
    print(top[["category", "devices", "total", "total_low", "total_high"]].round(1).to_string(index=False))
    for indicator, phases in report.totals.items():
        if indicator != "climate_change":
            est = phases["total"]
            value = "not available" if est["status"] == "not_available" else f"{est['central']:.4g}"
            print(f"  {indicator}: {value} {report.unit(indicator)} ({est['status']})")


def compare(baseline: empreinte.Report, scenario: empreinte.Report) -> pd.DataFrame:
    rows = []
    for phase in (*empreinte.PHASES, "total"):
        a = baseline.totals["climate_change"][phase].get("central") or 0.0
        b = scenario.totals["climate_change"][phase].get("central") or 0.0
        rows.append({"phase": phase, "baseline_kgco2e": a, "plus_2_years_kgco2e": b,
                     "delta_kgco2e": b - a, "delta_pct": (b - a) / a * 100 if a else float("nan")})
    return pd.DataFrame(rows)


def chart_by_category(report: empreinte.Report, path: pathlib.Path, title: str) -> None:
    frame = report.by_category(as_frame=True).sort_values("total")
    frame = frame[frame["total"] > 0].tail(15)
    fig, ax = plt.subplots(figsize=(9, 6))
    left = pd.Series(0.0, index=frame.index)
    for phase in empreinte.PHASES:
        values = frame[phase].fillna(0.0)
        ax.barh(frame["label_fr"], values, left=left, label=PHASE_LABELS[phase], color=PHASE_COLOURS[phase])
        left += values
    ax.errorbar(frame["total"], frame["label_fr"],
                xerr=[frame["total"] - frame["total_low"], frame["total_high"] - frame["total"]],
                fmt="none", ecolor="black", elinewidth=0.8, capsize=2, label="plage (bas - haut)")
    ax.set_xlabel("kg CO2e / an")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def chart_scenario(table: pd.DataFrame, path: pathlib.Path, title: str) -> None:
    phases = table[table["phase"] != "total"]
    x = range(len(phases))
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.bar([i - 0.2 for i in x], phases["baseline_kgco2e"], width=0.4, label="Aujourd'hui", color="#4c72b0")
    ax.bar([i + 0.2 for i in x], phases["plus_2_years_kgco2e"], width=0.4, label="Durée de vie +2 ans",
           color="#55a868")
    ax.set_xticks(list(x), [PHASE_LABELS[p] for p in phases["phase"]])
    ax.set_ylabel("kg CO2e / an")
    ax.set_title(title, fontsize=10)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def chart_trajectory(years: List[int], reports: Dict[str, List[empreinte.Report]], path: pathlib.Path,
                     title: str) -> None:
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for (label, series), colour in zip(reports.items(), ["#4c72b0", "#55a868"]):
        totals = [r.totals["climate_change"]["total"] for r in series]
        ax.plot(years, [t["central"] for t in totals], marker="o", label=label, color=colour)
        ax.fill_between(years, [t["low"] for t in totals], [t["high"] for t in totals], alpha=0.15,
                        color=colour)
    ax.set_ylabel("kg CO2e / an")
    ax.set_ylim(bottom=0)
    ax.set_title(title, fontsize=10)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output_dir", type=pathlib.Path)
    parser.add_argument("--commune", default="ville-montclair")
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)

    commune, inventory = load_commune(args.commune)
    baseline = evaluate(inventory, commune, args.year, lines=True)
    print_footprint(commune["name"], baseline, args.year)

    longer = longer_lifetimes(inventory, baseline, years=2)
    scenario = evaluate(longer, commune, args.year)
    table = compare(baseline, scenario)
    print(f"\n== Scenario: every device kept +2 years longer ({args.year})")
    print(table.round(1).to_string(index=False))
    saved = table.iloc[-1]
    print(f"Change this year: {fmt(saved['delta_kgco2e'])} ({saved['delta_pct']:+.1f} %)")
    print("  Note: with annualised accounting a longer life spreads embodied impacts over more years,\n"
          "  and devices already past their lifetime carry embodied impacts again; the main saving,\n"
          "  fewer replacement purchases, shows in the trajectory of a renewed fleet, not in this\n"
          "  same-fleet comparison.")

    years = list(range(2025, 2036))
    trajectory = {
        "Parc actuel conservé": [evaluate(inventory, commune, y) for y in years],
        "Parc actuel, durée de vie +2 ans": [evaluate(longer, commune, y) for y in years],
    }
    print("\n== Trajectory if no device is bought or retired (kg CO2e / year)")
    for y, a, b in zip(years, *trajectory.values()):
        print(f"  {y}: {fmt(a.climate_change_kgco2e, ''):>10} | +2 years: {fmt(b.climate_change_kgco2e, '')}")

    out = args.output_dir
    chart_by_category(baseline, out / "footprint_by_category_phase.png",
                      f"{commune['name']} - empreinte carbone du parc {args.year}, par catégorie et phase")
    chart_scenario(table, out / "scenario_lifetime_plus_2.png",
                   f"{commune['name']} - durée de vie +2 ans vs aujourd'hui ({args.year})")
    chart_trajectory(years, trajectory, out / "trajectory_2025_2035.png",
                     f"{commune['name']} - trajectoire 2025-2035 (parc actuel, sans achat)")
    for png in sorted(out.glob("*.png")):
        print(f"wrote {png}")


if __name__ == "__main__":
    main()
