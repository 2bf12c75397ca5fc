"""Hosting tables of the empreinte reference datasets (servers, cloud instances, PUE).

Called by generate.py (``extend``); standard library only, deterministic. Every table is described
in SCHEMA.md, section "Hosting tables". Figures come from:

- BoaviztAPI 2.5.0 data files (server.csv archetypes, cloud instance and region tables, cpu_specs.csv,
  cpu_profile.csv, memory_type.csv, ram/ssd_manufacture.csv, factors.yml component factors) and
  constants of its 2.5.0 power model (RAM per DIMM, disk power, TDP ratios), each citing its primary
  source (UBA Texte 94/2021 for the component factors, TechPowerUp for CPU specs, ...);
- tools/curated/hosting_platform_cpus.csv: the cpu_specs.csv row BoaviztAPI 2.5.0's own name matcher
  resolves each server archetype's CPU to (recorded by tests/peers/boavizta/resolve_platform_cpus.py);
- tools/curated/hosting_sites.csv: PUE of server rooms, colocation and cloud data centres.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
CURATED = os.path.join(HERE, "curated")

SITE_FIELDS = ["site", "label_fr", "label_en", "aliases", "pue", "pue_low", "pue_high", "quality",
               "source_id", "source_row", "note"]
PARAM_FIELDS = ["parameter", "value", "low", "high", "unit", "source_id", "source_row", "note"]
COMPONENT_FIELDS = ["factor_id", "component", "term", "indicator", "value", "low", "high", "unit", "quality",
                    "source_id", "source_row", "note"]
SERVER_FIELDS = ["server", "manufacturer", "case_type", "cpu_units", "cpu_name", "cpu_manufacturer", "cpu_family",
                 "cpu_model_range", "cpu_tdp_w", "cpu_core_units", "cpu_threads", "cpu_die_size_mm2",
                 "ram_units", "ram_capacity_gb", "ssd_units", "ssd_capacity_gb", "hdd_units", "hdd_capacity_gb",
                 "gpu_units", "psu_units", "psu_unit_weight_kg", "load_percent", "use_time_ratio",
                 "lifetime_hours", "other_consumption_ratio", "source_id", "source_row", "note"]
CPU_FIELDS = ["name", "manufacturer", "family", "model_range", "tdp_w", "cores", "threads", "die_size_mm2"]
DIE_FIELDS = ["cores", "mean_mm2", "min_mm2", "max_mm2", "n_rows"]
PROFILE_FIELDS = ["manufacturer", "model_range", "a", "b", "c", "d", "source_id", "source_row"]
MEMTYPE_FIELDS = ["cpu_family", "memory_type"]
INSTANCE_FIELDS = ["provider", "instance", "vcpu", "memory_gb", "ssd_gb", "hdd_gb", "gpu_units", "platform"]
REGION_FIELDS = ["provider", "region", "zone"]

UBA = "uba-green-cloud-2021"
BOA = "boaviztapi-2.5.0"

# Constants of the BoaviztAPI 2.5.0 power model that live in its code, not in its data files.
# (parameter, value, low, high, unit, source_row, note)
CODE_PARAMETERS = [
    ("ram_dimm_base_power", "3.0", None, None, "W",
     "models/consumption_profile/consumption_profile.py RAMConsumptionProfileModel.dimm_base_power",
     "Power of one DIMM at full load = base + per_gb x DIMM capacity; fitted by Boavizta to Micron DDR5 "
     "datasheets and to measurements in arXiv 2309.05373 (DDR4 16 GB ~4 W, DDR5 64 GB 5-6.5 W)."),
    ("ram_dimm_power_per_gb", "0.055", None, None, "W/GB",
     "models/consumption_profile/consumption_profile.py RAMConsumptionProfileModel.dimm_power_per_gb",
     "See ram_dimm_base_power."),
    ("ram_idle_power_ratio", "0.7", None, None, "1",
     "models/consumption_profile/consumption_profile.py RAMConsumptionProfileModel.idle_power_ratio",
     "Share of full-load DIMM power drawn at idle (refresh, static power): GreenDIMM, MICRO 2021."),
    ("ram_typical_dimm_ddr3", "16", None, None, "GB",
     "consumption_profile.py RAMConsumptionProfileModel.typical_dimm_capacity DDR3",
     "DIMM size assumed for cloud platforms, whose DIMM layout is unknown."),
    ("ram_typical_dimm_ddr4", "32", None, None, "GB",
     "consumption_profile.py RAMConsumptionProfileModel.typical_dimm_capacity DDR4", "Also the default type."),
    ("ram_typical_dimm_ddr5", "64", None, None, "GB",
     "consumption_profile.py RAMConsumptionProfileModel.typical_dimm_capacity DDR5", ""),
    ("ssd_power", "8", "2", "20", "W", "models/component/ssd.py ComponentSSD.POWER_PER_DRIVE",
     "Per drive, default;min;max (enterprise SSD datasheets, BoaviztAPI 2.5.0)."),
    ("hdd_power", "6.4", "5.4", "9.4", "W", "models/component/hdd.py ComponentHDD.POWER_PER_DRIVE",
     "Per drive, default;min;max (3.5-inch enterprise HDD datasheets, BoaviztAPI 2.5.0)."),
    ("cpu_min_power", "1", None, None, "W", "models/consumption_profile/consumption_profile.py MIN_POWER",
     "Floor of the modelled CPU power."),
    ("cpu_tdp_ratio_load_0", "0.12", None, None, "1", "consumption_profile.py CPUConsumptionProfileModel._TDP_RATIOS",
     "CPU power / TDP at 0 % load; the curve a*ln(b*(load+c))+d is fitted through the four points "
     "(HotCarbon 2024, Simon et al., 'BoaviztAPI: a bottom-up model to assess the environmental impacts of cloud services')."),
    ("cpu_tdp_ratio_load_10", "0.32", None, None, "1", "consumption_profile.py CPUConsumptionProfileModel._TDP_RATIOS", ""),
    ("cpu_tdp_ratio_load_50", "0.75", None, None, "1", "consumption_profile.py CPUConsumptionProfileModel._TDP_RATIOS", ""),
    ("cpu_tdp_ratio_load_100", "1.02", None, None, "1", "consumption_profile.py CPUConsumptionProfileModel._TDP_RATIOS", ""),
]


def _fmt(x) -> str:
    if x is None or x == "":
        return ""
    f = float(x)
    if f == 0.0:
        f = 0.0
    return repr(f)


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv(fields, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in fields})
    return buf.getvalue()


def round_sig(x: float, p: int) -> float:
    """Round to p significant figures the way BoaviztAPI 2.5.0 does (utils/roundit.py to_precision:
    nearest, ties away from the lower multiple). empreinte's Rust code does the same operations."""
    if x == 0.0:
        return 0.0
    sign = -1.0 if x < 0 else 1.0
    x = abs(x)
    e = int(math.log10(x))
    tens = math.pow(10, e - p + 1)
    n = math.floor(x / tens)
    if n < math.pow(10, p - 1):
        e -= 1
        tens = math.pow(10, e - p + 1)
        n = math.floor(x / tens)
    if abs((n + 1.0) * tens - x) <= abs(n * tens - x):
        n += 1
    if n >= math.pow(10, p):
        n = n / 10.0
        e += 1
    return sign * float(f"{int(n)}e{e - p + 1}")


