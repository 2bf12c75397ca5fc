"""Every input type gives the CLI's figures, to the last digit."""

from __future__ import annotations

import io
import json
import math
import pathlib
from typing import Any

import pandas as pd
import polars as pl
import pytest

import empreinte
from conftest import COMMUNES, MONTCLAIR, cli_json, cli_text

SAME = ("counts", "totals", "by_category", "by_department", "per_capita", "rejected", "dataset")


def assert_same(report: empreinte.Report, expected: dict[str, Any], keys: tuple[str, ...] = SAME) -> None:
    got = report.to_dict()
    for key in keys:
        assert got[key] == expected[key], key


def montclair_inputs() -> dict[str, Any]:
    text = MONTCLAIR.read_text(encoding="utf-8")
    frame = pd.read_csv(MONTCLAIR)
    return {
        "path-str": str(MONTCLAIR),
        "path-pathlib": MONTCLAIR,
        "csv-text": text,
        "csv-bytes": MONTCLAIR.read_bytes(),
        "csv-bytearray": bytearray(MONTCLAIR.read_bytes()),
        "csv-bytes-semicolon-decimal-comma": frame.to_csv(sep=";", decimal=",", index=False).encode(),
        "csv-windows-1252": (COMMUNES / "ville-montclair-excel-1252.csv").read_bytes(),
        "json-path": COMMUNES / "ville-montclair.json",
        "json-text": (COMMUNES / "ville-montclair.json").read_text(encoding="utf-8"),
        "json-bytes": (COMMUNES / "ville-montclair.json").read_bytes(),
        "records": frame.to_dict("records"),
        "records-generator": (r for r in frame.to_dict("records")),
        "pandas": frame,
        "pandas-french-headers": frame.rename(
            columns={"category": "Type de matériel", "quantity": "Qté", "acquisition_year": "Année d'acquisition",
                     "lifetime_years": "Durée de vie (ans)", "department": "Service"}),
        "pandas-categorical": frame.astype({"category": "category", "department": "category"}),
        "pandas-nullable-ints": frame.astype({"quantity": "Int64", "acquisition_year": "Int64"}),
        "pandas-object": frame.astype(object),
        # Strings that are not Python objects: handed over as codes into their distinct values.
        **{f"pandas-string-{storage}": frame.astype(
            {c: f"string[{storage}]" for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])})
           for storage in ("pyarrow", "python")},
        # Arrow-backed columns throughout (text coded from the Arrow buffers), and text split in
        # chunks, the second starting inside its buffers.
        "pandas-arrow-backend": pd.read_csv(MONTCLAIR, dtype_backend="pyarrow"),
        "pandas-string-chunked": pd.concat(
            [frame.iloc[:7], frame.iloc[7:]], ignore_index=True).astype(
            {c: "string[pyarrow]" for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])}),
        "polars": pl.read_csv(MONTCLAIR, infer_schema_length=None),
        "polars-lazy": pl.read_csv(MONTCLAIR, infer_schema_length=None).lazy(),
        "polars-categorical": pl.read_csv(MONTCLAIR, infer_schema_length=None).with_columns(
            pl.col("category").cast(pl.Categorical)),
    }


@pytest.mark.parametrize("name", list(montclair_inputs()))
def test_every_input_type_matches_cli(name: str, montclair_cli: dict[str, Any]) -> None:
    inventory = montclair_inputs()[name]
    report = empreinte.evaluate(inventory, year=2025)
    if name.startswith("json") or name == "csv-windows-1252":
        # Same fleet, other files: compare with the CLI on that very file.
        path = str(COMMUNES / ("ville-montclair.json" if name.startswith("json")
                               else "ville-montclair-excel-1252.csv"))
        expected = cli_json(path, "--year", "2025")
        assert report.to_dict()["totals"] == expected["totals"]
        assert report.counts == expected["counts"]
    else:
        assert_same(report, montclair_cli)
    c = report.counts
    assert c["rows_read"] == c["rows_evaluated"] + c["rows_rejected"] > 0


def test_path_json_is_byte_identical_to_cli() -> None:
    for path, args in [(MONTCLAIR, ("--year", "2024", "--inhabitants", "60000", "--lines")),
                       (COMMUNES / "village-saint-aubin.csv", ("--annualisation", "accounting")),
                       (COMMUNES / "ville-montclair.json", ("--dataset", "boavizta-2.5"))]:
        kwargs: dict[str, Any] = {}
        if "--year" in args:
            kwargs.update(year=2024, inhabitants=60000, lines=True)
        if "accounting" in args:
            kwargs.update(annualisation="accounting")
        if "boavizta-2.5" in args:
            kwargs.update(dataset="boavizta-2.5")
        report = empreinte.evaluate(path, **kwargs)
        assert report.to_json() + "\n" == cli_text(str(path), *args)


