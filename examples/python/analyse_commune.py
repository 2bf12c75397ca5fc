"""What an analyst writes: the footprint of a commune's digital estate, a scenario, two charts.

    python examples/python/analyse_commune.py OUTPUT_DIR [--commune ville-montclair] [--year 2025]

1. loads a sample commune's inventory (examples/communes/) into pandas and evaluates it;
2. prints the footprint: headline, per inhabitant / agent / pupil, by category and phase;
3. compares a scenario with the baseline (`empreinte.scenario`): every device kept 2 years
   longer;
4. saves PNG charts in OUTPUT_DIR: footprint by category and phase, the scenario against
   the baseline, and the trajectory 2025-2035 (`empreinte.trajectory`: each class renewed at
   the lifetime its devices in service show, the backlog spread; today's practice against the
   scenario).

Every figure comes from empreinte: this script only picks options and plots.
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


def evaluate(inventory: pd.DataFrame, commune: Dict[str, Any], year: int) -> empreinte.Report:
    return empreinte.evaluate(inventory, year=year, inhabitants=commune["inhabitants"],
                              agents=commune["agents"], pupils=commune["pupils"])


#: The scenario: every device kept 2 years longer.
PLUS_2_YEARS = {"name": "Durée de vie +2 ans", "levers": [{"lever": "extend_lifetime", "years": 2}]}


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


def scenario_table(result: empreinte.ScenarioResults) -> pd.DataFrame:
    """Climate change by phase: today, the scenario, the change (all from the core)."""
    frame = result.to_pandas()
    frame = frame[frame["indicator"] == "climate_change"]
    table = frame[["phase", "baseline", "scenario", "change"]].rename(
        columns={"baseline": "baseline_kgco2e", "scenario": "plus_2_years_kgco2e", "change": "delta_kgco2e"})
    return table.reset_index(drop=True)


def chart_by_category(report: empreinte.Report, path: pathlib.Path, title: str) -> None:
    frame = report.by_category(as_frame=True).sort_values("total")
    # Categories with a figure (a total not available is NaN: left out, never drawn as 0).
    frame = frame[frame["total"] > 0].tail(15)
    # A partial total (some lines without a factor) says so in its label.
    labels = frame["label_fr"].where(frame["status"] != "partial", frame["label_fr"] + " (partiel)")
    fig, ax = plt.subplots(figsize=(9, 6))
    left = pd.Series(0.0, index=frame.index)
    for phase in empreinte.PHASES:
        # A phase without a number of its own (included in manufacturing, or not available)
        # adds no length to the stacked bar; it is not a zero of the data.
        present = frame[phase].notna()
        ax.barh(labels[present], frame[phase][present], left=left[present], label=PHASE_LABELS[phase],
                color=PHASE_COLOURS[phase])
        left = left.add(frame[phase].where(present, other=0.0))
    ax.errorbar(frame["total"], labels,
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


def chart_trajectory(trajectory: empreinte.Trajectory, path: pathlib.Path, title: str) -> None:
    frame = trajectory.to_pandas()
    frame = frame[frame["indicator"] == "climate_change"]
    labels = {"baseline": "Pratique actuelle (renouvellement à l'identique)"}
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for (name, series), colour in zip(frame.groupby("series", sort=False), ["#4c72b0", "#55a868"]):
        ax.plot(series["year"], series["central"], marker="o", label=labels.get(str(name), str(name)), color=colour)
        ax.fill_between(series["year"], series["low"], series["high"], alpha=0.15, color=colour)
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
    baseline = evaluate(inventory, commune, args.year)
    print_footprint(commune["name"], baseline, args.year)

    result = empreinte.scenario(inventory, scenarios=[PLUS_2_YEARS], year=args.year)
    table = scenario_table(result)
    print(f"\n== Scenario: every device kept 2 years longer ({args.year})")
    print(table.round(1).to_string(index=False))
    plus_2 = result.scenarios[0]
    pct = plus_2["change_percent"]
    print(f"Change this year: {fmt(plus_2['change_kgco2e'])}"
          + ("" if pct is None else f" ({pct:+.1f} %)"))

    trajectory = empreinte.trajectory(inventory, start=2025, horizon=2035, scenarios=[PLUS_2_YEARS])
    print("\n== Trajectory 2025-2035, devices renewed at the end of their life (kg CO2e / year)")
    series = {s["name"]: s["years"] for s in trajectory.series}
    for today, longer in zip(series["baseline"], series[PLUS_2_YEARS["name"]]):
        a = today["impacts"]["climate_change"]["total"]["central"]
        b = longer["impacts"]["climate_change"]["total"]["central"]
        print(f"  {today['year']}: {fmt(a, ''):>10} | +2 years: {fmt(b, ''):>10} "
              f"({today['purchases']} / {longer['purchases']} purchases)")

    out = args.output_dir
    chart_by_category(baseline, out / "footprint_by_category_phase.png",
                      f"{commune['name']} - empreinte carbone du parc {args.year}, par catégorie et phase")
    chart_scenario(table, out / "scenario_lifetime_plus_2.png",
                   f"{commune['name']} - durée de vie +2 ans vs aujourd'hui ({args.year})")
    chart_trajectory(trajectory, out / "trajectory_2025_2035.png",
                     f"{commune['name']} - trajectoire 2025-2035 (renouvellement à la pratique de la commune)")
    for png in sorted(out.glob("*.png")):
        print(f"wrote {png}")


if __name__ == "__main__":
    main()