def _triple(text: str) -> str:
    """BoaviztAPI 'default;min;max' (or a single value) as empreinte's 'value;low;high' text."""
    t = (text or "").strip()
    if not t:
        return ""
    parts = [p.strip() for p in t.split(";")]
    if len(parts) == 1:
        return _fmt(parts[0])
    v, lo, hi = parts
    return ";".join(_fmt(x) for x in (v, lo, hi))


def _cpu_specs(boa_dir, boa_ovr):
    rows = _read(os.path.join(boa_ovr, "crowdsourcing", "cpu_specs.csv"))
    out = []
    for r in rows:
        def num(k):
            s = (r.get(k) or "").strip()
            return "" if s == "" else str(int(float(s)))  # BoaviztAPI truncates to int (safe_int)
        out.append({"name": r["name"].strip(), "manufacturer": r["manufacturer"], "family": r["code_name"],
                    "model_range": r["model_range"], "tdp_w": num("tdp"), "cores": num("cores"),
                    "threads": num("threads"), "die_size_mm2": num("total_die_size")})
    return rows, out


def _die_by_cores(raw):
    groups = {}
    for r in raw:
        if not r["total_die_size"].strip() or not r["cores"].strip():
            continue
        groups.setdefault(float(r["cores"]), []).append(float(r["total_die_size"]))
    out = []
    for cores in sorted(groups):
        v = groups[cores]
        out.append({"cores": _fmt(cores), "mean_mm2": _fmt(round_sig(math.fsum(v) / len(v), 3)),
                    "min_mm2": _fmt(round_sig(min(v), 3)), "max_mm2": _fmt(round_sig(max(v), 3)),
                    "n_rows": str(len(v))})
    # Least-squares line die = a + b x cores over every row with both figures (BoaviztAPI's fallback
    # when a core count is not in the table).
    xs = [c for c, v in groups.items() for _ in v]
    ys = [d for c, v in groups.items() for d in v]
    mx, my = math.fsum(xs) / len(xs), math.fsum(ys) / len(ys)
    b = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.fsum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    return out, a, b