def test_options_reach_the_core() -> None:
    r = empreinte.evaluate(MONTCLAIR, year=2023, annualisation="none", country="FR",
                           inhabitants=60000, agents=900, pupils=5200, lines=True)
    assert r.options.items() >= {"reporting_year": 2023, "annualisation": {"method": "none"},
                         "default_country": "FR", "inhabitants": 60000.0, "agents": 900.0,
                         "pupils": 5200.0, "keep_lines": True}.items()
    assert r.lines is not None and len(r.lines) == r.counts["rows_evaluated"]
    assert set(r.per_capita) == {"per_inhabitant", "per_agent", "per_pupil"}
    a = empreinte.evaluate(MONTCLAIR, annualisation="accounting", amortisation_years=5)
    assert a.options["annualisation"] == {"method": "accounting", "default_years": 5.0}
    assert empreinte.evaluate(MONTCLAIR).lines is None
    # The Python default amortisation period is the core's.
    core_default = empreinte._empreinte.Options(annualisation="accounting").to_dict()["annualisation"]
    assert empreinte.evaluate(MONTCLAIR, annualisation="accounting").options["annualisation"] == core_default


def test_datasets() -> None:
    ids = empreinte.datasets()
    assert ids[0] == "ademe-negaoctet-2022" and "boavizta-2.5" in ids
    ds = empreinte.Dataset.embedded()
    assert ds.id == "ademe-negaoctet-2022" and ds.version == ds.info["version"]
    assert ds == empreinte.Dataset.embedded("ademe-negaoctet-2022") and hash(ds) == hash(empreinte.Dataset.embedded())
    cats = ds.categories()
    assert {"laptop", "smartphone"} <= {c["id"] for c in cats}
    assert "climate_change" in ds.indicators()
    assert ds.zones() and ds.sources()
    b = empreinte.Dataset.embedded("boavizta-2.5")
    assert b.id == "boavizta-2.5" and b != ds
    r = empreinte.evaluate(MONTCLAIR, dataset=b)
    assert r.dataset["id"] == "boavizta-2.5"
    assert empreinte.evaluate(MONTCLAIR, dataset="boavizta-2.5").totals == r.totals


def test_dataset_from_dir_gives_the_embedded_figures() -> None:
    folder = pathlib.Path(__file__).resolve().parents[2] / "reference-data" / "ademe-negaoctet-2022"
    loaded = empreinte.Dataset.from_dir(folder)
    assert loaded.id == "ademe-negaoctet-2022" and not loaded.embedded_in_library
    for ds in (loaded, str(folder), folder):
        assert empreinte.evaluate(MONTCLAIR, dataset=ds).totals == empreinte.evaluate(MONTCLAIR).totals


def test_report_views() -> None:
    r = empreinte.evaluate(MONTCLAIR, year=2025, inhabitants=60000)
    d = r.to_dict()
    assert r.totals == d["totals"]["impacts"]
    assert r.climate_change_kgco2e == d["totals"]["impacts"]["climate_change"]["total"]["central"]
    assert json.loads(r.to_json(pretty=False)) == d == json.loads(r.to_json())
    cats = r.by_category(as_frame=False)
    assert [c["category"] for c in cats] == [g["key"] for g in d["by_category"]]
    frame = r.by_category()
    assert isinstance(frame, pd.DataFrame) and list(frame["category"]) == [c["category"] for c in cats]
    # A class without figures (UPS...) has no central value: NaN in the frame, never 0.
    expected = [g["impacts"]["climate_change"]["total"].get("central") for g in d["by_category"]]
    got = frame["total"].tolist()
    assert all((e is None and math.isnan(x)) or x == e for x, e in zip(got, expected, strict=True))
    assert any(e is None for e in expected)
    depts = r.by_department(as_frame=False)
    assert sum(x["devices"] for x in depts) == r.counts["devices"]
    long = r.to_pandas()
    assert list(long.columns) == ["scope", "key", "indicator", "phase", "unit", "status", "low", "central", "high"]
    total = long[(long.scope == "total") & (long.indicator == "climate_change") & (long.phase == "total")]
    assert total["central"].tolist() == [r.climate_change_kgco2e]
    assert set(long.scope) == {"total", "category", "department", "per_inhabitant"}
    assert r.unit("climate_change") == "kgCO2e"
    with pytest.raises(KeyError):
        r.unit("nope")
    assert "Report dataset=ademe-negaoctet-2022" in repr(r)
    assert r.warnings and all({"line", "field", "code", "message"} <= set(w) for w in r.warnings)


