"""Offer comparison, scenarios, trajectory, the review, Monte Carlo: the same JSON as the CLI
for the same input; bad input raises the documented exception."""

from __future__ import annotations

import pathlib
from typing import Any

import pandas as pd
import pytest

import empreinte
from conftest import MONTCLAIR, cli_any, cli_json

FLEET = "category;quantity;acquisition_year;department\nlaptop;10;2022;Mairie\nmonitor;5;2020;École\nsmartphone;8;2023;Mairie\n"
EXTEND = [{"lever": "extend_lifetime", "years": 2}]


def test_monte_carlo_equals_cli() -> None:
    r = empreinte.evaluate(MONTCLAIR, year=2025, monte_carlo=300, seed=7)
    assert r.to_dict() == cli_json(str(MONTCLAIR), "--year", "2025", "--monte-carlo", "300", "--seed", "7")
    mc = r.monte_carlo
    assert mc is not None and mc["draws"] == 300 and mc["seed"] == 7
    stats = mc["totals"]["climate_change"]["total"]
    assert stats["p5"] <= stats["p50"] <= stats["p95"]
    frame = r.to_pandas()
    assert list(frame.columns[-4:]) == ["mean", "p5", "p50", "p95"]
    total = frame[(frame.scope == "total") & (frame.indicator == "climate_change") & (frame.phase == "total")]
    assert total["p50"].iloc[0] == stats["p50"]
    assert empreinte.evaluate(MONTCLAIR).monte_carlo is None
    with pytest.raises(empreinte.OptionsError) as info:
        empreinte.evaluate(MONTCLAIR, monte_carlo=0)
    assert info.value.code == "invalid_option"


def test_compare_equals_cli() -> None:
    offers = [
        {"name": "neuf", "catégorie": "PC portable", "unit_price_eur": 900},
        {"name": "reconditionné", "category": "laptop", "état": "reconditionné", "price_eur": 500,
         "replaced_parts": [{"name": "batterie", "climate_kgco2e": 12.5}]},
    ]
    c = empreinte.compare(offers, year=2025)
    expected = cli_any("compare", "--offer", "neuf: category=laptop; price=900",
                       "--offer", "reconditionné: category=laptop; condition=refurbished; price=500; part=batterie:12.5")
    assert c.to_dict() == expected
    assert [o["name"] for o in c.offers] == ["neuf", "reconditionné"]
    shared = empreinte.compare(offers, allocation="shared_first_life")
    assert shared.to_dict() == cli_any(
        "compare", "--offer", "neuf: category=laptop; price=900",
        "--offer", "reconditionné: category=laptop; condition=refurbished; price=500; part=batterie:12.5",
        "--allocation", "shared")
    frame = c.to_pandas()
    assert set(frame["offer"]) == {"neuf", "reconditionné"} and "total" in set(frame["phase"])


@pytest.mark.parametrize("offers,code,line,field", [
    ([], "no_offers", None, None),
    ([{"name": "a", "category": "laptop"}, {"name": "b", "category": "grille-pain"}], "unknown_category", 2, "category"),
    ([{"name": "a", "category": "laptop", "unit_price_eur": -1}], "out_of_range", 1, "unit_price_eur"),
    ([{"name": "a", "category": "laptop", "couleur": "rouge"}], "invalid_input", 1, "couleur"),
    ([{"name": "a", "category": "laptop", "replaced_parts": [{"name": "x"}]}], "invalid_input", 1, "replaced_parts"),
    ([{"name": "a", "category": "laptop", "replaced_parts": [{"name": "x", "climate_kgco2e": {"low": 9, "central": 5, "high": 1}}]}],
     "out_of_range", 1, "replaced_parts"),
])
def test_compare_errors(offers: Any, code: str, line: Any, field: Any) -> None:
    with pytest.raises(empreinte.CompareError) as info:
        empreinte.compare(offers)
    e = info.value
    assert isinstance(e, ValueError) and (e.code, e.line, e.field) == (code, line, field), str(e)


def test_compare_bad_allocation() -> None:
    with pytest.raises(empreinte.OptionsError) as info:
        empreinte.compare([{"category": "laptop"}], allocation="half")
    assert (info.value.code, info.value.field) == ("invalid_option", "allocation")