def _density(rows, key):
    vals = [Decimal(r[key].strip()) for r in rows if r[key].strip()]
    return sum(vals) / len(vals), min(vals), max(vals)


def _component_rows(fy):
    rows = []
    inds = {"gwp": ("climate_change", "kgCO2e"), "pe": ("primary_energy", "MJ")}
    spec = [  # component, factors.yml key path, term, per-unit suffix
        ("cpu", ("cpu", "die_impact"), "per_die_area", "/mm2"),
        ("cpu", ("cpu", "impact"), "fixed", ""),
        ("ram", ("ram", "die_impact"), "per_die_area", "/cm2"),
        ("ram", ("ram", "impact"), "fixed", ""),
        ("ssd", ("ssd", "die_impact"), "per_die_area", "/cm2"),
        ("ssd", ("ssd", "impact"), "fixed", ""),
        ("hdd", ("hdd", "impact"), "fixed", ""),
        ("motherboard", ("motherboard", "impact"), "fixed", ""),
        ("power_supply", ("power_supply", "impact"), "per_kg", "/kg"),
        ("case_rack", ("case", "rack", "impact"), "fixed", ""),
        ("case_blade", ("case", "blade", "impact_blade_server"), "fixed", ""),
        ("case_blade", ("case", "blade", "impact_blade_16_slots"), "enclosure_16_slots", ""),
        ("assembly", ("assembly", "impact"), "fixed", ""),
    ]
    for comp, path, term, suffix in spec:
        for key, (ind, unit) in inds.items():
            node = fy[path[0]][key]
            for p in path[1:]:
                node = node[p]
            v = Decimal(str(node))
            rows.append({
                "factor_id": f"hosting.{comp}.{term}.{ind}", "component": comp, "term": term, "indicator": ind,
                "value": _fmt(v), "low": _fmt(v), "high": _fmt(v), "unit": unit + suffix, "quality": "primary",
                "source_id": UBA, "source_row": f"boaviztapi 2.5.0 data/factors.yml {'.'.join(path[:1] + (key,) + path[1:])}",
                "note": ("UBA Texte 94/2021 'Green Cloud Computing' (Gröger et al.) component inventory, as compiled by "
                         "Boavizta. Manufacturing only: end of life not included (BoaviztAPI warning). No published "
                         "range. The UBA 'adp' (minerals and fossils) figure has no indicator in the schema and is "
                         "not carried."),
            })
    return rows


