"""Many bodies in one pass: each body's figures are those of evaluate() for it alone, the total
their sum; a folder, a list of files or a dict of texts; the table as a DataFrame."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import empreinte
from conftest import cli_any

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = ROOT / "examples" / "communes"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for f in ["village-saint-aubin.csv", "ville-montclair.csv", "ville-montclair.json"]:
        shutil.copy(COMMUNES / f, tmp_path / f)
    (tmp_path / "zz-empty.csv").write_text("")
    return tmp_path


def test_each_body_is_its_own_evaluation(folder: Path) -> None:
    b = empreinte.evaluate_bodies(folder, year=2025)
    names = [x["body"] for x in b.bodies]
    assert names == ["village-saint-aubin", "ville-montclair", "ville-montclair", "zz-empty"]
    for body, file in zip(b.bodies, ["village-saint-aubin.csv", "ville-montclair.csv", "ville-montclair.json"]):
        alone = empreinte.evaluate(folder / file, year=2025).to_dict()
        assert body["counts"] == alone["counts"]
        for ind, cells in alone["totals"]["impacts"].items():
            assert body["totals"][ind] == cells["total"], (file, ind)
    assert b.bodies[3]["error"]["code"] == "empty_inventory"
    assert (b.total["bodies"], b.total["failed"]) == (4, 1)
    assert b.total["counts"]["rows_read"] == sum(x["counts"]["rows_read"] for x in b.bodies)
    assert b.to_dict() == cli_any("evaluate", str(folder), "--bodies", "--year", "2025")


def test_lists_dicts_and_the_table(folder: Path) -> None:
    files = [folder / "ville-montclair.csv", folder / "village-saint-aubin.csv"]
    listed = folder / "bodies.txt"
    listed.write_text("ville-montclair.csv\nvillage-saint-aubin.csv\n")
    by_list = empreinte.evaluate_bodies(listed, year=2025)
    assert by_list.to_dict() == empreinte.evaluate_bodies(files, year=2025).to_dict()
    texts = {"a": "category;quantity\nlaptop;3\n", "b": b"category;quantity\nsmartphone;5\nlaptop;x\n"}
    b = empreinte.evaluate_bodies(texts, year=2025)
    assert [x["counts"]["rows_rejected"] for x in b.bodies] == [0, 1]
    frame = b.to_pandas()
    assert list(frame["body"]) == ["a", "b", "total"]
    assert frame["devices"].iloc[-1] == 8
    assert any(c.startswith("climate_change") for c in frame.columns)
    with pytest.raises(TypeError):
        empreinte.evaluate_bodies({"a": 3}, year=2025)  # type: ignore[dict-item]
