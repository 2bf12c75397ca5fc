"""GLPI import: the same inventory and report as the CLI; `evaluate` reads GLPI files."""

from __future__ import annotations

import pathlib
import subprocess

import pytest

import empreinte
from conftest import REPO, cli_json

GLPI = REPO / "tests" / "glpi"
EXPORT = GLPI / "csv" / "ordinateurs-glpi10.csv"


def cli_import(*args: str) -> str:
    out = subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "empreinte-cli", "--", "import", "glpi", *args],
                         cwd=REPO, capture_output=True)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout.decode("utf-8")


def test_import_equals_cli() -> None:
    imp = empreinte.import_glpi(EXPORT)
    assert imp.to_csv() == cli_import(str(EXPORT))
    c = imp.counts
    assert c["items"] == c["mapped"] + c["excluded"] + c["unmapped"] + c["invalid"]
    assert [i["status"] for i in imp.unmapped] and all(i["status"] != "mapped" for i in imp.unmapped)
    frame = imp.to_pandas()
    assert len(frame) == c["mapped"] and "category" in frame.columns
    assert imp.to_records()[0]["category"] == frame["category"].iloc[0]
    report = imp.evaluate(year=2025)
    assert report.counts["rows_read"] == report.counts["rows_evaluated"] + report.counts["rows_rejected"]
    # The inventory written by the import evaluates to the same figures.
    assert empreinte.evaluate(imp.to_csv()).totals == report.totals


def test_evaluate_reads_glpi_files(tmp_path: pathlib.Path) -> None:
    for path in (EXPORT, GLPI / "agent"):
        expected = cli_json(str(path), "--year", "2025")
        assert empreinte.evaluate(path, year=2025).to_dict() == expected
    assert empreinte.evaluate(EXPORT.read_bytes()).totals == empreinte.evaluate(EXPORT).totals


def test_mapping_and_forms() -> None:
    mapping = next((GLPI / "mapping").glob("*.csv"))
    with_map = empreinte.import_glpi([EXPORT], mapping=mapping)
    assert with_map.to_csv() == cli_import(str(EXPORT), "--mapping", str(mapping))
    same = empreinte.import_glpi({"export.csv": EXPORT.read_bytes()}, mapping=mapping.read_text(encoding="utf-8"))
    assert same.counts == with_map.counts
    not_glpi = empreinte.import_glpi([("notes.csv", b"bonjour\n")])
    assert not_glpi.items[0]["status"] == "invalid" and not_glpi.items[0]["code"] == "not_glpi"


def test_glpi_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(empreinte.GlpiError) as info:
        empreinte.import_glpi(EXPORT, mapping="pas;une;table\n1;2;3\n")
    e = info.value
    assert isinstance(e, ValueError) and e.code == "invalid_mapping" and e.file == "mapping.csv"
    with pytest.raises(empreinte.GlpiError) as info:
        empreinte.import_glpi(tmp_path / "missing.json")
    assert info.value.code == "read_error"
    with pytest.raises(empreinte.OptionsError):
        empreinte.import_glpi(EXPORT, department_from="building")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        empreinte.import_glpi([42])  # type: ignore[list-item]


def test_csv_is_safe_in_a_spreadsheet_and_records_keep_the_text() -> None:
    """A GLPI name that a spreadsheet would run as a formula gets an apostrophe in the CSV
    (issue 20); records, frames and evaluation see the name as it was."""
    import csv
    import io

    names = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)"]
    rows = "".join(f'"{n.replace(chr(34), chr(34) * 2)}";"Entité racine > {n.replace(chr(34), chr(34) * 2)}";'
                   f'"Dell Inc.";"SN{i}";"Laptop";"Latitude"\n' for i, n in enumerate(names))
    export = ('"Nom";"Entité";"Fabricant";"Numéro de série";"Type";"Modèle"\n' + rows).encode()
    imp = empreinte.import_glpi({"=export.csv": export})
    cells = [c for row in csv.reader(io.StringIO(imp.to_csv())) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
    assert {r["department"] for r in imp.to_records()} == set(names)
    assert set(imp.to_pandas()["department"]) == set(names)
    assert {g["key"] for g in empreinte.evaluate(imp.to_csv()).to_dict()["by_department"]} == set(names)
