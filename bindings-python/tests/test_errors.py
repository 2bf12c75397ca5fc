"""Bad input raises the documented exception, with its code, line and field."""

from __future__ import annotations

import pathlib
import pickle
from typing import Any, Optional

import pandas as pd
import pytest

import empreinte
from conftest import MONTCLAIR

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

BAD_INVENTORIES = [
    # (id, inventory, code, line, field)
    ("empty-bytes", b"", "empty_inventory", None, None),
    ("blank-text", "\n\n  \n", "empty_inventory", None, None),
    ("header-missing-category", "quantity;condition\n3;new\n", "missing_column", 1, "category"),
    ("two-category-columns", "category;catégorie;quantity\nlaptop;laptop;1\n", "duplicate_column", 1, "category"),
    ("pdf-bytes", PDF, "not_text", None, None),
    ("xlsx-bytes", b"PK\x03\x04\x14\x00\x06\x00", "not_text", None, None),
    ("invalid-json", '[{"category": "laptop", "quantity": 2},\n {"category": }]', "invalid_json", 2, None),
    ("json-not-an-inventory", '{"hello": "world"}', "invalid_json", 1, None),
    ("frame-missing-category", pd.DataFrame({"quantity": [1, 2], "état": ["neuf", "neuf"]}),
     "missing_column", 1, "category"),
]


@pytest.mark.parametrize("case", BAD_INVENTORIES, ids=[c[0] for c in BAD_INVENTORIES])
def test_bad_inventory(case: tuple[str, Any, str, Optional[int], Optional[str]]) -> None:
    _, inventory, code, line, field = case
    with pytest.raises(empreinte.InventoryError) as info:
        empreinte.evaluate(inventory)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, empreinte.EmpreinteError)
    assert (e.code, e.line, e.field) == (code, line, field), str(e)
    assert e.message and f"[{code}]" in str(e)


def test_empty_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "inventaire.csv"
    path.write_bytes(b"")
    with pytest.raises(empreinte.InventoryError) as info:
        empreinte.evaluate(path)
    assert info.value.code == "empty_inventory"


def test_unknown_dataset_id() -> None:
    for call in (lambda: empreinte.Dataset.embedded("negaoctet-2099"),
                 lambda: empreinte.evaluate(MONTCLAIR, dataset="negaoctet-2099")):
        with pytest.raises(empreinte.DatasetError) as info:
            call()
        e = info.value
        assert isinstance(e, ValueError)
        assert e.code == "unknown_dataset" and e.file is None and e.line is None
        assert "ademe-negaoctet-2022" in e.message  # says what would be valid


def test_dataset_folder_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(empreinte.DatasetError) as info:
        empreinte.Dataset.from_dir(tmp_path / "missing")
    assert info.value.code in ("dataset_io", "dataset_package")
    # A factor row with low > high: the file and line are named.
    src = pathlib.Path(__file__).resolve().parents[2] / "reference-data" / "ademe-negaoctet-2022"
    dst = tmp_path / "broken"
    dst.mkdir()
    for f in src.iterdir():
        if f.is_file():
            (dst / f.name).write_bytes(f.read_bytes())
    lines = (dst / "embodied.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[1].rstrip("\n").split(",")
    cells[header.index("value")] = "abc"
    lines[1] = ",".join(cells) + "\n"
    (dst / "embodied.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(empreinte.DatasetError) as info:
        empreinte.Dataset.from_dir(dst)
    e = info.value
    assert (e.code, e.file, e.line) == ("dataset_invalid_value", "embodied.csv", 2), str(e)


def test_unknown_country_option() -> None:
    with pytest.raises(empreinte.OptionsError) as info:
        empreinte.evaluate(MONTCLAIR, country="Atlantis")
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.code, e.line, e.field) == ("unknown_country", None, "country")
    # Raised before any row is read, whatever the input type.
    with pytest.raises(empreinte.OptionsError):
        empreinte.evaluate(pd.read_csv(MONTCLAIR), country="Atlantis")
    with pytest.raises(empreinte.OptionsError):
        empreinte.evaluate([{"category": "laptop"}], country="Atlantis")


def test_unknown_annualisation_option() -> None:
    with pytest.raises(empreinte.OptionsError) as info:
        empreinte.evaluate(MONTCLAIR, annualisation="linear")
    assert (info.value.code, info.value.field) == ("invalid_option", "annualisation")


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        empreinte.evaluate(42)
    # A dict is an estate description (a list of dicts is an inventory): its keys are checked.
    with pytest.raises(empreinte.EstateError, match="expected one of `commune`"):
        empreinte.evaluate({"category": "laptop", "quantity": 1})
    with pytest.raises(FileNotFoundError):
        empreinte.evaluate("no-such-inventory.csv")
    with pytest.raises(TypeError):
        empreinte.evaluate(MONTCLAIR, dataset=3.5)  # type: ignore[arg-type]


def test_errors_pickle_and_hierarchy() -> None:
    with pytest.raises(empreinte.InventoryError) as info:
        empreinte.evaluate(b"")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is empreinte.InventoryError and again.code == "empty_inventory"
    for cls in (empreinte.InventoryError, empreinte.DatasetError, empreinte.OptionsError):
        assert issubclass(cls, empreinte.EmpreinteError) and issubclass(cls, ValueError)
