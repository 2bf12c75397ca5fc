"""Not available is not zero, in every helper: the headline, the group tables, the long tables,
comparisons, scenarios, trajectories and hosting results give ``None`` (NaN in pandas) and a
status, never 0. An indicator the dataset does not cover in every phase has no total unless the
use phase alone is asked for; a lumped figure's distribution and end of life are "included in
manufacturing"."""

from __future__ import annotations

import empreinte
from conftest import MONTCLAIR, cli_json

WEBCAMS = "category;quantity;acquisition_year\nwebcam;10;2020\n"
SERVERS = "category;quantity;acquisition_year\nserver;2;2023\nlaptop;3;2023\n"


def test_land_use_is_not_available_never_zero() -> None:
    r = empreinte.evaluate(MONTCLAIR)
    lu = r.totals["land_use"]
    for phase in (*empreinte.PHASES, "total"):
        assert lu[phase]["status"] == "not_available"
        assert "central" not in lu[phase]
    info = next(i for i in r.indicators if i["id"] == "land_use")
    assert info["phases_covered"] == [] and info["total"] == "not_available"
    frame = r.to_pandas()
    rows = frame[(frame.scope == "total") & (frame.indicator == "land_use")]
    assert rows["central"].isna().all()
    assert set(rows["status"]) == {"not_available"}


def test_indicators_lead_with_the_fully_covered_ones() -> None:
    r = empreinte.evaluate(MONTCLAIR)
    assert r.indicators[0]["id"] == "climate_change"
    assert r.indicators[0]["phases_covered"] == list(empreinte.PHASES)
    assert all(len(i["phases_covered"]) < 4 for i in r.indicators[1:])


def test_water_is_two_quantities_never_summed() -> None:
    r = empreinte.evaluate(MONTCLAIR)
    wc, wa = r.totals["water_consumption"], r.totals["water_ademe"]
    assert wc["total"]["status"] == "not_available" and wc["total"]["not_covered"] is True
    assert wc["manufacturing"]["status"] == "not_available"
    assert wc["use"]["central"] > 0
    assert wa["manufacturing"]["central"] > 0
    assert wa["use"]["status"] == "not_available"
    assert wa["total"]["status"] == "not_available"


def test_use_phase_only_indicators_on_request() -> None:
    r = empreinte.evaluate(MONTCLAIR, use_phase_only_indicators=True)
    t = r.totals["resource_use_minerals_metals"]
    assert t["total"]["status"] == "use_phase_only"
    assert t["total"]["central"] == t["use"]["central"]
    assert r.options["use_phase_only_indicators"] is True
    same = empreinte.evaluate(MONTCLAIR, options={"use_phase_only_indicators": True})
    assert same.to_dict() == r.to_dict()
    assert r.to_dict() == cli_json(str(MONTCLAIR), "--use-phase-only-indicators")


def test_the_headline_and_groups_are_none_when_not_available() -> None:
    r = empreinte.evaluate(WEBCAMS)
    assert r.climate_change_kgco2e is None
    assert "climate_change=n/a" in repr(r)
    rows = r.by_category(as_frame=False)
    assert rows[0]["total"] is None and rows[0]["status"] == "not_available"
    frame = r.by_category(as_frame=True)
    assert frame["total"].isna().iloc[0]


def test_a_lumped_figure_reads_included_in_manufacturing() -> None:
    r = empreinte.evaluate(SERVERS)
    d = r.totals["climate_change"]["distribution"]
    assert d["status"] == "available" and d["included_contributions"] == 1
    server = next(g for g in r.to_dict()["by_category"] if g["key"] == "server")
    cell = server["impacts"]["climate_change"]["end_of_life"]
    assert cell["status"] == "included_in_manufacturing" and "central" not in cell
    rows = [x for x in r.to_records() if x["scope"] == "category" and x["key"] == "server"
            and x["indicator"] == "climate_change" and x["phase"] == "distribution"]
    assert rows[0]["status"] == "included_in_manufacturing" and rows[0]["central"] is None


def test_comparison_records_show_included_and_not_available() -> None:
    c = empreinte.compare([
        {"name": "neuf", "category": "server"},
        {"name": "reconditionné", "category": "server", "condition": "refurbished"},
    ])
    new, refurb = c.offers
    assert new["per_year"]["climate_change"]["distribution"] == "included_in_manufacturing"
    # The refurbished server's transport and end of life are not available: no total, no
    # difference (never a zero, never -100 %).
    assert refurb["climate_change_kgco2e_per_year"] is None
    assert refurb["difference_kgco2e_per_year"] is None and refurb["difference_percent"] is None
    assert "reconditionné=n/a" in repr(c)
    rows = {(x["offer"], x["phase"]): x for x in c.to_records() if x["indicator"] == "climate_change"}
    assert rows[("neuf", "distribution")]["status"] == "included_in_manufacturing"
    assert rows[("neuf", "distribution")]["central"] is None
    assert rows[("reconditionné", "total")]["status"] == "not_available"
    assert rows[("neuf", "total")]["central"] > 0
    assert list(c.to_pandas().columns) == ["offer", "indicator", "phase", "unit", "status", "low", "central", "high"]


def test_scenarios_and_trajectories_are_none_when_not_available() -> None:
    s = empreinte.scenario(WEBCAMS, levers=[{"lever": "reduce_fleet", "share": 0.1}])
    assert s.scenarios[0]["change_kgco2e"] is None
    assert "n/a kgCO2e" in repr(s)
    rows = [x for x in s.to_records() if x["indicator"] == "climate_change" and x["phase"] == "total"]
    assert rows[0]["status"] == "not_available" and rows[0]["change"] is None
    t = empreinte.trajectory(WEBCAMS, start=2025, horizon=2026)
    rows = [x for x in t.to_records() if x["indicator"] == "climate_change"]
    assert all(x["central"] is None and x["status"] == "not_available" for x in rows)


def test_hosting_records_say_included() -> None:
    h = empreinte.server(generic=True)
    rows = {(x["indicator"], x["phase"]): x for x in h.to_records()}
    assert rows[("climate_change", "distribution")]["status"] == "included_in_manufacturing"
    assert rows[("climate_change", "distribution")]["central"] is None
    assert rows[("climate_change", "total")]["status"] == "available"
    assert h.climate_change_kgco2e is not None and h.climate_change_kgco2e > 0
