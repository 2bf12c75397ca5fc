"""The shared test vectors of tests/vectors/ (format: tests/vectors/README.md), every kind.

`expected` is a subset of the output JSON; numbers are compared with exact float `==`.
"""

from __future__ import annotations

import collections
import json
import pathlib
from typing import Any

import pytest

import cases
import empreinte
from conftest import VECTORS

OPTION_KWARGS = {"reporting_year": "year", "default_country": "country", "inhabitants": "inhabitants",
                 "agents": "agents", "pupils": "pupils", "keep_lines": "lines"}


def load_vectors(folder: pathlib.Path = VECTORS) -> list[tuple[str, dict[str, Any]]]:
    """Every vector, sorted by file name; none when the folder is empty or missing."""
    if not folder.is_dir():
        return []
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]


def kwargs_for(options: dict[str, Any]) -> dict[str, Any]:
    """The core's EvaluationOptions JSON → keyword arguments of `empreinte.evaluate`."""
    kwargs: dict[str, Any] = {}
    for key, value in options.items():
        if key == "annualisation":
            kwargs["annualisation"] = value["method"]
            if "default_years" in value:
                kwargs["amortisation_years"] = value["default_years"]
        elif key == "monte_carlo":
            kwargs["monte_carlo"] = value["draws"]
            kwargs["seed"] = value["seed"]
        elif key in OPTION_KWARGS:
            kwargs[OPTION_KWARGS[key]] = value
        else:
            raise AssertionError(f"option {key!r} has no Python keyword")
    return kwargs


def assert_subset(expected: Any, got: Any, where: str = "report") -> None:
    """Every key of `expected` is in `got` with an equal value; arrays element by element."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), f"{where}: expected an object, got {got!r}"
        for key, value in expected.items():
            assert key in got, f"{where}.{key} is missing"
            assert_subset(value, got[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), f"{where}: {got!r} != {expected!r}"
        for i, (e, g) in enumerate(zip(expected, got)):
            assert_subset(e, g, f"{where}[{i}]")
    elif isinstance(expected, float) or isinstance(got, float):
        assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{where}: {got!r}"
        assert float(got) == float(expected), f"{where}: {got!r} != {expected!r} (exact)"
    else:
        assert got == expected, f"{where}: {got!r} != {expected!r}"


def evaluate_forms(vector: dict[str, Any]) -> list[tuple[str, Any]]:
    """An `evaluate` vector's inventory in every Python form that must give the same report."""
    inv = vector["inventory"]
    if "csv" in inv:
        return [("text", inv["csv"]), ("bytes", inv["csv"].encode("utf-8"))]
    if "csv_base64" in inv:
        return [("bytes", cases.inventory_of(inv))]
    if "json_text" in inv:
        return [("json-text", inv["json_text"])]
    doc = inv["json"]
    forms: list[tuple[str, Any]] = [("json-text", json.dumps(doc))]
    if isinstance(doc, list) and all(isinstance(x, dict) for x in doc):
        forms.append(("records", doc))
    return forms


def estate_from_file(vector: dict[str, Any]) -> dict[str, Any]:
    """An `estate` vector's description written to a file (`.toml`, or `.json` for an object)
    beside its files, evaluated from its path: the files are read relative to its folder."""
    import tempfile

    estate = vector["input"]["estate"]
    with tempfile.TemporaryDirectory() as tmp:
        base = cases.estate_files(vector["input"].get("files") or {}, pathlib.Path(tmp))
        path = base / ("estate.toml" if isinstance(estate, str) else "estate.json")
        path.write_text(estate if isinstance(estate, str) else json.dumps(estate), encoding="utf-8")
        return empreinte.evaluate(path, options=vector.get("options") or {}).to_dict()


VECTOR_CASES = load_vectors()


def test_runner_handles_any_number_of_vectors(tmp_path: pathlib.Path) -> None:
    assert load_vectors(tmp_path / "missing") == []
    assert load_vectors(tmp_path) == []
    assert_subset({"a": [1.5, {"b": "x"}]}, {"a": [1.5, {"b": "x", "c": 2}], "d": 0})
    with pytest.raises(AssertionError):
        assert_subset({"a": 0.1 + 0.2}, {"a": 0.3})


def test_every_kind_is_covered() -> None:
    kinds = collections.Counter(v.get("kind", "evaluate") for _, v in VECTOR_CASES)
    if len(VECTOR_CASES) >= 40:
        assert {"evaluate", "compare", "scenario", "trajectory", "server", "cloud", "page",
                "service", "glpi", "estate"} <= set(kinds), kinds


@pytest.mark.parametrize("name,vector", VECTOR_CASES, ids=[n for n, _ in VECTOR_CASES])
def test_vector(name: str, vector: dict[str, Any]) -> None:
    kind = vector.get("kind", "evaluate")
    outputs: list[tuple[str, Any]] = [("case", cases.run(vector))]
    if kind == "evaluate":
        # Every input form, with keyword options rather than the options dict.
        kwargs = kwargs_for(vector.get("options") or {})
        dataset = cases.dataset_of(vector)
        for form, inventory in evaluate_forms(vector):
            outputs.append((form, empreinte.evaluate(inventory, dataset=dataset, **kwargs).to_dict()))
    if kind == "estate":
        outputs.append(("file", estate_from_file(vector)))
    for form, out in outputs:
        if kind in ("evaluate", "scenario", "glpi", "estate"):
            report = out.get("baseline") or out.get("report") or out
            c = report["counts"]
            assert c["rows_read"] == c["rows_evaluated"] + c["rows_rejected"], name
        try:
            assert_subset(vector["expected"], out, kind)
        except AssertionError as e:
            raise AssertionError(f"vector {name} ({form}): {e}") from None