def _server_rows(servers, resolved):
    rows = []
    for sid, s in sorted(servers.items()):
        r = resolved[sid]
        rows.append({
            "server": sid, "manufacturer": s["manufacturer"], "case_type": s["CASE.case_type"],
            "cpu_units": _triple(s["CPU.units"]), "cpu_name": r["cpu_name_matched"],
            "cpu_manufacturer": r["manufacturer"], "cpu_family": r["family"], "cpu_model_range": r["model_range"],
            "cpu_tdp_w": _triple(r["tdp_w"]), "cpu_core_units": _triple(r["core_units"]),
            "cpu_threads": _triple(r["threads"]), "cpu_die_size_mm2": _triple(r["die_size_mm2"]),
            "ram_units": _triple(s["RAM.units"]), "ram_capacity_gb": _triple(s["RAM.capacity"]),
            "ssd_units": _triple(s["SSD.units"]), "ssd_capacity_gb": _triple(s["SSD.capacity"]),
            "hdd_units": _triple(s["HDD.units"]), "hdd_capacity_gb": _triple(s["HDD.capacity"]),
            "gpu_units": _triple(s["GPU.units"]), "psu_units": _triple(s["POWER_SUPPLY.units"]),
            "psu_unit_weight_kg": _triple(s["POWER_SUPPLY.unit_weight"]),
            "load_percent": _triple(s["USAGE.time_workload"]), "use_time_ratio": _triple(s["USAGE.use_time_ratio"]),
            "lifetime_hours": _triple(s["USAGE.hours_life_time"]),
            "other_consumption_ratio": _triple(s["USAGE.other_consumption_ratio"]),
            "source_id": BOA, "source_row": f"archetypes/server.csv {sid}",
            "note": ("CPU attributes: cpu_specs.csv row '" + r["cpu_name_matched"] + "' as resolved by BoaviztAPI "
                     "2.5.0 from '" + r["cpu_name_written"] + "'") if r["cpu_name_written"] else
                    ("CPU die size: " + r["die_size_source"] + " (BoaviztAPI 2.5.0 completion)"),
        })
    return rows


