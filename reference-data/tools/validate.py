#!/usr/bin/env python3
"""Validate every dataset folder under reference-data/ against SCHEMA.md (schema version 1).

    python3 reference-data/tools/validate.py [dataset_dir ...]

Checks: required files and columns; unique keys; every source_id / category / zone exists;
low <= value <= high; numbers finite; units exactly as in the indicator table; required
fields not empty; enumerations (phase, quality, group, is_proxy); datapackage.json
resources and the "empreinte" block. Exits 1 on any error. Standard library only.
"""
from __future__ import annotations

import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFDATA = os.path.dirname(HERE)

UNITS = {
    "climate_change": "kgCO2e", "ozone_depletion": "kgCFC-11e", "ionising_radiation": "kBqU235e",
    "photochemical_ozone_formation": "kgNMVOCe", "particulate_matter": "disease_incidence",
    "human_toxicity_cancer": "CTUh", "human_toxicity_non_cancer": "CTUh", "acidification": "molH+e",
    "eutrophication_freshwater": "kgPe", "eutrophication_marine": "kgNe", "eutrophication_terrestrial": "molNe",
    "ecotoxicity_freshwater": "CTUe", "land_use": "pt", "water_use": "m3_world_eq_deprived",
    "resource_use_fossils": "MJ", "resource_use_minerals_metals": "kgSbe", "primary_energy": "MJ",
    "water_consumption": "m3", "water_ademe": "m3", "material_input": "kg",
}
PHASES = {"manufacturing", "distribution", "end_of_life"}
QUALITIES = {"primary", "derived", "proxy", "uncertain", "flagged"}
GROUPS = {"terminal", "display", "printing", "network", "server", "storage", "telephony", "other"}

COLUMNS = {
    "sources.csv": ["source_id", "title", "publisher", "year", "url", "licence", "used_for", "note"],
    "zones.csv": ["zone", "alpha3", "name_fr", "name_en", "aliases"],
    "categories.csv": ["category", "label_fr", "label_en", "aliases", "group", "lifetime_years",
                       "lifetime_low_years", "lifetime_high_years", "power_w", "power_low_w", "power_high_w",
                       "hours_per_day", "days_per_year", "is_proxy", "proxy_note", "source_id", "source_row",
                       "site", "pue", "pue_low", "pue_high", "energy_basis"],
    "embodied.csv": ["factor_id", "category", "phase", "indicator", "value", "low", "high", "unit", "quality",
                     "source_id", "source_row", "note", "includes"],
    "refurbishment.csv": ["factor_id", "category", "phase", "indicator", "value", "low", "high", "unit", "quality",
                          "source_id", "source_row", "note", "includes", "second_life_years"],
    "electricity.csv": ["factor_id", "zone", "year", "indicator", "value", "low", "high", "unit", "quality",
                        "source_id", "source_row", "note", "method", "method_fr"],
}
# Columns a dataset may leave out (SCHEMA.md): without `includes`, no figure is lumped.
OPTIONAL = {"includes"}
ALL_PHASES = ["manufacturing", "distribution", "use", "end_of_life"]

REQUIRED = {
    "sources.csv": ["source_id", "title", "publisher", "licence", "used_for"],
    "zones.csv": ["zone", "alpha3", "name_fr", "name_en"],
    "categories.csv": ["category", "label_fr", "label_en", "group", "lifetime_years", "lifetime_low_years",
                       "lifetime_high_years", "power_w", "power_low_w", "power_high_w", "hours_per_day",
                       "days_per_year", "is_proxy", "source_id", "source_row"],
    "embodied.csv": ["factor_id", "category", "phase", "indicator", "value", "low", "high", "unit", "quality",
                     "source_id", "source_row"],
    "refurbishment.csv": ["factor_id", "category", "phase", "indicator", "value", "low", "high", "unit", "quality",
                          "source_id", "source_row", "second_life_years"],
    "electricity.csv": ["factor_id", "zone", "indicator", "value", "low", "high", "unit", "quality",
                        "source_id", "source_row"],
}


class Report:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")


def num(rep, where, field, text, positive=False):
    try:
        v = float(text)
    except ValueError:
        rep.err(where, f"{field}={text!r} is not a number")
        return None
    if not math.isfinite(v):
        rep.err(where, f"{field}={text!r} is not finite")
        return None
    if positive and v <= 0:
        rep.err(where, f"{field}={text!r} must be > 0")
    return v