def test_rejected_rows_are_listed_not_raised() -> None:
    csv = ("category;quantity;acquisition_year;country\n"
           "laptop;2;2022;FR\n"
           "laptpo;1;2022;FR\n"          # unknown category (line 3)
           "laptop;abc;2022;FR\n"        # not a number (line 4)
           "laptop;1;2031;FR\n"          # in the future (line 5)
           ";;;\n"                       # blank
           "smartphone;3;2023;Atlantis\n")  # unknown country (line 7)
    expected = [(3, "category", "unknown_category"), (4, "quantity", "not_a_number"),
                (5, "acquisition_year", "acquisition_in_future"), (7, "country", "unknown_country")]
    r = empreinte.evaluate(csv, year=2025)
    assert [(x["line"], x["field"], x["code"]) for x in r.rejected] == expected
    assert "did you mean" in r.rejected[0]["message"]
    c = r.counts
    assert (c["rows_read"], c["rows_evaluated"], c["rows_rejected"], c["blank_rows"]) == (5, 1, 4, 1)
    # The same rows as a DataFrame and as records: line = 1-based row position.
    frame = pd.read_csv(io.StringIO(csv), sep=";", dtype=str, skip_blank_lines=False)
    records = frame.dropna(how="all").to_dict("records")  # a JSON array has no blank rows
    polars = pl.read_csv(io.StringIO(csv), separator=";", infer_schema=False)
    for inv in (frame, records, polars):
        got = empreinte.evaluate(inv, year=2025)
        assert got.counts["rows_read"] == got.counts["rows_evaluated"] + got.counts["rows_rejected"]
        assert got.counts["rows_evaluated"] == 1 and got.counts["rows_rejected"] == 4
        assert [x["code"] for x in got.rejected] == [e[2] for e in expected]
        assert got.totals == r.totals
    frame_rows = empreinte.evaluate(frame, year=2025).rejected
    assert [x["line"] for x in frame_rows] == [2, 3, 4, 6]
    # Values of types no field takes are rejected like in JSON.
    odd = empreinte.evaluate([{"category": "laptop", "quantity": True}, {"category": ["laptop"]}, "laptop"])
    assert [(x["line"], x["field"], x["code"]) for x in odd.rejected] == [
        (1, "quantity", "invalid_text"), (2, "category", "invalid_text"), (3, "category", "invalid_text")]


def test_records_follow_json_semantics() -> None:
    records = [{"catégorie": "PC portable", "Qté": 3, "état": "reconditionné", "annee_acquisition": 2023,
                "couleur": "gris"},
               {"category": "écrans", "quantity": 2.0, "acquisition_year": "15/03/2021", "lifetime_years": None}]
    a = empreinte.evaluate(records, year=2025)
    b = empreinte.evaluate(json.dumps(records), year=2025)
    assert a.to_dict() == b.to_dict()
    assert any(w["code"] == "ignored_column" for w in a.warnings)
    assert empreinte.evaluate([], year=2025).counts["rows_read"] == 0


def test_numpy_and_pandas_scalars_in_records() -> None:
    np = pytest.importorskip("numpy")
    records = [{"category": "laptop", "quantity": np.int64(4), "acquisition_year": pd.Timestamp("2022-05-01"),
                "lifetime_years": np.float32(5.0), "power_w": pd.NA}]
    r = empreinte.evaluate(records, year=2025)
    plain = empreinte.evaluate([{"category": "laptop", "quantity": 4, "acquisition_year": 2022, "lifetime_years": 5}],
                               year=2025)
    assert r.totals == plain.totals and not r.rejected


def test_blank_and_empty_frames() -> None:
    frame = pd.DataFrame({"category": ["laptop", None, "desktop"], "quantity": [1, None, 2]})
    r = empreinte.evaluate(frame, year=2025)
    assert r.counts["blank_rows"] == 1 and r.counts["rows_read"] == 2
    empty = empreinte.evaluate(pd.DataFrame({"category": [], "quantity": []}))
    assert empty.counts["rows_read"] == 0
    assert empty.totals["climate_change"]["total"]["central"] == 0.0