def build(boa_dir, boa_ovr, fy, servers, zones):
    """Returns {file name: csv text} for the boavizta-2.5 set."""
    resolved = {r["platform"]: r for r in _read(os.path.join(CURATED, "hosting_platform_cpus.csv"))}
    missing = sorted(set(servers) - set(resolved))
    if missing:
        raise ValueError(f"hosting_platform_cpus.csv lacks {missing[:5]}: run tests/peers/boavizta/resolve_platform_cpus.py")
    raw_specs, cpus = _cpu_specs(boa_dir, boa_ovr)
    die_rows, reg_a, reg_b = _die_by_cores(raw_specs)
    ram_d = _density(_read(os.path.join(boa_dir, "crowdsourcing", "ram_manufacture.csv")), "density")
    ssd_d = _density(_read(os.path.join(boa_dir, "crowdsourcing", "ssd_manufacture.csv")), "density")
    comp_csv = {c: _read(os.path.join(boa_dir, "archetypes", "components", f"{c}.csv"))[0]
                for c in ("cpu", "ram", "ssd", "hdd", "power_supply")}

    params = []
    for name, v, lo, hi, unit, row, note in CODE_PARAMETERS:
        params.append({"parameter": name, "value": _fmt(v), "low": _fmt(lo or v), "high": _fmt(hi or v),
                       "unit": unit, "source_id": BOA, "source_row": row, "note": note})

    def add(name, trip, unit, row, note):
        parts = [p.strip() for p in trip.split(";")]
        v, lo, hi = (parts * 3)[:3] if len(parts) == 1 else parts
        params.append({"parameter": name, "value": _fmt(v), "low": _fmt(lo), "high": _fmt(hi), "unit": unit,
                       "source_id": BOA, "source_row": row, "note": note})

    add("ram_density", f"{ram_d[0]};{ram_d[1]};{ram_d[2]}", "GB/cm2", "crowdsourcing/ram_manufacture.csv mean;min;max",
        "DRAM die density when the module's manufacturer and process are not given.")
    add("ssd_density", f"{ssd_d[0]};{ssd_d[1]};{ssd_d[2]}", "GB/cm2", "crowdsourcing/ssd_manufacture.csv mean;min;max",
        "NAND die density when not given (TechInsights and others, per row of the file).")
    add("cpu_core_units", comp_csv["cpu"]["core_units"], "1", "archetypes/components/cpu.csv DEFAULT core_units",
        "Cores of a CPU given without cores, name or die size.")
    add("ram_capacity", comp_csv["ram"]["capacity"], "GB", "archetypes/components/ram.csv DEFAULT capacity", "")
    add("ssd_capacity", comp_csv["ssd"]["capacity"], "GB", "archetypes/components/ssd.csv DEFAULT capacity", "")
    add("hdd_capacity", comp_csv["hdd"]["capacity"], "GB", "archetypes/components/hdd.csv DEFAULT capacity", "")
    add("psu_unit_weight", comp_csv["power_supply"]["unit_weight"], "kg",
        "archetypes/components/power_supply.csv DEFAULT unit_weight", "")
    prof = comp_csv["cpu"]["CONSUMPTION_PROFILE.params"].strip("{}").replace("'", "").split(",")
    for kv in prof:
        k, v = (x.strip() for x in kv.split(":"))
        add(f"cpu_default_profile_{k}", v, "1", "archetypes/components/cpu.csv DEFAULT CONSUMPTION_PROFILE.params",
            "Default CPU power curve a*ln(b*(load+c))+d (W), load in %.")
    add("cpu_die_regression_intercept", repr(reg_a), "mm2", "crowdsourcing/cpu_specs.csv least squares of total_die_size on cores",
        "Used when a CPU's core count is not in hosting_cpu_die_by_cores.csv (result rounded to 3 significant figures).")
    add("cpu_die_regression_slope", repr(reg_b), "mm2", "crowdsourcing/cpu_specs.csv least squares of total_die_size on cores", "")

    profiles = [{"manufacturer": r["manufacturer"], "model_range": r["model_range"], "a": _fmt(r["a"]),
                 "b": _fmt(r["b"]), "c": _fmt(r["c"]), "d": _fmt(r["d"]), "source_id": BOA,
                 "source_row": f"consumption_profile/cpu/cpu_profile.csv {r['model_range']}"}
                for r in _read(os.path.join(boa_dir, "consumption_profile", "cpu", "cpu_profile.csv"))]
    memtypes = _read(os.path.join(boa_ovr, "consumption_profile", "ram", "memory_type.csv"))

    instances = []
    for prov in ("aws", "azure", "gcp", "ovhcloud", "scaleway"):
        path = os.path.join(boa_ovr, "archetypes", "cloud", f"{prov}.csv")
        if not os.path.exists(path):
            path = os.path.join(boa_dir, "archetypes", "cloud", f"{prov}.csv")
        for r in _read(path):
            if r["platform"] not in servers:
                continue  # BoaviztAPI answers 404 for these too
            instances.append({"provider": prov, "instance": r["id"].strip(), "vcpu": _fmt(r["vcpu"]),
                              "memory_gb": _fmt(r["memory"]), "ssd_gb": _fmt(r["ssd_storage"] or 0),
                              "hdd_gb": _fmt(r["hdd_storage"] or 0), "gpu_units": _fmt(r["gpu_units"] or 0),
                              "platform": r["platform"]})
    by_code = {z["boavizta_code"]: z["zone"] for z in zones}
    regions = []
    for r in _read(os.path.join(boa_dir, "archetypes", "cloud", "regions.csv")):
        if r["usage_location"] in by_code:
            regions.append({"provider": r["provider"], "region": r["region"], "zone": by_code[r["usage_location"]]})

    return {
        "hosting_parameters.csv": _csv(PARAM_FIELDS, sorted(params, key=lambda r: r["parameter"])),
        "hosting_components.csv": _csv(COMPONENT_FIELDS, sorted(_component_rows(fy), key=lambda r: r["factor_id"])),
        "hosting_servers.csv": _csv(SERVER_FIELDS, _server_rows(servers, resolved)),
        "hosting_cpus.csv": _csv(CPU_FIELDS, cpus),
        "hosting_cpu_die_by_cores.csv": _csv(DIE_FIELDS, die_rows),
        "hosting_cpu_profiles.csv": _csv(PROFILE_FIELDS, profiles),
        "hosting_memory_types.csv": _csv(MEMTYPE_FIELDS, memtypes),
        "hosting_cloud_instances.csv": _csv(INSTANCE_FIELDS, sorted(instances, key=lambda r: (r["provider"], r["instance"]))),
        "hosting_cloud_regions.csv": _csv(REGION_FIELDS, sorted(regions, key=lambda r: (r["provider"], r["region"]))),
    }


