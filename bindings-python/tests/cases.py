"""The shared case format of tests/vectors/ and tests/bad-inputs/ (`kind`/`api`, `input`,
`options`, `dataset`, see tests/vectors/README.md), run through the public Python API: the
same mapping as the Rust runner (core/tests/cases/mod.rs), written with `empreinte.*` calls.
"""

from __future__ import annotations

import base64
import json
import pathlib
import tempfile
from typing import Any, Dict, List, Optional, Tuple

import empreinte
from conftest import REPO

DATASET_FILES = ("datapackage.json", "sources.csv", "zones.csv", "categories.csv",
                 "embodied.csv", "refurbishment.csv", "electricity.csv")


def dataset_from_files(spec: Dict[str, Any]) -> empreinte.Dataset:
    """`{"base": folder, "files": {name: text | {"base64": ...} | null}}` → a Dataset loaded
    from a temporary folder holding the seven files."""
    base = REPO / spec.get("base", "core/tests/fixtures/mini")
    over = spec.get("files") or {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for name in DATASET_FILES:
            if name in over:
                value = over[name]
                if value is None:
                    if name != "refurbishment.csv":
                        (folder / name).write_bytes(b"")
                    continue
                data = base64.b64decode(value["base64"]) if isinstance(value, dict) else value.encode("utf-8")
                (folder / name).write_bytes(data)
            elif (base / name).is_file():
                (folder / name).write_bytes((base / name).read_bytes())
        return empreinte.Dataset.from_dir(folder)


def dataset_of(case: Dict[str, Any]) -> Any:
    if case.get("dataset_files") is not None:
        return dataset_from_files(case["dataset_files"])
    return case.get("dataset") or "ademe-negaoctet-2022"


def inventory_of(inv: Dict[str, Any]) -> Any:
    """The inventory of a case as the Python API takes it."""
    if "csv" in inv:
        return inv["csv"].encode("utf-8")
    if "csv_base64" in inv:
        return base64.b64decode(inv["csv_base64"])
    if "json_text" in inv:
        return inv["json_text"].encode("utf-8")
    return json.dumps(inv["json"]).encode("utf-8")


def offers_of(offers: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Case offers (`{name, device, unit_price_eur, replaced_parts}`) → Python offer dicts
    (`name`, `unit_price_eur`, `replaced_parts` next to the device's inventory keys)."""
    out = []
    for o in offers:
        offer = dict(o.get("device") or {})
        for k in ("name", "unit_price_eur", "replaced_parts"):
            if o.get(k) is not None:
                offer[k] = o[k]
        out.append(offer)
    return out


def server_kwargs(spec: Any) -> Dict[str, Any]:
    if spec is None or spec == "generic":
        return {"generic": True}
    return dict(spec)


def usage_kwargs(u: Dict[str, Any]) -> Dict[str, Any]:
    kw = dict(u)
    if "duration_hours" in kw:
        kw["hours"] = kw.pop("duration_hours")
    if "load_profile" in kw:
        kw["load_profile"] = [tuple(p) for p in kw["load_profile"]]
    return kw


def service_call(i: Dict[str, Any], dataset: Any) -> empreinte.ServiceResult:
    o = i.get("options") or {}
    params = dict(i.get("params") or {})
    kw: Dict[str, Any] = {k: o[k] for k in ("year", "terminal_region", "data_centre_region", "exclude_terminals") if k in o}
    kind = i.get("service", "")
    if kind == "three_tier":
        # The three-tier model's own `uses`, `year` and `exclude_terminals` are the shared ones.
        for k in ("uses", "year", "exclude_terminals"):
            if k in params:
                kw[k] = params.pop(k)
    elif "uses" in i:
        kw["uses"] = i["uses"]
    return empreinte.service(kind, dataset=dataset, **kw, **params)


def glpi_files(files: List[Dict[str, Any]]) -> List[Tuple[str, bytes]]:
    out = []
    for f in files:
        name = f.get("name", "file")
        if "text" in f:
            data = f["text"].encode("utf-8")
        elif "base64" in f:
            data = base64.b64decode(f["base64"])
        else:
            data = (REPO / f["path"]).read_bytes()
        out.append((name, data))
    return out


def estate_files(files: Dict[str, Any], folder: pathlib.Path) -> pathlib.Path:
    """Writes the files an estate case names (`{path: text | {"base64": ...}}`) relative to a
    folder three levels down `folder` (an estate may name `../x.csv`); that folder."""
    base = folder / "a" / "b" / "c"
    base.mkdir(parents=True)
    for name, value in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(value["base64"]) if isinstance(value, dict) else value.encode("utf-8"))
    return base


def run(case: Dict[str, Any]) -> Dict[str, Any]:
    """Runs a case and gives its output as the Rust runner does (raises the API's exception)."""
    kind = case.get("kind") or case.get("api") or "evaluate"
    i = case.get("input") or {}
    options: Optional[Dict[str, Any]] = case.get("options")
    if kind == "evaluate":
        inv = case.get("inventory") or i
        as_json = "json_text" in inv or "json" in inv
        report = empreinte.evaluate(inventory_of(inv), dataset=dataset_of(case), options=options or {},
                                    as_json=as_json)
        return report.to_dict()
    if kind == "compare":
        c = empreinte.compare(offers_of(i.get("offers", [])), year=i.get("year", 2025),
                              allocation=i.get("allocation") or "cut_off", dataset=dataset_of(case))
        return c.to_dict()
    if kind == "scenario":
        r = empreinte.scenario(inventory_of(i["inventory"]), scenarios=i.get("scenarios") or [],
                               dataset=dataset_of(case), options=options or {})
        return {"baseline": r.baseline.to_dict(), "scenarios": r.scenarios}
    if kind == "trajectory":
        t = empreinte.trajectory(inventory_of(i["inventory"]), start=i.get("start", 2025),
                                 horizon=i.get("horizon", 2030), scenarios=i.get("scenarios") or [],
                                 dataset=dataset_of(case), options={"reporting_year": 2025, **(options or {})},
                                 baseline=i.get("baseline", "practice"))
        return {"series": t.series}
    if kind == "server":
        f = empreinte.server(dataset=dataset_of(case), **server_kwargs(i.get("spec")),
                             **usage_kwargs(i.get("usage") or {}))
        return f.to_dict()
    if kind == "cloud":
        f = empreinte.cloud(i.get("provider", ""), i.get("instance_type", ""), i.get("region"),
                            dataset=dataset_of(case), **usage_kwargs(i.get("usage") or {}))
        return f.to_dict()
    if kind == "page":
        kw = {k: v for k, v in i.items() if k != "model"}
        kw.setdefault("per_visit", False)
        return empreinte.page(i.get("model", "ecoindex"), **kw).to_dict()
    if kind == "service":
        return service_call(i, dataset_of(case)).to_dict()
    if kind == "glpi":
        imp = empreinte.import_glpi(glpi_files(i.get("files", [])), i.get("mapping"),
                                    department_from=i.get("department_from", "entity_then_location"),
                                    dataset=dataset_of(case))
        report = imp.evaluate(options=options or {})
        return {"counts": imp.counts, "items": imp.items, "report": report.to_dict()}
    if kind == "estate":
        dataset = dataset_of(case) if case.get("dataset") or case.get("dataset_files") else None
        with tempfile.TemporaryDirectory() as tmp:
            base = estate_files(i.get("files") or {}, pathlib.Path(tmp))
            return empreinte.evaluate(i["estate"], dataset=dataset, options=options or {}, base_dir=base).to_dict()
    if kind == "numecoeval":
        with tempfile.TemporaryDirectory() as tmp:
            base = estate_files(i.get("files") or {}, pathlib.Path(tmp))
            return empreinte.evaluate(base, dataset=dataset_of(case), options=options or {}).to_dict()
    if kind == "referential":
        base = REPO / i["base"]
        files: Dict[str, Any] = {p.name: p.read_text(encoding="utf-8") for p in base.glob("ref_*.csv")}
        for name, text in (i.get("files") or {}).items():
            if text is None:
                files.pop(name, None)
            else:
                files[name] = text
        return {"dataset": empreinte.Dataset.from_files(files, id="referential").info}
    if kind == "dataset":
        ds = dataset_from_files(i)
        return {"dataset": ds.info}
    raise AssertionError(f"unknown case kind {kind!r}")
