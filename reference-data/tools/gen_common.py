"""Shared parts of the reference-data generator: paths, units, number formatting, the
readers of the public sources, and the generation context (see generate.py)."""
from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import os
import re
import sys
from decimal import Decimal, getcontext


getcontext().prec = 40

HERE = os.path.dirname(os.path.abspath(__file__))
REFDATA = os.path.dirname(HERE)
REPO = os.path.dirname(REFDATA)
SHARED = os.environ.get("EMPREINTE_SHARED", os.path.join(REPO, "..", "shared"))
SRC = os.path.join(SHARED, "reference-sources")
CURATED = os.path.join(HERE, "curated")

ADEME_DIR = os.path.join(SRC, "ademe")
BOA_DIR = os.path.join(SRC, "boavizta", "boaviztapi")
BOA_OVR = os.path.join(SRC, "boavizta", "boaviztapi-2.5.0-pypi-overrides")
EFD_CSV = os.path.join(SRC, "boavizta", "environmental-footprint-data", "boavizta-data-us.csv")

# Indicator ids and units: SCHEMA.md, "Indicators".
UNITS = {
    "climate_change": "kgCO2e",
    "ozone_depletion": "kgCFC-11e",
    "ionising_radiation": "kBqU235e",
    "photochemical_ozone_formation": "kgNMVOCe",
    "particulate_matter": "disease_incidence",
    "human_toxicity_cancer": "CTUh",
    "human_toxicity_non_cancer": "CTUh",
    "acidification": "molH+e",
    "eutrophication_freshwater": "kgPe",
    "eutrophication_marine": "kgNe",
    "eutrophication_terrestrial": "molNe",
    "ecotoxicity_freshwater": "CTUe",
    "land_use": "pt",
    "water_use": "m3_world_eq_deprived",
    "resource_use_fossils": "MJ",
    "resource_use_minerals_metals": "kgSbe",
    "primary_energy": "MJ",
    "water_consumption": "m3",
    "water_ademe": "m3",
    "material_input": "kg",
}

# Units as written in boaviztapi factors.yml electricity, checked against our mapping.
BOA_ELEC_UNITS = {
    "gwp": "kg éq. CO2", "adpe": "kg éq. Sb", "adpf": "MJ", "ap": "mol éq. H+",
    "ir": "éq. kBq U235", "pm": "incidence de maladie", "odp": "kg éq. CFC 11",
    "pocp": "kg éq. COVNM", "epf": "kg éq. P", "epm": "kg éq. N", "ept": "mol éq. N",
    "lu": "sans dimension (pt)", "pe": "MJ", "wu": "m3/kWh",
}

PHASE_MAP = {"fabrication": "manufacturing", "distribution": "distribution", "fin_de_vie": "end_of_life"}
PHASE_ORDER = ["manufacturing", "distribution", "end_of_life"]

CATEGORY_FIELDS = ["category", "label_fr", "label_en", "aliases", "group",
                   "lifetime_years", "lifetime_low_years", "lifetime_high_years",
                   "power_w", "power_low_w", "power_high_w", "hours_per_day", "days_per_year",
                   "is_proxy", "proxy_note", "source_id", "source_row",
                   "site", "pue", "pue_low", "pue_high", "energy_basis"]
FACTOR_FIELDS = ["factor_id", "category", "phase", "indicator", "value", "low", "high", "unit",
                 "quality", "source_id", "source_row", "note"]
# `includes`: the phases a lumped manufacturing figure includes (SCHEMA.md), e.g. "distribution|end_of_life".
EMBODIED_FIELDS = FACTOR_FIELDS + ["includes"]
REFURB_FIELDS = EMBODIED_FIELDS + ["second_life_years"]
ELEC_FIELDS = ["factor_id", "zone", "year", "indicator", "value", "low", "high", "unit",
               "quality", "source_id", "source_row", "note", "method", "method_fr"]
SOURCE_FIELDS = ["source_id", "title", "publisher", "year", "url", "licence", "used_for", "note"]
ZONE_FIELDS = ["zone", "alpha3", "name_fr", "name_en", "aliases"]

ONE = Decimal(1)
ZERO = Decimal(0)
HOURS_PER_YEAR = Decimal(8760)
DAYS_PER_YEAR = Decimal(365)  # ADEME's model: W x h/day x 365 / 1000


# ----------------------------------------------------------------------------- helpers