@pytest.mark.parametrize("arrow_type", ["string", "large_string"])
def test_arrow_text_with_nulls_and_offsets(arrow_type: str) -> None:
    """Arrow text of either offset width, with nulls, blank
    cells, long and accented labels, sliced so its chunks start inside their buffers: the same
    report as the same cells as Python objects."""
    pa = pytest.importorskip("pyarrow")
    cells = {
        "category": ["PC portable", None, "écran", "Vidéoprojecteur interactif", "", "laptop",
                     "Ordinateur de bureau tout-en-un", "laptpo", " ", "PC portable"] * 3,
        "quantity": [3, 1, 2, 1, 4, 5, 2, 1, 1, 2] * 3,
        "department": ["Écoles", "Mairie", None, "Direction générale des services", "Mairie", "",
                       "Écoles", "Médiathèque", "Mairie", None] * 3,
    }
    objects = pd.DataFrame(cells).astype({"category": object, "department": object})
    kind = pd.ArrowDtype(getattr(pa, arrow_type)())
    arrow = pd.DataFrame(cells).astype({"category": kind, "department": kind})
    for a, b in [(objects, arrow), (objects.iloc[3:], arrow.iloc[3:]),
                 (pd.concat([objects.iloc[2:9], objects.iloc[13:]]),
                  pd.concat([arrow.iloc[2:9], arrow.iloc[13:]]))]:
        got, expected = empreinte.evaluate(b, year=2025).to_dict(), empreinte.evaluate(a, year=2025).to_dict()
        for key in SAME:
            assert got[key] == expected[key], key
        assert got["counts"]["rows_rejected"] > 0 and got["counts"]["rows_evaluated"] > 0


def test_arrow_text_coded_by_its_bytes() -> None:
    """Arrow text is coded by its exact bytes: random labels of every length (short ones by
    words, long ones by bytes), differing only by a trailing NUL, a middle byte or an accent,
    give the departments the same cells as Python objects give."""
    import random

    rng = random.Random(7)
    alphabet = ["a", "b", "é", " ", "\x00", "Z", "😀"]
    base = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(300)]
    near = [b[:k] + "x" + b[k + 1:] for b in base if len(b) > 2 for k in (len(b) // 2,)]
    labels = base + near + [b + "\x00" for b in base[:50]] + [b.replace("é", "e") for b in base[:50]]
    departments = [rng.choice(labels) for _ in range(3000)]
    cells = {"category": ["laptop"] * len(departments), "quantity": [1] * len(departments),
             "department": departments}
    objects = pd.DataFrame(cells).astype({"department": object})
    arrow = pd.DataFrame(cells).astype({"department": "string[pyarrow]"})
    a, b = empreinte.evaluate(objects, year=2025), empreinte.evaluate(arrow, year=2025)
    assert a.to_dict()["by_department"] == b.to_dict()["by_department"]
    assert len(a.to_dict()["by_department"]) > 300


def test_malformed_arrow_columns_are_errors() -> None:
    """Buffers that do not hold what they claim give a ValueError, never a crash."""
    ds, opts = empreinte._empreinte.Dataset.embedded(), empreinte._empreinte.Options(year=2025)
    offsets = (0).to_bytes(8, "little") + (6).to_bytes(8, "little")
    cases = [
        [(0, 1, None, offsets, b"lap")],                        # a value past its data
        [(0, 2, None, offsets, b"laptop")],                     # offsets too short
        [(0, 1, b"", offsets, b"laptop")],                      # validity bitmap too short
        [(0, 1, None, (9).to_bytes(8, "little") + (2).to_bytes(8, "little"), b"laptop")],  # backwards
        [(5, 1, None, offsets, b"laptop")],                     # offset past its offsets
    ]
    for chunks in cases:
        with pytest.raises(ValueError, match="malformed Arrow string column"):
            empreinte._empreinte.evaluate_columns(ds, ["category"], [("arrow", chunks, 8)], 1, opts)
    with pytest.raises(ValueError, match="4 or 8 bytes"):
        empreinte._empreinte.evaluate_columns(ds, ["category"], [("arrow", cases[0], 2)], 1, opts)
    good = empreinte._empreinte.evaluate_columns(ds, ["category"], [("arrow", [(0, 1, None, offsets, b"laptop")], 8)],
                                                 1, opts)
    assert empreinte.Report(good).counts["rows_evaluated"] == 1


def test_windows_1252_with_french_headers_matches_utf8() -> None:
    text = "Type de matériel;Qté;État;Année d'acquisition;Durée de vie (ans)\nÉcrans;12;réemploi;2022;6,5\n"
    a = empreinte.evaluate(text.encode("cp1252"), year=2025)
    b = empreinte.evaluate(text.encode("utf-8-sig"), year=2025)
    c = empreinte.evaluate(text, year=2025)
    assert a.totals == b.totals == c.totals and a.counts["rows_evaluated"] == 1
