"""Estates through `empreinte.evaluate`: a file, its text or a dict give the CLI's report; scopes
as rows and frames; errors located (`EstateError` with `key_path`, `file`, `line`)."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import empreinte
from conftest import REPO, cli_json

SAMPLE = REPO / "examples" / "estates" / "ville-montclair.toml"


@pytest.fixture(scope="module")
def sample() -> empreinte.Report:
    return empreinte.evaluate(SAMPLE)


def test_the_sample_estate_is_the_clis_to_the_last_digit(sample: empreinte.Report) -> None:
    cli = cli_json(str(SAMPLE))
    got = sample.to_dict()
    for key in ("counts", "totals", "per_capita", "by_category", "by_department", "estate"):
        assert got[key] == cli[key], key
    assert got["options"]["reporting_year"] == 2025


def test_text_and_dict_read_files_from_base_dir(sample: empreinte.Report, tmp_path: pathlib.Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    folder = SAMPLE.parent
    from_text = empreinte.evaluate(text, base_dir=folder)
    assert from_text.to_dict()["estate"] == sample.to_dict()["estate"]
    # The JSON shape, as a dict and as a .json file (told apart from an inventory by its keys).
    doc: dict[str, Any] = {"year": 2024, "fleet": [{"path": "parc.csv"}],
                           "services": [{"name": "Messagerie", "email": {"uses": 1000}}]}
    (tmp_path / "parc.csv").write_text("category;quantity\nlaptop;3\n", encoding="utf-8")
    (tmp_path / "estate.json").write_text(json.dumps(doc), encoding="utf-8")
    a = empreinte.evaluate(doc, base_dir=tmp_path)
    b = empreinte.evaluate(tmp_path / "estate.json")
    assert a.to_dict() == b.to_dict()
    assert a.estate is not None and a.estate["services"][0]["terminals_excluded"]


def test_scopes_as_rows_records_and_frames(sample: empreinte.Report) -> None:
    rows = sample.by_scope(as_frame=False)
    assert [r["scope"] for r in rows] == ["fleet", "hosting", "services"]
    assert rows[1]["label_en"] == "Hosting" and rows[1]["unit"] == "kgCO2e"
    assert sample.estate is not None
    assert rows[2]["total"] == sample.estate["by_scope"][2]["impacts"]["climate_change"]["total"]["central"]
    frame = sample.by_scope("climate_change", as_frame=True)
    assert list(frame["scope"]) == ["fleet", "hosting", "services"]
    records = [r for r in sample.to_records() if r["scope"] == "scope"]
    assert {r["key"] for r in records} == {"fleet", "hosting", "services"}
    assert empreinte.evaluate("category;quantity\nlaptop;1\n").by_scope(as_frame=False) == []
    assert empreinte.evaluate("category;quantity\nlaptop;1\n").estate is None


def test_bad_estates_raise_located_errors(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "estate.toml"
    path.write_text("[commune]\nname = 'X'\ncolour = 'red'\n", encoding="utf-8")
    with pytest.raises(empreinte.EstateError) as e:
        empreinte.evaluate(path)
    assert (e.value.code, e.value.line, e.value.file) == ("estate_syntax", 3, str(path))
    assert "colour" in e.value.message and isinstance(e.value, ValueError)
    with pytest.raises(empreinte.EstateError) as e:
        empreinte.evaluate({"fleet": [{"path": "absent.csv"}]}, base_dir=tmp_path)
    assert (e.value.code, e.value.key_path, e.value.file) == ("estate_missing_file", "fleet[0]", "absent.csv")
    with pytest.raises(empreinte.DatasetError):
        empreinte.evaluate({"dataset": "no-such-set"})
    with pytest.raises(TypeError, match="estate"):
        empreinte.evaluate({"services": []}, previous="category;quantity\nlaptop;1\n")
    with pytest.raises(TypeError, match="base_dir"):
        empreinte.evaluate("category;quantity\nlaptop;1\n", base_dir=tmp_path)


def test_the_review_of_an_estate_is_the_clis() -> None:
    import subprocess
    got = empreinte.review(SAMPLE, format="md")
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "empreinte-cli", "--", "report", str(SAMPLE),
           "--format", "md"]
    want = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False).stdout
    assert got == want
    assert "## Par périmètre" in got and "colocation" in got
