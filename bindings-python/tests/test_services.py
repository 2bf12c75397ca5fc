"""Hosting (servers, cloud) and digital services (pages, per-use services, transfers, three
tiers): the same JSON as the CLI for the same input; bad input raises the documented exception."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import empreinte
from conftest import cli_any


def test_server_equals_cli() -> None:
    assert empreinte.server(generic=True, pue=1.4, hours=4380).to_dict() == cli_any(
        "server", "--generic", "--pue", "1.4", "--hours", "4380")
    got = empreinte.server(
        "platform_compute_medium", dataset="boavizta-2.5", case_type="rack",
        cpu={"units": 2, "name": "Xeon Gold 6134"}, ram=[{"units": 12, "capacity_gb": 32}],
        disks=[{"kind": "ssd", "units": 2, "capacity_gb": 960}, {"kind": "hdd", "units": 4, "capacity_gb": 4000}],
        power_supply={"units": 2, "unit_weight_kg": 2.5}, years=2, load_profile=[(50, 10), (50, 60)],
        location="DE", site="colocation", lifetime_years=6)
    expected = cli_any("server", "--dataset", "boavizta-2.5", "--archetype", "platform_compute_medium",
                       "--case", "rack", "--cpu-units", "2", "--cpu-name", "Xeon Gold 6134", "--ram", "12x32",
                       "--ssd", "2x960", "--hdd", "4x4000", "--psu", "2x2.5", "--years", "2",
                       "--load-profile", "50:10,50:60", "--location", "DE", "--site", "colocation",
                       "--lifetime-years", "6")
    assert got.to_dict() == expected
    assert got.climate_change_kgco2e == expected["impacts"]["climate_change"]["total"]["central"]
    frame = got.to_pandas()
    assert {"indicator", "phase", "unit", "central"} <= set(frame.columns)
    unknown = empreinte.server(dataset="boavizta-2.5", load_percent=30, no_location=True)
    assert unknown.to_dict() == cli_any("server", "--dataset", "boavizta-2.5", "--load", "30", "--no-location")


def test_cloud_equals_cli() -> None:
    got = empreinte.cloud("aws", "m6g.xlarge", "eu-west-3", load_percent=30, hours=720)
    assert got.to_dict() == cli_any("cloud", "--dataset", "boavizta-2.5", "--provider", "aws",
                                    "--instance", "m6g.xlarge", "--region", "eu-west-3", "--load", "30",
                                    "--hours", "720")


@pytest.mark.parametrize("call,code,field", [
    (lambda: empreinte.server(generic=True, pue=0.9), "hosting_invalid_pue", "pue"),
    (lambda: empreinte.server(generic=True, hours=-1), "hosting_out_of_range", "duration_hours"),
    (lambda: empreinte.server("platform_compute_huge", dataset="boavizta-2.5"), "hosting_unknown_server", None),
    (lambda: empreinte.server(generic=True, site="garage"), "hosting_unknown_site", None),
    (lambda: empreinte.server(dataset="boavizta-2.5", ram=[{"units": -4, "capacity_gb": 32}]),
     "hosting_out_of_range", "ram.units"),
    (lambda: empreinte.server(dataset="boavizta-2.5", cpu={"cores": 4}), "invalid_input", None),
    (lambda: empreinte.cloud("aws", "m6g.xlarg"), "hosting_unknown_instance", None),
    (lambda: empreinte.cloud("aws", "m6g.xlarge", dataset="ademe-negaoctet-2022"), "hosting_missing_table", None),
    (lambda: empreinte.server(generic=True, hours=10, years=1), "hosting_conflicting_fields", "duration_years"),
])
def test_hosting_errors(call: Callable[[], Any], code: str, field: Any) -> None:
    with pytest.raises(empreinte.HostingError) as info:
        call()
    e = info.value
    assert isinstance(e, ValueError) and (e.code, e.field) == (code, field), str(e)
    assert e.message


def test_page_equals_cli() -> None:
    assert empreinte.page(dom_elements=600, requests=60, size_kb=1500).to_dict() == cli_any(
        "page", "--dom", "600", "--requests", "60", "--size-kb", "1500")
    assert empreinte.page("swd4", bytes=2_000_000, green_hosting=True, grid="FR").to_dict() == cli_any(
        "page", "--model", "swd4", "--bytes", "2000000", "--green-hosting", "--country", "FR")
    assert empreinte.page("swd3", size_kb=850, returning_visitors=0.4, data_centre_grid=50.0).to_dict() == cli_any(
        "page", "--model", "swd3", "--size-kb", "850", "--returning-visitors", "0.4", "--dc-country", "50")
    assert empreinte.page("onebyte", bytes=1e6, exclude_terminals=True).to_dict() == cli_any(
        "page", "--model", "onebyte", "--bytes", "1000000", "--exclude-terminals")
    assert empreinte.page("swd4", bytes=1e6, per_visit=False).to_dict() == cli_any(
        "page", "--model", "swd4", "--bytes", "1000000", "--per-byte")


SERVICES = [
    (dict(kind="email", size_mb=2, recipients=5, terminal="laptop", sender_network="mobile_fr", uses=100),
     ["email", "--size-mb", "2", "--recipients", "5", "--terminal", "laptop", "--network", "mobile_fr", "--uses", "100"]),
    (dict(kind="visio", minutes=45, devices=6, quality="hd"),
     ["visio", "--minutes", "45", "--devices", "6", "--quality", "hd"]),
    (dict(kind="streaming", minutes=90, network="mobile_fr", exclude_terminals=True),
     ["streaming", "--minutes", "90", "--network", "mobile_fr", "--exclude-terminals"]),
    (dict(kind="web_search", pages_read=3, year=2024), ["search", "--pages", "3", "--year", "2024"]),
    (dict(kind="file_transfer", size_gb=4), ["file", "--gb", "4"]),
]


@pytest.mark.parametrize("kwargs,args", SERVICES, ids=[s[0]["kind"] for s in SERVICES])
def test_service_equals_cli(kwargs: dict[str, Any], args: list[str]) -> None:
    assert empreinte.service(**kwargs).to_dict() == cli_any("service", *args)


def test_transfer_and_three_tier_equal_cli() -> None:
    r = empreinte.service("transfer", gb=2.5, network="mobile_fr", uses=10)
    assert r.footprint == cli_any("service", "transfer", "--gb", "2.5", "--network", "mobile_fr", "--uses", "10")
    t = empreinte.service("three_tier", service="téléprocédure", hours_per_use=0.25, gb_per_use=0.02,
                          terminal="laptop", data_centre={"country": "FR"}, uses=5000)
    assert t.footprint == cli_any("service", "generic", "--name", "téléprocédure", "--minutes-per-use", "15",
                                  "--gb-per-use", "0.02", "--terminal", "laptop", "--dc-country", "FR",
                                  "--uses", "5000")
    frame = t.to_pandas()
    assert {"tier", "indicator", "phase", "central"} <= set(frame.columns)


@pytest.mark.parametrize("call,code,field", [
    (lambda: empreinte.page("swd4", bytes=-1), "service_invalid_number", "bytes"),
    (lambda: empreinte.page(dom_elements=100, requests=10), "service_invalid_number", "size_kb"),
    (lambda: empreinte.page("swd5", bytes=1000), "unknown_choice", "model"),
    (lambda: empreinte.page("swd4", bytes=1000, device_grid="Atlantis"), "unknown_country", "country"),
    (lambda: empreinte.service("email", size_mb=-1), "service_invalid_number", "size_mb"),
    (lambda: empreinte.service("visio", quality="8k"), "unknown_choice", "quality"),
    (lambda: empreinte.service("streaming", network="5g_mars"), "unknown_network", "network"),
    (lambda: empreinte.service("email", terminal_region="atlantide"), "unknown_choice", "region"),
    (lambda: empreinte.service("transfer", gb=-3), "service_invalid_number", "gb"),
    (lambda: empreinte.service("streaming", devices=3), "invalid_input", "devices"),
    (lambda: empreinte.service("streaming", colour="red"), "invalid_input", None),
    (lambda: empreinte.page("swd4", bytes=1000, dom_elements=5), "invalid_input", "dom_elements"),
    (lambda: empreinte.service("email", uses=-1), "service_invalid_number", "uses"),
    (lambda: empreinte.service("fax"), "unknown_service", "kind"),  # type: ignore[arg-type]
])
def test_service_errors(call: Callable[[], Any], code: str, field: Any) -> None:
    with pytest.raises(empreinte.ServiceError) as info:
        call()
    e = info.value
    assert isinstance(e, ValueError) and (e.code, e.field) == (code, field), str(e)


def test_unset_options_take_the_cores_defaults() -> None:
    d = empreinte.DEFAULTS
    assert d["reporting_year"] == empreinte.evaluate("category;quantity\nlaptop;1\n").options["reporting_year"]
    one_year = empreinte.server(generic=True)
    assert one_year["duration_hours"] == d["hours_per_year"]
    assert empreinte.server(generic=True, years=1).to_dict() == one_year.to_dict()
    assert empreinte.service("visio").footprint["uses"] == d["service_uses"]
    assert empreinte.service("visio", year=d["reporting_year"], uses=d["service_uses"]).to_dict() \
        == empreinte.service("visio").to_dict()


@pytest.mark.parametrize("options", [
    {}, {"per_visit": False}, {"model": "swd3", "device_grid": "FR", "data_centre_grid": 50},
    {"model": "onebyte", "green_hosting": True}, {"returning_visitors": 0.3, "grid": "DE"},
])
def test_pages_are_one_call_each(options: dict[str, Any]) -> None:
    weights = [10000 + (i * 7919) % 10000000 for i in range(300)] + [0, 0.5, 1]
    totals = empreinte.pages(weights, **options)
    assert isinstance(totals, list) and len(totals) == len(weights)
    for b, t in zip(weights, totals):
        assert t == empreinte.page(options.get("model", "swd4"), bytes=b, **{
            k: v for k, v in options.items() if k != "model"})["estimate"]["total_gco2e"]


def test_pages_from_numpy_and_errors() -> None:
    np = pytest.importorskip("numpy")
    weights = np.arange(1000, 1_000_000, 9973, dtype=np.int64)
    got = empreinte.pages(weights, per_visit=True)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    assert got.tolist() == empreinte.pages(weights.tolist(), per_visit=True)
    assert empreinte.pages([]) == []
    with pytest.raises(empreinte.ServiceError) as e:
        empreinte.pages([1000, -1])
    assert (e.value.code, e.value.field, e.value.index) == ("service_invalid_number", "bytes", 1)
    with pytest.raises(empreinte.ServiceError) as e:
        empreinte.pages([1000], model="swd9")
    assert (e.value.code, e.value.index) == ("unknown_choice", None)


def test_services_are_one_call_each() -> None:
    params = [{"size_mb": 2, "recipients": 5}, {}, {"size_mb": 0.1, "terminal": "laptop"}]
    got = empreinte.services("email", params, uses=10)
    assert [r.to_dict() for r in got] == [
        empreinte.service("email", uses=10, **p).to_dict() for p in params]
    with pytest.raises(empreinte.ServiceError) as e:
        empreinte.services("email", [{}, {"minutes": 3}])
    assert (e.value.code, e.value.index) == ("invalid_input", 1)