def D(text) -> Decimal:
    """Decimal from source text; accepts French decimal commas ('1,75E+02')."""
    if isinstance(text, Decimal):
        return text
    s = str(text).strip().replace(",", ".")
    return Decimal(s)


def fmt(x) -> str:
    """Number text: repr of the nearest double (round-trips, no digit lost)."""
    if x is None or x == "":
        return ""
    f = float(x)
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError(f"non-finite number {x!r}")
    if f == 0.0:
        f = 0.0  # no '-0.0'
    return repr(f)


def fmt_short(x, digits=4) -> str:
    """Human text for notes only (never for a value column)."""
    return f"{float(x):.{digits}g}"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def quantile(values, p):
    """Linear interpolation between order statistics (numpy 'linear', R type 7)."""
    v = sorted(values)
    if not v:
        raise ValueError("quantile of empty list")
    k = (len(v) - 1) * Decimal(p)
    f = int(k)
    c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)


def median(values):
    return quantile(values, Decimal("0.5"))


def csv_text(fields, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in fields})
    return buf.getvalue()


# ----------------------------------------------------------------------------- sources

def load_ademe_devices():
    devices = {}
    for r in read_csv(os.path.join(ADEME_DIR, "devices.csv")):
        d = devices.setdefault(r["device_key"], {
            "key": r["device_key"], "label_fr": r["label_fr"],
            "lifetime": D(r["lifetime_years"]) if r["lifetime_years"] else None,
            "power": D(r["power_w"]) if r["power_w"] else None,
            "hours": D(r["hours_per_day"]) if r["hours_per_day"] else None, "config": r["config_description"],
            "factors": {}, "rules": {},
        })
        if r["phase"] == "usage":
            d["rules"]["usage"] = r["source_rule"]
            continue
        phase = PHASE_MAP[r["phase"]]
        if r["indicator"] == "climate_change":
            assert r["unit"] == "kgCO2e", r
            d["factors"][(phase, "climate_change")] = (D(r["value"]), r["source_rule"], r["source_note"])
        elif r["indicator"] == "water":
            assert r["unit"] == "L", r
            # ADEME's own "eau" (definition not published): an indicator of its own, never added to the
            # water consumed by electricity generation (water_consumption, WRI).
            d["factors"][(phase, "water_ademe")] = (D(r["value"]) / 1000, r["source_rule"], r["source_note"])
        else:
            raise ValueError(f"unexpected ADEME indicator {r['indicator']}")
    return devices


def ademe_rule_base(dev):
    # 'acv . ordinateur portable . carbone . fabrication' -> 'acv . ordinateur portable'
    rule = dev["factors"][("manufacturing", "climate_change")][1]
    return rule.split(" . carbone . ")[0]


def load_ademe_dc():
    dc = {}
    for r in read_csv(os.path.join(ADEME_DIR, "datacenter.csv")):
        dc.setdefault(r["item"], {})[r["parameter"]] = (r["value"], r["model_rule"], r["source_note"])
    return dc


def load_factors_yml():
    """boaviztapi 2.5.0 factors.yml: JSON objects one after another ("key": {...} blocks)."""
    path = os.path.join(BOA_OVR, "factors.yml")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = "{" + re.sub(r"\}\n\s*\n\"", "},\n\"", text) + "}"
    return json.loads(text, parse_float=str, parse_int=str)


def load_user_terminals():
    # user_terminal.csv is not overridden in 2.5.0 (byte-identical to v2.4.1).
    return {r["id"]: r for r in read_csv(os.path.join(BOA_DIR, "archetypes", "user_terminal.csv"))}


def load_servers():
    return {r["id"]: r for r in read_csv(os.path.join(BOA_OVR, "archetypes", "server.csv"))}


def load_base_impacts():
    out = {}
    for r in read_csv(os.path.join(BOA_DIR, "crowdsourcing", "ademe_base_impacts_negaoctet.csv")):
        out[(r["Category"], r["type"])] = r
    return out