def test_scenario_equals_cli(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "parc.csv"
    path.write_text(FLEET, encoding="utf-8")
    levers = [{"lever": "extend_lifetime", "years": 2}, {"lever": "refurbished_share", "share": 0.3},
              {"lever": "reduce_fleet", "share": 0.1, "categories": ["monitor"]}, {"lever": "electricity", "country": "SE"}]
    r = empreinte.scenario(path, levers, name="sobriété", year=2025)
    expected = cli_any("scenario", str(path), "--year", "2025", "--name", "sobriété", "--extend-lifetime", "2",
                       "--refurbished-share", "30", "--reduce", "10", "--electricity", "SE", "--categories", "monitor")
    # The CLI restricts every lever to --categories; compare the lever the same way.
    cli_levers = [dict(lv, categories=["monitor"]) for lv in levers]
    same = empreinte.scenario(path, cli_levers, name="sobriété", year=2025)
    assert same.scenarios == expected
    assert r.baseline.totals == empreinte.evaluate(path).totals
    frame = r.to_pandas()
    assert list(frame.columns) == ["name", "indicator", "phase", "status", "baseline", "scenario", "change"]
    # Every input form gives the same result.
    for inventory in (FLEET, FLEET.encode("cp1252"), pd.read_csv(path, sep=";"),
                      pd.read_csv(path, sep=";").to_dict("records")):
        assert empreinte.scenario(inventory, EXTEND).scenarios == empreinte.scenario(path, EXTEND).scenarios


@pytest.mark.parametrize("levers,code,field", [
    ([{"lever": "refurbished_share", "share": 1.5}], "out_of_range", "refurbished_share"),
    ([{"lever": "extend_lifetime", "years": -3}], "out_of_range", "extend_lifetime"),
    ([{"lever": "reduce_fleet", "share": 0.1, "categories": ["grille-pain"]}], "unknown_category", "categories"),
    ([{"lever": "electricity", "country": "Mordor"}], "unknown_country", "country"),
    ([{"lever": "teleport", "years": 2}], "invalid_input", "levers"),
    ([{"lever": "extend_lifetime", "years": "deux"}], "invalid_input", "levers"),
])
def test_scenario_errors(levers: Any, code: str, field: str) -> None:
    with pytest.raises(empreinte.ScenarioError) as info:
        empreinte.scenario(FLEET, levers)
    e = info.value
    assert isinstance(e, ValueError) and (e.code, e.line, e.field) == (code, None, field), str(e)


def test_scenario_keeps_rejected_rows() -> None:
    r = empreinte.scenario(FLEET + "laptop;deux;2022;x\ngrille-pain;1;2022;x\n", EXTEND)
    assert [(x["line"], x["code"]) for x in r.rejected] == [(5, "not_a_number")]  # on reading
    assert [(x["line"], x["code"]) for x in r.baseline.rejected] == [(6, "unknown_category")]  # on evaluating


def test_trajectory_equals_cli(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "parc.csv"
    path.write_text(FLEET, encoding="utf-8")
    t = empreinte.trajectory(path, start=2025, horizon=2032,
                             scenarios=[{"name": "scénario", "levers": [{"lever": "extend_lifetime", "years": 2}]}])
    expected = cli_any("trajectory", str(path), "--from", "2025", "--to", "2032", "--extend-lifetime", "2")
    assert t.series == expected
    baseline_only = empreinte.trajectory(path, start=2025, horizon=2032)
    assert baseline_only.series == cli_any("trajectory", str(path), "--from", "2025", "--to", "2032")
    frame = t.to_pandas()
    assert {"series", "year", "indicator", "central"} <= set(frame.columns)
    assert sorted(set(frame["year"])) == list(range(2025, 2033))
    assert len(t.to_pandas(phases=True)) == 5 * len(frame)


def test_trajectory_errors() -> None:
    for start, horizon, code in ((2030, 2025, "horizon_before_start"), (2025, 2100, "out_of_range")):
        with pytest.raises(empreinte.TrajectoryError) as info:
            empreinte.trajectory(FLEET, start=start, horizon=horizon)
        assert (info.value.code, info.value.field) == (code, "horizon")
    with pytest.raises(empreinte.ScenarioError):
        empreinte.trajectory(FLEET, scenarios=[{"name": "x", "levers": [{"lever": "reduce_fleet", "share": 2}]}])


def test_trajectory_baseline_rules(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "parc.csv"
    path.write_text(FLEET, encoding="utf-8")
    practice = empreinte.trajectory(path, start=2025, horizon=2030)
    assert practice.renewal["rule"] == "practice"
    assert all(c["source"] in ("practice", "practice_raised_to_low", "practice_lowered_to_high", "dataset")
               for c in practice.renewal["classes"])
    before = empreinte.trajectory(path, start=2025, horizon=2030, baseline="dataset_lifetime")
    assert before.series == cli_any("trajectory", str(path), "--from", "2025", "--to", "2030",
                                    "--baseline", "dataset-lifetime")
    assert before.renewal["rule"] == "dataset_lifetime"
    mine = empreinte.trajectory(path, start=2025, horizon=2030, baseline={"lifetimes": {"PC portable": 9}})
    assert mine.series == cli_any("trajectory", str(path), "--from", "2025", "--to", "2030",
                                  "--baseline", "PC portable=9")
    laptop = next(c for c in mine.renewal["classes"] if c["category"] == "laptop")
    assert (laptop["lifetime_years"], laptop["source"]) == (9.0, "user")
    # The first year is the evaluation, whatever the rule.
    first = empreinte.evaluate(path, year=2025).totals
    for t in (practice, before, mine):
        assert t.series[0]["years"][0]["impacts"] == first
    for bad, code in (({"lifetimes": {"portabel": 6}}, "unknown_category"),
                      ({"lifetimes": {"laptop": 0}}, "out_of_range"),
                      ("pratique", "invalid_input"), ({"laptop": 7}, "invalid_input")):
        with pytest.raises(empreinte.TrajectoryError) as info:
            empreinte.trajectory(path, baseline=bad)
        assert (info.value.code, info.value.field) == (code, "baseline"), str(info.value)


def test_evaluate_with_last_years_inventory_splits_the_change(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "parc.csv"
    path.write_text("category;quantity;acquisition_year;lifetime_years\nlaptop;10;2022;6\ndesktop;4;2021;8\n",
                    encoding="utf-8")
    r = empreinte.evaluate(path, year=2024, previous=path)
    split = r.year_over_year
    assert split is not None and split["previous_year"] == 2023
    total = lambda part: split[part]["climate_change"]["total"]["central"]  # noqa: E731
    assert total("fleet_effect") == 0.0 and total("ageing_effect") == 0.0
    assert total("reference_effect") == total("total_change") < 0
    assert split["method_breaks"][0]["previous"]["method"] == "single-year figure"
    assert split["method_breaks"][0]["current"]["method"] == "four-year smoothed average"
    assert r.to_dict() == cli_any("evaluate", str(path), "--year", "2024", "--previous", str(path))
    assert empreinte.evaluate(path, year=2024).year_over_year is None
    # Another year, and inventories as text or records too.
    text = path.read_text(encoding="utf-8")
    r = empreinte.evaluate(text, year=2025, previous=text, previous_year=2022)
    assert r.year_over_year["previous_year"] == 2022
    with pytest.raises(TypeError):
        empreinte.evaluate(path, previous_year=2022)
    md = empreinte.review(path, path, year=2024, format="md", lang="en")
    assert "What explains the change" in md and "Method break" in md
    assert "Trajectory at today's practice" in md


def test_review_equals_cli(tmp_path: pathlib.Path) -> None:
    cli = tmp_path / "cli.md"
    import subprocess
    out = subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "empreinte-cli", "--", "report", str(MONTCLAIR),
                          "--previous", str(MONTCLAIR), "--format", "md", "--lang", "en", "--year", "2025",
                          "--inhabitants", "60000", "--commune", "Montclair", "-o", str(cli)],
                         cwd=MONTCLAIR.parents[2], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    md = empreinte.review(MONTCLAIR, previous=MONTCLAIR, format="md", lang="en", year=2025,
                          inhabitants=60000, commune="Montclair")
    assert md == cli.read_text(encoding="utf-8")
    html = empreinte.review(pd.read_csv(MONTCLAIR), format="html")
    assert html.lstrip().lower().startswith("<!doctype html")
    with pytest.raises(empreinte.OptionsError) as info:
        empreinte.review(MONTCLAIR, format="pdf")
    assert info.value.field == "format"
