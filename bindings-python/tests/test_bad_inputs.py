"""The bad-input catalog (tests/bad-inputs/cases.json): every case gives its documented
exception (class named by `error_type`, `code`, `line`, `field`, `file`), its first rejected row,
or is accepted where the catalog says so; never a panic; rows read = evaluated + rejected.

Cases marked `bug` document what the core gets wrong today: they are expected to fail
(`xfail`, not strict), and pass once the core is fixed.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List

import pytest

import cases
import empreinte
from conftest import REPO

CATALOG = REPO / "tests" / "bad-inputs" / "cases.json"

#: Where the Python API documents a different position than the catalog's Rust mapping.
#: - compare: offers are numbered from 1 in Python (and in JS), like rows of a list of dicts;
#:   the catalog gives the 0-based index of `CompareError` (reported to the catalog's owner).
LINE_FROM_ONE = {"compare"}
#: GlpiError carries the mapping file's line and name in Python (the catalog's runner does not
#: read them): reported; the catalog's `null` is not checked for these two attributes.
UNCHECKED = {"GlpiError": ("line", "file")}


def load() -> List[Dict[str, Any]]:
    if not CATALOG.is_file():
        return []
    cases_: List[Dict[str, Any]] = json.loads(CATALOG.read_text(encoding="utf-8"))["cases"]
    return cases_


CASES = load()


def outcome(case: Dict[str, Any]) -> Dict[str, Any]:
    """What a case gave, in the catalog's terms."""
    api = case.get("api", "evaluate")
    try:
        out = cases.run(case)
    except empreinte.EmpreinteError as e:
        assert e.message, f"{case['name']}: empty message"
        assert isinstance(e, ValueError), f"{case['name']}: {type(e).__name__} is not a ValueError"
        got: Dict[str, Any] = {"kind": "error", "error_type": type(e).__name__, "code": e.code,
                               "line": e.line, "field": e.field, "file": getattr(e, "file", None),
                               "key_path": getattr(e, "key_path", None)}
        if api in LINE_FROM_ONE and e.line is not None:
            got["line"] = e.line - 1
        return got
    report = out.get("report") if api == "glpi" else out.get("baseline") if api == "scenario" else out
    if not isinstance(report, dict) or "counts" not in report:
        return {"kind": "ok"}
    c = report["counts"]
    assert c["rows_read"] == c["rows_evaluated"] + c["rows_rejected"], f"{case['name']}: rows lost {c}"
    assert len(report["rejected"]) == c["rows_rejected"], case["name"]
    if not report["rejected"]:
        return {"kind": "ok"}
    r = report["rejected"][0]
    got = {"kind": "rejected_row", "line": r["line"], "code": r["code"], "field": r["field"],
           "rows_rejected": len(report["rejected"])}
    sources = (report.get("estate") or {}).get("fleet_sources") or []
    first = next((x for src in sources for x in src["rejected"]), None)
    if first is not None:
        got["file"] = first["file"]
    for item in out.get("items", []):
        if item["number"] == r["line"] and item["status"] != "mapped":
            got["item_status"], got["item_code"] = item["status"], item["code"]
            break
    return got


def test_catalog_is_there() -> None:
    if CASES:
        assert len(CASES) >= 40
        assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: Dict[str, Any]) -> None:
    if case.get("bug"):
        pytest.xfail(f"known core bug: {case['bug']}")
    got = outcome(case)
    expected = dict(case["expected"])
    for attr in UNCHECKED.get(str(expected.get("error_type")), ()):
        expected.pop(attr, None)
    assert got["kind"] != "ok" or expected["kind"] == "ok", f"{case['name']}: accepted, expected {expected}"
    for key, value in expected.items():
        assert got.get(key) == value, f"{case['name']}: {key} = {got.get(key)!r}, expected {value!r} (got {got})"


def generated_cases() -> List[Dict[str, Any]]:
    if not CATALOG.is_file():
        return []
    items: List[Dict[str, Any]] = json.loads(CATALOG.read_text(encoding="utf-8")).get("generated", [])
    return items


GENERATED = generated_cases()


def write_generated(spec: Dict[str, Any], path: pathlib.Path) -> None:
    """The generated input (header, rows with every `bad_every`-th bad, a huge field, a last
    row in base64, or `{n}`-numbered rows up to `bytes`) written to a file in chunks."""
    import base64

    with open(path, "wb") as f:
        f.write(spec.get("header", "").encode("utf-8"))
        if "field_bytes" in spec:
            left = spec["field_bytes"]
            while left:
                n = min(left, 1 << 20)
                f.write(b"x" * n)
                left -= n
            f.write(spec.get("after", "").encode("utf-8"))
        rows, bad_every = spec.get("rows", 0), spec.get("bad_every", 0)
        if rows:
            row, bad = spec["row"].encode("utf-8"), spec.get("bad_row", "").encode("utf-8")
            block = 100_000 if not bad_every else bad_every
            chunk = row * (block - 1) + (bad if bad_every else row)
            for _ in range(rows // block):
                f.write(chunk)
            f.write(row * (rows % block))
        if "last_row_base64" in spec:
            f.write(base64.b64decode(spec["last_row_base64"]))
        if "bytes" in spec:
            written, n = f.tell(), 0
            while written < spec["bytes"]:
                n += 1
                line = spec["row"].replace("{n}", str(n)).encode("utf-8")
                f.write(line)
                written += len(line)


@pytest.mark.parametrize("case", GENERATED, ids=[c["name"] for c in GENERATED])
def test_generated_input(case: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    path = tmp_path / ("export.csv" if case.get("api") == "glpi" else "inventaire.csv")
    write_generated(case["generate"], path)
    expected = case["expected"]
    if case.get("api") == "glpi":
        imp = empreinte.import_glpi(path)
        c = imp.counts
        assert c["items"] == c["mapped"] > 0, c
        r = imp.evaluate(year=2025)
    else:
        r = empreinte.evaluate(path, year=2025)  # streamed from the file: bounded memory
    counts = r.counts
    assert counts["rows_read"] == counts["rows_evaluated"] + counts["rows_rejected"]
    assert r.lines is None
    if expected["kind"] == "counts":
        for key in ("rows_read", "rows_rejected"):
            if key in expected:
                assert counts[key] == expected[key], (key, counts)
    else:
        first = r.rejected[0]
        assert (first["line"], first["code"], first["field"]) == (expected["line"], expected["code"], expected["field"])