def sites():
    rows = _read(os.path.join(CURATED, "hosting_sites.csv"))
    return {"hosting_sites.csv": _csv(SITE_FIELDS, rows)}


RESOURCE_TITLES = {
    "hosting_sites.csv": ("Where servers run: PUE of server rooms, colocation and cloud data centres", ["site"]),
    "hosting_parameters.csv": ("Scalar constants of the server model", ["parameter"]),
    "hosting_components.csv": ("Embodied impacts of server components (bottom-up model)", ["factor_id"]),
    "hosting_servers.csv": ("Server archetypes and cloud host platforms", ["server"]),
    "hosting_cpus.csv": ("CPU specifications (die area, TDP, cores)", ["name"]),
    "hosting_cpu_die_by_cores.csv": ("CPU die area statistics by core count", ["cores"]),
    "hosting_cpu_profiles.csv": ("CPU power curves by model range", ["manufacturer", "model_range"]),
    "hosting_memory_types.csv": ("Memory generation by CPU family", ["cpu_family"]),
    "hosting_cloud_instances.csv": ("Cloud instance types and their host platform", ["provider", "instance"]),
    "hosting_cloud_regions.csv": ("Cloud regions and their electricity zone", ["provider", "region"]),
}


def extend(files, name, tables, sources):
    """Adds the hosting tables to one dataset's generated files: CSVs, their resources in
    datapackage.json, and the sources they cite in sources.csv and datapackage.json."""
    cited = set()
    for text in tables.values():
        for r in csv.DictReader(io.StringIO(text)):
            if r.get("source_id"):
                cited.add(r["source_id"])
            # further sources named in the citation text ("id: figure")
            cited.update(i for i in sources if f"{i}: " in r.get("source_row", ""))
    src_path = os.path.join(name, "sources.csv")
    have = list(csv.DictReader(io.StringIO(files[src_path])))
    ids = {r["source_id"] for r in have} | cited
    unknown = sorted(i for i in ids if i not in sources)
    if unknown:
        raise ValueError(f"unknown source ids {unknown}")
    rows = [sources[i] for i in sorted(ids)]
    fields = list(have[0].keys()) if have else list(rows[0].keys())
    files[src_path] = _csv(fields, rows)
    pkg_path = os.path.join(name, "datapackage.json")
    pkg = json.loads(files[pkg_path])
    pkg["sources"] = [{"title": s["title"], "path": s["url"], "name": s["source_id"]} for s in rows]
    for fname, text in sorted(tables.items()):
        header = next(csv.reader(io.StringIO(text)))
        title, key = RESOURCE_TITLES[fname]
        numeric = {"value", "low", "high", "pue", "pue_low", "pue_high", "a", "b", "c", "d", "vcpu", "memory_gb",
                   "ssd_gb", "hdd_gb", "gpu_units", "cores", "mean_mm2", "min_mm2", "max_mm2", "n_rows"}
        pkg["resources"].append({
            "name": fname[:-4], "path": fname, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": f, "type": "number" if f in numeric else "string"} for f in header],
                       "primaryKey": key},
        })
        files[os.path.join(name, fname)] = text
    files[pkg_path] = json.dumps(pkg, ensure_ascii=False, indent=2) + "\n"