def read(rep, folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        rep.err(path, "missing file")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    if raw.startswith("\ufeff"):
        rep.err(path, "has a BOM")
    rows = list(csv.DictReader(raw.splitlines()))
    header = next(csv.reader(raw.splitlines()), [])
    if [h for h in header if h not in OPTIONAL] != [c for c in COLUMNS[name] if c not in OPTIONAL]:
        rep.err(path, f"columns {header} != {COLUMNS[name]}")
    for i, r in enumerate(rows, start=2):
        for f in REQUIRED[name]:
            if not (r.get(f) or "").strip():
                rep.err(f"{path}:{i}", f"required field {f} is empty")
    return rows


def check_factors(rep, path, rows, key, sources, cats=None, zones=None, per_kwh=False):
    seen = set()
    for i, r in enumerate(rows, start=2):
        where = f"{path}:{i}"
        k = r.get(key, "")
        if k in seen:
            rep.err(where, f"duplicate {key} {k}")
        seen.add(k)
        if r["source_id"] not in sources:
            rep.err(where, f"unknown source_id {r['source_id']}")
        if cats is not None and r["category"] not in cats:
            rep.err(where, f"unknown category {r['category']}")
        if zones is not None and r["zone"] not in zones:
            rep.err(where, f"unknown zone {r['zone']}")
        if "phase" in r and r["phase"] not in PHASES:
            rep.err(where, f"bad phase {r['phase']}")
        if r["quality"] not in QUALITIES:
            rep.err(where, f"bad quality {r['quality']}")
        ind = r["indicator"]
        if ind not in UNITS:
            rep.err(where, f"unknown indicator {ind}")
        else:
            want = UNITS[ind] + ("/kWh" if per_kwh else "")
            if r["unit"] != want:
                rep.err(where, f"unit {r['unit']!r} != {want!r}")
        v = num(rep, where, "value", r["value"])
        lo = num(rep, where, "low", r["low"])
        hi = num(rep, where, "high", r["high"])
        if None not in (v, lo, hi) and not (lo <= v <= hi):
            rep.err(where, f"not low <= value <= high ({lo} {v} {hi})")
        if per_kwh:
            if r["year"] and not r["year"].isdigit():
                rep.err(where, f"year {r['year']!r} is not an integer")
            if r["factor_id"] != f"{r['zone']}.{r['year'] or 'undated'}.{ind}":
                rep.err(where, "factor_id does not match zone.year.indicator")
    if per_kwh:
        trip = [(r["zone"], r["year"], r["indicator"]) for r in rows]
        if len(trip) != len(set(trip)):
            rep.err(path, "zone+year+indicator not unique")


def validate_network(rep, folder, sids, dp):
    """Optional service table network.csv (SCHEMA.md, "Service tables"): per-GB factors."""
    path = os.path.join(folder, "network.csv")
    if not os.path.exists(path):
        return
    cols = ["factor_id", "network", "access", "zone", "box_included", "phase", "indicator", "value", "low", "high",
            "unit", "quality", "source_id", "source_row", "note"]
    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    header = next(csv.reader(raw.splitlines()), [])
    if header != cols:
        rep.err(path, f"columns {header} != {cols}")
        return
    seen, per_net = set(), {}
    for i, r in enumerate(csv.DictReader(raw.splitlines()), start=2):
        where = f"{path}:{i}"
        for f in cols[:-1]:
            if f != "box_included" and not (r.get(f) or "").strip():
                rep.err(where, f"required field {f} is empty")
        if r["factor_id"] in seen:
            rep.err(where, f"duplicate factor_id {r['factor_id']}")
        seen.add(r["factor_id"])
        if r["factor_id"] != f"network.{r['network']}.{r['indicator']}":
            rep.err(where, "factor_id does not match network.<network>.<indicator>")
        if r["access"] not in ("fixed", "mobile"):
            rep.err(where, f"access must be fixed or mobile, got {r['access']!r}")
        if r["box_included"] not in ("", "true", "false"):
            rep.err(where, f"box_included must be true, false or empty, got {r['box_included']!r}")
        if r["phase"] not in PHASES | {"use"}:
            rep.err(where, f"bad phase {r['phase']}")
        if r["quality"] not in QUALITIES:
            rep.err(where, f"bad quality {r['quality']}")
        if r["source_id"] not in sids:
            rep.err(where, f"unknown source_id {r['source_id']}")
        if r["indicator"] not in UNITS:
            rep.err(where, f"unknown indicator {r['indicator']}")
        elif r["unit"] != UNITS[r["indicator"]] + "/GB":
            rep.err(where, f"unit {r['unit']!r} != {UNITS[r['indicator']] + '/GB'!r}")
        v, lo, hi = (num(rep, where, f, r[f]) for f in ("value", "low", "high"))
        if None not in (v, lo, hi) and not (0 <= lo <= v <= hi):
            rep.err(where, f"not 0 <= low <= value <= high ({lo} {v} {hi})")
        attrs = (r["access"], r["zone"], r["box_included"])
        if per_net.setdefault(r["network"], attrs) != attrs:
            rep.err(where, f"network {r['network']} has different access/zone/box_included on different rows")
    if dp and not any(res.get("path") == "network.csv" for res in dp.get("resources", [])):
        rep.err(os.path.join(folder, "datapackage.json"), "no resource for network.csv")


def validate_hosting(rep, folder, sids, zids, dp):
    """Optional hosting tables hosting_*.csv (SCHEMA.md, "Hosting tables"): present ones are checked."""
    def rows_of(name, cols):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8", newline="") as fh:
            raw = fh.read()
        header = next(csv.reader(raw.splitlines()), [])
        for c in cols:
            if c not in header:
                rep.err(path, f"missing column {c}")
        if dp and not any(res.get("path") == name for res in dp.get("resources", [])):
            rep.err(os.path.join(folder, "datapackage.json"), f"no resource for {name}")
        return list(csv.DictReader(raw.splitlines()))

    def triple(where, field, text):
        if not text.strip():
            return
        parts = [num(rep, where, field, p) for p in text.split(";")]
        if None in parts:
            return
        if len(parts) == 3 and not (parts[1] <= parts[0] <= parts[2]):
            rep.err(where, f"{field}: value;low;high not ordered")
        elif len(parts) not in (1, 3):
            rep.err(where, f"{field}: expected value or value;low;high")
        elif parts[1 if len(parts) == 3 else 0] < 0:
            rep.err(where, f"{field}: negative")

    def cited(where, r):
        if r.get("source_id") not in sids:
            rep.err(where, f"unknown source_id {r.get('source_id')}")
        if not (r.get("source_row") or "").strip():
            rep.err(where, "empty source_row")

    sites = rows_of("hosting_sites.csv", ["site", "pue", "pue_low", "pue_high", "quality", "source_id", "source_row"])
    for i, r in enumerate(sites or [], start=2):
        where = f"{folder}/hosting_sites.csv:{i}"
        cited(where, r)
        v = [num(rep, where, f, r[f]) for f in ("pue_low", "pue", "pue_high")]
        if None not in v and not (1 <= v[0] <= v[1] <= v[2]):
            rep.err(where, f"PUE not 1 <= low <= value <= high {v}")
        if r["quality"] not in QUALITIES:
            rep.err(where, f"bad quality {r['quality']}")
    for name, cols in (("hosting_parameters.csv", ["parameter", "value", "low", "high", "unit"]),
                       ("hosting_components.csv", ["factor_id", "component", "term", "indicator", "value", "low", "high",
                                                   "unit", "quality"])):
        seen = set()
        for i, r in enumerate(rows_of(name, cols + ["source_id", "source_row"]) or [], start=2):
            where = f"{folder}/{name}:{i}"
            cited(where, r)
            key = r[cols[0]]
            if key in seen:
                rep.err(where, f"duplicate {cols[0]} {key}")
            seen.add(key)
            v = [num(rep, where, f, r[f]) for f in ("low", "value", "high")]
            if None not in v and not (v[0] <= v[1] <= v[2]):
                rep.err(where, "not low <= value <= high")
            if name == "hosting_components.csv":
                suffix = {"fixed": "", "enclosure_16_slots": "", "per_kg": "/kg",
                          "per_die_area": "/mm2" if r["component"] == "cpu" else "/cm2"}.get(r["term"])
                if suffix is None:
                    rep.err(where, f"bad term {r['term']}")
                elif r["unit"] != UNITS.get(r["indicator"], "?") + suffix:
                    rep.err(where, f"unit {r['unit']} != {UNITS.get(r['indicator'], '?')}{suffix}")
    servers = rows_of("hosting_servers.csv", ["server", "case_type", "cpu_units", "lifetime_hours", "source_id",
                                              "source_row"])
    server_ids = set()
    for i, r in enumerate(servers or [], start=2):
        where = f"{folder}/hosting_servers.csv:{i}"
        cited(where, r)
        if r["server"].lower() in server_ids:
            rep.err(where, f"duplicate server {r['server']}")
        server_ids.add(r["server"].lower())
        if r["case_type"] not in ("rack", "blade", "tower"):
            rep.err(where, f"bad case_type {r['case_type']}")
        for f, text in r.items():
            if f.endswith(("_units", "_gb", "_kg", "_w", "_mm2", "_percent", "_ratio", "_hours", "_threads")):
                triple(where, f, text or "")
    for i, r in enumerate(rows_of("hosting_cloud_instances.csv", ["provider", "instance", "vcpu", "memory_gb",
                                                                  "platform"]) or [], start=2):
        where = f"{folder}/hosting_cloud_instances.csv:{i}"
        if servers is not None and r["platform"].lower() not in server_ids:
            rep.err(where, f"platform {r['platform']} not in hosting_servers.csv")
        num(rep, where, "vcpu", r["vcpu"], positive=True)
    for i, r in enumerate(rows_of("hosting_cloud_regions.csv", ["provider", "region", "zone"]) or [], start=2):
        if r["zone"] not in zids:
            rep.err(f"{folder}/hosting_cloud_regions.csv:{i}", f"zone {r['zone']} not in zones.csv")


def check_includes(rep, path, rows):
    for i, r in enumerate(rows, start=2):
        inc = [p for p in (r.get("includes") or "").split("|") if p.strip()]
        if inc and r["phase"] != "manufacturing":
            rep.err(f"{path}:{i}", "includes is only for a manufacturing figure")
        for p in inc:
            if p.strip() not in ("distribution", "end_of_life"):
                rep.err(f"{path}:{i}", f"includes: bad phase {p!r} (distribution, end_of_life)")


def check_coverage(rep, dp_path, emp, emb, ele):
    """`empreinte.indicators` (optional): per indicator the phases covered, consistent with the rows."""
    decl = emp.get("indicators")
    if decl is None:
        return
    if not isinstance(decl, dict):
        rep.err(dp_path, "empreinte.indicators must be an object")
        return
    have = {}
    for r in emb:
        if r["quality"] != "flagged":
            ph = have.setdefault(r["indicator"], set())
            ph.add(r["phase"])
            ph.update(p.strip() for p in (r.get("includes") or "").split("|") if p.strip())
        else:
            have.setdefault(r["indicator"], set())
    for r in ele:
        ph = have.setdefault(r["indicator"], set())
        if r["quality"] != "flagged":
            ph.add("use")
    if emp.get("phases_split") is False:
        for ind, ph in have.items():
            if "manufacturing" in ph:
                ph.update(("distribution", "end_of_life"))
    for ind, entry in decl.items():
        where = f"{dp_path} empreinte.indicators.{ind}"
        if ind not in UNITS:
            rep.err(where, "unknown indicator")
            continue
        phases = entry.get("phases") if isinstance(entry, dict) else None
        if not isinstance(phases, list) or any(p not in ALL_PHASES for p in phases):
            rep.err(where, f"phases must be a list of {ALL_PHASES}")
            continue
        if set(phases) != have.get(ind, set()):
            rep.err(where, f"declares {sorted(phases)}, the rows cover {sorted(have.get(ind, set()))}")
    for ind in have:
        if ind not in decl:
            rep.err(f"{dp_path} empreinte.indicators", f"{ind} has rows but is not declared")


def validate(folder):
    rep = Report()
    name = os.path.basename(os.path.normpath(folder))
    src = read(rep, folder, "sources.csv")
    zones = read(rep, folder, "zones.csv")
    cats = read(rep, folder, "categories.csv")
    emb = read(rep, folder, "embodied.csv")
    ref = read(rep, folder, "refurbishment.csv")
    ele = read(rep, folder, "electricity.csv")

    sids = [r["source_id"] for r in src]
    if len(sids) != len(set(sids)):
        rep.err(f"{folder}/sources.csv", "duplicate source_id")
    sids = set(sids)
    zids = [r["zone"] for r in zones]
    if len(zids) != len(set(zids)):
        rep.err(f"{folder}/zones.csv", "duplicate zone")
    zids = set(zids)
    cids = [r["category"] for r in cats]
    if len(cids) != len(set(cids)):
        rep.err(f"{folder}/categories.csv", "duplicate category")
    cids = set(cids)

    for i, c in enumerate(cats, start=2):
        where = f"{folder}/categories.csv:{i}"
        if c["group"] not in GROUPS:
            rep.err(where, f"bad group {c['group']}")
        if c["is_proxy"] not in ("true", "false"):
            rep.err(where, f"is_proxy must be true/false, got {c['is_proxy']!r}")
        if c["is_proxy"] == "true" and not c["proxy_note"].strip():
            rep.err(where, "proxy without proxy_note")
        if c["source_id"] not in sids:
            rep.err(where, f"unknown source_id {c['source_id']}")
        lt = [num(rep, where, f, c[f], positive=True) for f in ("lifetime_low_years", "lifetime_years", "lifetime_high_years")]
        if None not in lt and not (lt[0] <= lt[1] <= lt[2]):
            rep.err(where, f"lifetime not low <= default <= high {lt}")
        pw = [num(rep, where, f, c[f]) for f in ("power_low_w", "power_w", "power_high_w")]
        if None not in pw and not (0 <= pw[0] <= pw[1] <= pw[2]):
            rep.err(where, f"power not 0 <= low <= default <= high {pw}")
        h = num(rep, where, "hours_per_day", c["hours_per_day"])
        if h is not None and not (0 <= h <= 24):
            rep.err(where, "hours_per_day outside 0-24")
        d = num(rep, where, "days_per_year", c["days_per_year"])
        if d is not None and not (0 <= d <= 366):
            rep.err(where, "days_per_year outside 0-366")

    check_factors(rep, f"{folder}/embodied.csv", emb, "factor_id", sids, cats=cids)
    check_factors(rep, f"{folder}/refurbishment.csv", ref, "factor_id", sids, cats=cids)
    check_factors(rep, f"{folder}/electricity.csv", ele, "factor_id", sids, zones=zids, per_kwh=True)
    check_includes(rep, f"{folder}/embodied.csv", emb)
    check_includes(rep, f"{folder}/refurbishment.csv", ref)
    second = {}
    for i, r in enumerate(ref, start=2):
        v = num(rep, f"{folder}/refurbishment.csv:{i}", "second_life_years", r["second_life_years"], positive=True)
        if second.setdefault(r["category"], v) != v:
            rep.err(f"{folder}/refurbishment.csv:{i}", "second_life_years differs within a category")
    for i, r in enumerate(emb, start=2):
        if r["factor_id"] != f"{r['category']}.{r['phase']}.{r['indicator']}":
            rep.err(f"{folder}/embodied.csv:{i}", "factor_id does not match category.phase.indicator")

    # datapackage.json
    dp_path = os.path.join(folder, "datapackage.json")
    try:
        with open(dp_path, encoding="utf-8") as fh:
            dp = json.load(fh)
    except (OSError, ValueError) as e:
        rep.err(dp_path, f"unreadable: {e}")
        dp = {}
    if dp:
        if dp.get("name") != name:
            rep.err(dp_path, f"name {dp.get('name')!r} != folder {name!r}")
        for k in ("version", "title", "description", "licenses", "sources", "resources"):
            if not dp.get(k):
                rep.err(dp_path, f"missing {k}")
        emp = dp.get("empreinte", {})
        if emp.get("schema_version") != 1:
            rep.err(dp_path, "empreinte.schema_version must be 1")
        if not isinstance(emp.get("phases_split"), bool):
            rep.err(dp_path, "empreinte.phases_split must be a boolean")
        if not emp.get("usage_note"):
            rep.err(dp_path, "empreinte.usage_note missing")
        if emp.get("default_country") not in zids:
            rep.err(dp_path, "empreinte.default_country not in zones.csv")
        paths = {r.get("path"): r for r in dp.get("resources", [])}
        for fname, cols in COLUMNS.items():
            res = paths.get(fname)
            if not res:
                rep.err(dp_path, f"no resource for {fname}")
                continue
            fields = [f["name"] for f in res.get("schema", {}).get("fields", [])]
            if [f for f in fields if f not in OPTIONAL] != [c for c in cols if c not in OPTIONAL]:
                rep.err(dp_path, f"{fname} schema.fields {fields} != {cols}")
        check_coverage(rep, dp_path, emp, emb, ele)
        if emp.get("phases_split") is False:
            bad = [r["factor_id"] for r in emb if r["phase"] != "manufacturing"]
            if bad:
                rep.err(dp_path, f"phases_split false but rows in other phases: {bad[:3]}")
    validate_network(rep, folder, sids, dp)
    validate_hosting(rep, folder, sids, zids, dp)
    return rep


def main(argv):
    folders = argv or sorted(
        os.path.join(REFDATA, d) for d in os.listdir(REFDATA)
        if os.path.isfile(os.path.join(REFDATA, d, "datapackage.json")))
    total = 0
    for f in folders:
        rep = validate(f)
        total += len(rep.errors)
        for e in rep.errors:
            print(e, file=sys.stderr)
        print(f"{os.path.basename(os.path.normpath(f))}: {'OK' if not rep.errors else str(len(rep.errors)) + ' error(s)'}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