def load_pcf():
    rows = []
    with open(EFD_CSV, encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            r["_line"] = i + 2  # 1-based file line, header is line 1
            rows.append(r)
    return rows


def pcf_select(pcf, sel):
    cats = set(sel["categories"].split("|")) if sel["categories"] else None
    subs = set(sel["subcategories"].split("|"))
    inc = re.compile(sel["name_include_regex"]) if sel["name_include_regex"] else None
    exc = re.compile(sel["name_exclude_regex"]) if sel["name_exclude_regex"] else None
    out = []
    for r in pcf:
        if cats and r["category"] not in cats:
            continue
        if r["subcategory"] not in subs:
            continue
        if inc and not inc.search(r["name"]):
            continue
        if exc and exc.search(r["name"]):
            continue
        screen = r["screen_size"].strip()
        if sel["blank_or_zero_screen"] == "yes" and screen not in ("", "0"):
            continue
        if sel["screen_max_in"] and screen and D(screen) > D(sel["screen_max_in"]):
            continue
        if sel["screen_min_in"] and (not screen or D(screen) < D(sel["screen_min_in"])):
            continue
        if not r["gwp_total"].strip() or not r["gwp_use_ratio"].strip():
            continue
        out.append(r)
    if not out:
        raise ValueError(f"PCF selection {sel['selection_id']} is empty")
    return out


def pcf_phase_values(rows):
    """Per row: non-use share and phase values where the ratio is given (0 = not given)."""
    res = {"nonuse": [], "manufacturing": [], "distribution": [], "end_of_life": [], "tec": []}
    lines = {k: [] for k in res}
    for r in rows:
        total = D(r["gwp_total"])
        res["nonuse"].append(total * (ONE - D(r["gwp_use_ratio"])))
        lines["nonuse"].append(r["_line"])
        for key, col in (("manufacturing", "gwp_manufacturing_ratio"),
                         ("distribution", "gwp_transport_ratio"),
                         ("end_of_life", "gwp_eol_ratio")):
            t = r[col].strip()
            if t and D(t) > 0:
                res[key].append(total * D(t))
                lines[key].append(r["_line"])
        t = r["yearly_tec"].strip()
        if t and D(t) > 0:
            res["tec"].append(D(t))
            lines["tec"].append(r["_line"])
    return res, lines


def line_list(lines):
    """Compact '421-462, 764' style list of file lines."""
    lines = sorted(set(lines))
    parts, start, prev = [], None, None
    for n in lines:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- context

class Ctx:
    def __init__(self):
        self.devices = load_ademe_devices()
        self.dc = load_ademe_dc()
        self.fy = load_factors_yml()
        self.terminals = load_user_terminals()
        self.servers = load_servers()
        self.base_impacts = load_base_impacts()
        self.pcf = load_pcf()
        self.selections = {s["selection_id"]: s for s in read_csv(os.path.join(CURATED, "pcf_selections.csv"))}
        self.sel_rows = {k: pcf_select(self.pcf, s) for k, s in self.selections.items()}
        self.sel_vals = {k: pcf_phase_values(v) for k, v in self.sel_rows.items()}
        self.categories = {r["category"]: r for r in read_csv(os.path.join(CURATED, "categories.csv"))}
        self.sources = {r["source_id"]: r for r in read_csv(os.path.join(CURATED, "sources.csv"))}
        self.zones = read_csv(os.path.join(CURATED, "zones.csv"))
        self.lifetimes = read_csv(os.path.join(CURATED, "lifetimes.csv"))
        self.range_figs = read_csv(os.path.join(CURATED, "range_figures.csv"))
        self.proxies = {r["category"]: r for r in read_csv(os.path.join(CURATED, "proxies.csv"))}
        self.duty_cycles = {r["duty_id"]: r for r in read_csv(os.path.join(CURATED, "duty_cycles.csv"))}
        self.refurb = read_csv(os.path.join(CURATED, "refurbishment.csv"))
        self.elec_fr = read_csv(os.path.join(CURATED, "electricity_fr.csv"))
        self.indmap = read_csv(os.path.join(CURATED, "indicator_map.csv"))
        self.iot_archetypes = {r["id"]: r for r in read_csv(os.path.join(BOA_DIR, "archetypes", "iot_device.csv"))}

    # whole-life embodied climate total (excl. use) of an ADEME device
    def ademe_total(self, key):
        f = self.devices[key]["factors"]
        return sum(f[(p, "climate_change")][0] for p in PHASE_ORDER)

    def dc_construction(self, item):
        v, rule, _ = self.dc[item]["embodied (construction)"]
        return D(v), rule

    def base_impacts_gwp(self, ref):
        cat, typ = ref.split("|")
        return D(self.base_impacts[(cat, typ)]["GWP"])

    def resolve_figure(self, fig):
        k = fig["kind"]
        if k == "literal":
            return D(fig["total_kgco2e"])
        if k == "ademe_total":
            return self.ademe_total(fig["ref"])
        if k == "ademe_dc":
            return self.dc_construction(fig["ref"])[0]
        if k == "base_impacts":
            return self.base_impacts_gwp(fig["ref"])
        if k in ("pcf_p10", "pcf_p90"):
            vals = self.sel_vals[fig["ref"]][0]["nonuse"]
            return quantile(vals, Decimal("0.1") if k == "pcf_p10" else Decimal("0.9"))
        if k == "expr":
            return self.eval_expr(fig["ref"])[0]
        raise ValueError(f"unknown range figure kind {k}")

    # ------------------------------------------------------------------ figure expressions
    # A small arithmetic language for derived figures in the curated tables (range_figures.csv
    # kind "expr", proxies.csv embodied_scale): numbers, + - * / **, parentheses and the
    # functions below, each reading one public figure and recording where it was read.

    def _pcf_stat(self, sel, p):
        vals, lines = self.sel_vals[sel]
        v = quantile(vals["nonuse"], p)
        return v, lines["nonuse"]

    def _pcf_cite(self, fn, sel, v, lines):
        n = len(lines)
        where = (f"boavizta-data-us.csv lines {line_list(lines)}" if n <= 40
                 else f"the {n} rows of selection {sel} ({self.selections[sel]['note']})")
        return f"boavizta-efd-2023: {fn}({sel}) = {fmt_short(v)} over {where}"

    def expr_functions(self):
        def pcf(p, fn):
            def f(sel):
                v, lines = self._pcf_stat(sel, Decimal(p))
                return v, self._pcf_cite(fn, sel, v, lines)
            return f

        def pcf_screen_median(sel):
            rows = self.sel_rows[sel]
            v = median([D(r["screen_size"]) for r in rows])
            return v, (f"boavizta-efd-2023: median screen_size of selection {sel} = {fmt_short(v)} in "
                       f"(boavizta-data-us.csv lines {line_list([r['_line'] for r in rows])})")

        def ademe_total(key):
            v = self.ademe_total(key)
            base = ademe_rule_base(self.devices[key])
            return v, f"ademe-acv-numerique-2.2.0: {base} . carbone (fabrication + distribution + fin de vie) = {fmt_short(v)}"

        def ademe_screen_in(key):
            m = re.search(r"\((\d+(?:[.,]\d+)?) inches\)", self.devices[key]["config"])
            if not m:
                raise ValueError(f"no screen size in the ADEME description of {key}")
            v = D(m.group(1))
            return v, f"ademe-acv-numerique-2.2.0: {key} description 'average dimension ({m.group(1)} inches)'"

        def boa_yml(path):
            node = self.fy
            for part in path.split("."):
                node = node[part]
            v = D(node)
            if path.split(".")[0] in ("case", "motherboard", "power_supply", "assembly", "cpu", "ram", "ssd", "hdd"):
                # server component factors: UBA Texte 94/2021, as compiled in BoaviztAPI's factors.yml
                # (named without the "source-id: " form: no row of the ADEME set takes it as source_id)
                return v, f"boaviztapi-2.5.0: data/factors.yml {path} = {fmt_short(v)} (UBA Texte 94/2021)"
            return v, f"boaviztapi-2.5.0: data/factors.yml {path} = {fmt_short(v)}"

        def boa_archetype(rel, row_id, column, which):
            rows = read_csv(os.path.join(BOA_DIR, "archetypes", rel))
            cell = next(r for r in rows if r["id"] == row_id)[column]
            parts = cell.split(";")
            v = D(parts[{"default": 0, "min": 1, "max": 2}[which]])
            return v, f"boaviztapi-2.5.0: data/archetypes/{rel} {row_id} {column} '{cell}' ({which}) = {fmt_short(v)}"

        def iot_archetype(arch_id):
            a = self.iot_archetypes[arch_id]
            total, parts = ZERO, []
            for col, level in sorted(a.items()):
                if not col.endswith(".hsl_level") or not level:
                    continue
                block = col.split(".")[0].lower()
                f = self.fy["IoT"][block][level]
                v = D(f["manufacture"]["gwp"]) + D(f["eol"]["gwp"])
                total += v
                parts.append(f"{block} {level}")
            return total, (f"boaviztapi-2.5.0: data/archetypes/iot_device.csv {arch_id} ({', '.join(parts)}) with "
                           f"data/factors.yml IoT blocks, gwp manufacture + eol = {fmt_short(total)} (Pirson & Bol 2021, "
                           "adapted by Tide)")

        return {"pcf_p10": pcf("0.1", "P10"), "pcf_median": pcf("0.5", "median"), "pcf_p90": pcf("0.9", "P90"),
                "pcf_screen_median": pcf_screen_median, "ademe_total": ademe_total, "ademe_screen_in": ademe_screen_in,
                "boa_yml": boa_yml, "boa_archetype": boa_archetype, "iot_archetype": iot_archetype}

    def eval_expr(self, text):
        """Value (Decimal) of a figure expression and the citations of the figures it read."""
        funcs = self.expr_functions()
        cites = []

        def ev(n):
            if isinstance(n, ast.Expression):
                return ev(n.body)
            if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool):
                return D(repr(n.value))
            if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
                return -ev(n.operand)
            if isinstance(n, ast.BinOp):
                a, b = ev(n.left), ev(n.right)
                ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                       ast.Div: lambda: a / b, ast.Pow: lambda: a ** b}
                if type(n.op) in ops:
                    return ops[type(n.op)]()
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in funcs and not n.keywords
                    and all(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in n.args)):
                v, cite = funcs[n.func.id](*[x.value for x in n.args])
                if cite not in cites:
                    cites.append(cite)
                return v
            raise ValueError(f"figure expression {text!r}: unsupported {ast.dump(n)}")

        return ev(ast.parse(text, mode="eval")), cites

    def climate_range(self, category, own_total):
        """Multipliers (lo, hi) applied to every phase of the central value, and the note text.

        Method: low/high = min/max over independent public whole-life embodied figures for the
        same class (range_figures.csv), each applied pro rata to the phase, clamped around 1.
        """
        figs = [f for f in self.range_figs if f["category"] == category]
        if not figs:
            return ONE, ONE, "no published range (no second public figure for this class): low = value = high"
        parts, ratios = [], []
        for f in figs:
            t = self.resolve_figure(f)
            ratios.append(t / own_total)
            label = f["figure_id"]
            if f["kind"].startswith("pcf_"):
                n = len(self.sel_vals[f["ref"]][0]["nonuse"])
                label = f"{f['kind'][4:].upper()} of {n} PCFs ({f['ref']})"
            parts.append(f"{label} {fmt_short(t)}")
        lo = min([ONE] + ratios)
        hi = max([ONE] + ratios)
        note = ("range = min/max of independent whole-life embodied figures for the class, applied pro rata to "
                f"this phase (this set's own total {fmt_short(own_total)} kgCO2e): " + "; ".join(parts)
                + f" -> x{fmt_short(lo, 3)} to x{fmt_short(hi, 3)}")
        return lo, hi, note

    def range_citations(self, category):
        """Where the derived (expression) range figures of a class were read, for source_row."""
        cites = []
        for f in self.range_figs:
            if f["category"] == category and f["kind"] == "expr":
                for c in self.eval_expr(f["ref"])[1]:
                    if c not in cites:
                        cites.append(c)
        return cites

    def lifetime_range(self, category, default):
        rows = [r for r in self.lifetimes if r["category"] == category]
        vals = [D(r["years"]) for r in rows] + [default]
        cites = "; ".join(f"{r['source_id']}: {r['source_row']} = {r['years']}" for r in rows)
        return min(vals), max(vals), cites


# Helpers shared by the dataset builders (generate.py, gen_refurbishment.py, gen_packaging.py).

def make_factor(category, phase, indicator, value, low, high, quality, source_id, source_row, note, prefix=None):
    fid = ".".join(x for x in (category, prefix, phase, indicator) if x)
    assert low <= value <= high, (fid, low, value, high)
    return {"factor_id": fid, "category": category, "phase": phase, "indicator": indicator,
            "value": fmt(value), "low": fmt(low), "high": fmt(high), "unit": UNITS[indicator],
            "quality": quality, "source_id": source_id, "source_row": source_row, "note": note}


def zone_rows(zones):
    return [{k: z[k] for k in ZONE_FIELDS} for z in zones]


LUMPED = "distribution|end_of_life"
