"""NumEcoEval / G4IT files through `empreinte.evaluate`: a folder (or a file) gives the CLI's
report, results in NumEcoEval's shape, located errors; a G4IT référentiel as a dataset
(`Dataset.from_dir`, `Dataset.from_files`)."""

from __future__ import annotations

import pathlib

import pytest

import empreinte
from conftest import REPO, cli_json

SAMPLE = REPO / "examples" / "numecoeval" / "ville-montclair"
G4IT = REPO / "tests" / "numecoeval" / "g4it"


@pytest.fixture(scope="module")
def sample() -> empreinte.Report:
    return empreinte.evaluate(SAMPLE)


def test_a_folder_gives_the_clis_report_to_the_last_digit(sample: empreinte.Report) -> None:
    cli = cli_json(str(SAMPLE))
    got = sample.to_dict()
    for key in ("counts", "totals", "per_capita", "by_category", "by_department", "estate", "warnings"):
        assert got[key] == cli[key], key
    assert got["counts"]["rows_read"] == got["counts"]["rows_evaluated"] + got["counts"]["rows_rejected"]
    n = sample.numecoeval
    assert n is not None
    assert [d["name"] for d in n["data_centres"]] == ["SALLE-MAIRIE", "COLOC-LYON"]
    rules = {v["name"]: (v["share"], v["share_rule"]) for v in n["virtual_machines"]}
    assert rules["vm-recette"] == (0.25, "given")
    assert rules["vm-paie"] == (0.5, "vcpu")
    assert rules["vol-sauvegarde"] == (0.75, "storage")
    schools = next(e for e in n["entities"] if e["name"] == "Écoles")
    assert schools["agents"] == 65
    total = schools["impacts"]["climate_change"]["total"]["central"]
    assert schools["per_agent"]["climate_change"]["total"]["central"] == pytest.approx(total / 65, rel=1e-12)
    assert [s["scope"] for s in sample.by_scope(as_frame=False)] == ["fleet", "hosting", "services"]


def test_results_in_numecoeval_shape(sample: empreinte.Report) -> None:
    text = sample.to_numecoeval_csv()
    header, first = text.splitlines()[:2]
    assert header.startswith("level;entityName;equipmentType;datacenter;equipmentName;")
    assert first.startswith("total;;;;;;;;;;MANUFACTURING;CLIMATE_CHANGE;kgCO2e;")
    assert any(line.startswith("application;Mairie;;;;;Paie;Production;") for line in text.splitlines())


def test_one_file_and_a_referential_folder() -> None:
    report = empreinte.evaluate(SAMPLE / "EquipementPhysique.csv", year=2025)
    assert report.counts["rows_read"] == 12
    assert report.estate is not None
    ref = empreinte.Dataset.from_dir(G4IT / "referential")
    assert (ref.id, ref.version) == ("referential", "unversioned")
    assert any("USING row(s) of items" in u for u in ref.info["unmapped"])
    r = empreinte.evaluate(G4IT / "inputs", dataset=str(G4IT / "referential"), year=2022)
    assert r.dataset["id"] == "referential"
    assert r.counts["rows_rejected"] == 0


def test_a_referential_from_its_files_by_name() -> None:
    files = {p.name: p.read_bytes() for p in (G4IT / "referential").iterdir()}
    ds = empreinte.Dataset.from_files(files, id="g4it-test")
    assert ds.id == "g4it-test"
    assert ds.indicators()[0] == "climate_change"
    by_dir = empreinte.Dataset.from_dir(G4IT / "referential")
    a = empreinte.evaluate(G4IT / "inputs", dataset=ds, year=2022)
    b = empreinte.evaluate(G4IT / "inputs", dataset=by_dir, year=2022)
    assert a.to_dict()["totals"] == b.to_dict()["totals"]
    # empreinte's own tables by name too (`.csv` or not).
    mini = REPO / "core" / "tests" / "fixtures" / "mini"
    tidy = {p.stem: p.read_text(encoding="utf-8") for p in mini.iterdir() if p.is_file()}
    assert empreinte.Dataset.from_files(tidy).id == empreinte.Dataset.from_dir(mini).id
    with pytest.raises(empreinte.DatasetError) as e:
        empreinte.Dataset.from_files({**files, "ref_item_impact.csv": "criterion;lifecycle_step;name;value\nCLIMATE_CHANGE;MANUFACTURING;x;abc\n"})
    assert (e.value.code, e.value.file, e.value.line, e.value.field) == (
        "dataset_invalid_value", "ref_item_impact.csv", 2, "value")


def test_bad_files_and_rows_are_located(tmp_path: pathlib.Path) -> None:
    (tmp_path / "eq.csv").write_text("nomEquipementPhysique;type;quantite\nsrv-1;Server;1\n", encoding="utf-8")
    (tmp_path / "vm.csv").write_text("nomEquipementVirtuel;nomEquipementPhysique;vCPU\nvm-1;srv-2;2\n", encoding="utf-8")
    r = empreinte.evaluate(tmp_path)
    sources = r.estate["fleet_sources"] if r.estate else []
    rejected = [x for s in sources for x in s["rejected"]]
    assert [(x["file"], x["line"], x["field"], x["code"]) for x in rejected] == [
        ("vm.csv", 2, "nomEquipementPhysique", "numecoeval_unknown_host")]
    (tmp_path / "eq.csv").write_text("nomEquipementPhysique;quantite\nsrv-1;1\n", encoding="utf-8")
    with pytest.raises(empreinte.EstateError) as e:
        empreinte.evaluate(tmp_path)
    assert (e.value.code, e.value.file, e.value.line, e.value.field) == (
        "numecoeval_missing_column", "eq.csv", 1, "type")
