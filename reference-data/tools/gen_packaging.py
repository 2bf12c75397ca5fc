"""Packaging of a generated dataset: the datapackage.json descriptor (fields, indicators and
the phases each one covers, licences, usage notes) and the files of a dataset (see generate.py)."""

from __future__ import annotations

import csv
import json
import os
from decimal import Decimal

from gen_common import *  # noqa: F401,F403  (same folder)

# ----------------------------------------------------------------------------- packaging

FIELD_TYPES = {
    "lifetime_years": "number", "lifetime_low_years": "number", "lifetime_high_years": "number",
    "power_w": "number", "power_low_w": "number", "power_high_w": "number", "hours_per_day": "number",
    "days_per_year": "number", "is_proxy": "boolean", "value": "number", "low": "number", "high": "number",
    "second_life_years": "number", "year": "integer", "pue": "number", "pue_low": "number", "pue_high": "number",
}
FIELD_DESCR = {
    "power_w": "average power when on (W)", "power_low_w": "low bound of power_w (W)",
    "power_high_w": "high bound of power_w (W)", "hours_per_day": "default hours of use per day",
    "days_per_year": "default days of use per year", "value": "central value, in unit",
    "low": "low bound, in unit", "high": "high bound, in unit",
    "second_life_years": "default lifetime of the refurbished device (years)",
    "year": "vintage; empty when the source gives a single undated figure",
    "site": "where devices of the class run by default (a hosting site id); empty: on their user's mains",
    "pue": "PUE of that site: the class's electricity is its IT power x PUE", "pue_low": "low bound of pue",
    "pue_high": "high bound of pue",
    "energy_basis": "yearly: the class's energy (power x hours x days) is a yearly figure that hours entered on a line do not change (a printer's TEC: a typical week of jobs); empty: power x hours",
    "method": "how the source made the figure, when it says (single year, multi-year smoothing); a change between two vintages is a method break",
    "method_fr": "method, in French",
    "includes": "phases a lumped manufacturing figure includes (|-separated: distribution, end_of_life); empty otherwise",
}


def resource(name, path, fields, key, title):
    return {
        "name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {
            "fields": [{"name": f, "type": FIELD_TYPES.get(f, "string"),
                        **({"description": FIELD_DESCR[f]} if f in FIELD_DESCR else {})} for f in fields],
            "primaryKey": key,
        },
    }


PHASES_ALL = ["manufacturing", "distribution", "use", "end_of_life"]
BASE_IMPACTS_ELEC = ("acidification", "eutrophication_freshwater", "eutrophication_marine", "eutrophication_terrestrial",
                     "ionising_radiation", "ozone_depletion", "particulate_matter", "photochemical_ozone_formation",
                     "resource_use_fossils", "resource_use_minerals_metals")
NOT_ASSESSED_LAND_USE = ("ADEME Base IMPACTS 2011 gives electricity land use as 0 for every zone: not assessed, which "
                         "is not zero; those rows are left out.")
ADEME_INDICATOR_NOTES = {
    "climate_change": ("Whole life. Embodied: ADEME's model and flagged proxies; where a class's figure is one lump "
                       "under manufacturing, the row's `includes` says distribution and end of life are in it. Use: "
                       "electricity (France: ADEME Base Empreinte, by year)."),
    "water_ademe": ("ADEME's own indicator 'eau' (litres, converted to m3), whose definition is not published with the "
                    "model: manufacturing and distribution of ADEME's classes and of the proxies that reuse one as it "
                    "is; end of life flagged (ADEME SONUM: not reliable); no use phase. Kept apart: never added to "
                    "water_consumption."),
    "water_consumption": ("Water consumed (withdrawn and not returned) by electricity generation, WRI 2020, m3 per kWh "
                          "(not AWARE-weighted): use phase only; the devices' own water is not covered."),
    "primary_energy": ("Electricity only: Boavizta's derivation ADPf / (1 - renewable share 2016) from ADEME Base "
                       "IMPACTS 2011: use phase only; the devices are not covered."),
    "land_use": "Not covered. " + NOT_ASSESSED_LAND_USE + " The devices have no land-use figure in this set.",
    **{i: ("Electricity only (ADEME Base IMPACTS 2011, read from BoaviztAPI data): use phase only; the devices are not "
           "covered.") for i in BASE_IMPACTS_ELEC},
}
BOA_INDICATOR_NOTES = {
    "climate_change": ("Whole life: BoaviztAPI's 'embedded' figure (whole life except use, one lump under "
                       "manufacturing that `includes` distribution and end of life) and electricity. Servers: the "
                       "bottom-up archetype's manufacturing (components); the sources give no distribution or end of "
                       "life for them, so a total holding servers is partial (a lower bound)."),
    "water_use": ("Not covered: the embodied rows are negative (end-of-life credits) and flagged upstream "
                  "(Boavizta/boaviztapi#548): loaded, never used; no electricity figure."),
    "water_consumption": ("Water consumed by electricity generation, WRI 2020, m3 per kWh (49 zones): use phase only; "
                          "the devices' own water is not covered."),
    "primary_energy": ("Electricity only (Boavizta's derivation ADPf / (1 - renewable share 2016)): use phase only; "
                       "BoaviztAPI has no primary energy for devices."),
    "land_use": ("Embodied only (negative values in the source: uncertain). " + NOT_ASSESSED_LAND_USE +
                 " The use phase is not covered."),
    **{i: ("Embodied only (ADEME Base IMPACTS / NegaOctet export, one lump under manufacturing): no electricity "
           "figure, the use phase is not covered.")
       for i in ("ecotoxicity_freshwater", "human_toxicity_cancer", "human_toxicity_non_cancer", "material_input")},
    **{i: ("Whole life: embedded figure (ADEME Base IMPACTS / NegaOctet export, one lump under manufacturing) and "
           "electricity (ADEME Base IMPACTS 2011).") for i in BASE_IMPACTS_ELEC},
}


def indicator_coverage(embodied, elec, notes):
    """Per indicator, the phases the dataset covers (SCHEMA.md `empreinte.indicators`): an embodied phase with a
    row that is not flagged, or included in a manufacturing row (`includes`); use with an electricity row. Every
    indicator with a row (flagged ones too) and every indicator with a note is declared, in schema order."""
    cov = {}
    for r in embodied:
        ph = cov.setdefault(r["indicator"], set())
        if r["quality"] != "flagged":
            ph.add(r["phase"])
            ph.update(p for p in r.get("includes", "").split("|") if p)
    for r in elec:
        ph = cov.setdefault(r["indicator"], set())
        if r["quality"] != "flagged":
            ph.add("use")
    for ind in notes:
        cov.setdefault(ind, set())
    out = {}
    for ind in UNITS:
        if ind in cov:
            out[ind] = {"phases": [p for p in PHASES_ALL if p in cov[ind]]}
            if ind in notes:
                out[ind]["note"] = notes[ind]
    return out


def datapackage(meta, phases_split, usage_note, source_rows, licenses, coverage):
    return {
        "name": meta["name"], "version": meta["version"], "title": meta["title"], "description": meta["description"],
        "licenses": licenses,
        "sources": [{"title": s["title"], "path": s["url"], "name": s["source_id"]} for s in source_rows],
        "resources": [
            resource("sources", "sources.csv", SOURCE_FIELDS, "source_id", "Sources, licences and permitted uses"),
            resource("zones", "zones.csv", ZONE_FIELDS, "zone", "Zones electricity can be looked up for"),
            resource("categories", "categories.csv", CATEGORY_FIELDS, "category", "Equipment classes, lifetimes, usage"),
            resource("embodied", "embodied.csv", EMBODIED_FIELDS, "factor_id", "Embodied impacts of one new device, whole life"),
            resource("refurbishment", "refurbishment.csv", REFURB_FIELDS, "factor_id",
                     "Second life under cut-off allocation"),
            resource("electricity", "electricity.csv", ELEC_FIELDS, "factor_id", "Impact of 1 kWh consumed"),
        ],
        "empreinte": {"schema_version": 1, "default_country": "FR", "phases_split": phases_split,
                      "usage_note": usage_note, "indicators": coverage},
    }


def used_source_ids(*tables):
    ids = set()
    for t in tables:
        for r in t:
            ids.add(r["source_id"])
            # sources cited inside source_row text (lifetime ranges)
            for m in re.finditer(r"([a-z0-9][a-z0-9.\-]+): ", r.get("source_row", "")):
                ids.add(m.group(1))
    return ids


# Classes that run in the commune's server room: their electricity is the room's (IT x PUE), the
# same model as the hosting calculator (`empreinte server`), so that one server gets one answer.
SERVER_ROOM_CLASSES = ("server", "nas")
SERVER_ROOM_SITE = "own_server_room"


def with_server_room(categories):
    """Sets the default site and its PUE (from tools/curated/hosting_sites.csv, cited) on the
    classes that run in a server room; the other classes leave the four columns empty."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "curated", "hosting_sites.csv")
    with open(path, newline="", encoding="utf-8") as f:
        site = next(r for r in csv.DictReader(f) if r["site"] == SERVER_ROOM_SITE)
    out = []
    for c in categories:
        c = {"energy_basis": "", **c, "site": "", "pue": "", "pue_low": "", "pue_high": ""}
        if c["category"] in SERVER_ROOM_CLASSES:
            c.update(site=SERVER_ROOM_SITE, pue=site["pue"], pue_low=site["pue_low"], pue_high=site["pue_high"])
            c["source_row"] += (f"; site: {SERVER_ROOM_SITE}, PUE {site['pue']} ({site['pue_low']}-{site['pue_high']}) "
                                f"from hosting_sites.csv, {site['source_id']}: {site['source_row'][:80]}")
        out.append(c)
    return out


def dataset_files(ctx, name, categories, embodied, refurb, elec, zones, meta, phases_split, usage_note, licenses,
                  notes):
    categories = with_server_room(categories)
    ids = used_source_ids(categories, embodied, refurb, elec)
    srcs = [ctx.sources[i] for i in sorted(ids) if i in ctx.sources]
    missing = [i for i in ids if i not in ctx.sources and i in {r["source_id"] for t in (categories, embodied, refurb, elec) for r in t}]
    if missing:
        raise ValueError(f"unknown source ids {missing}")
    files = {
        "sources.csv": csv_text(SOURCE_FIELDS, srcs),
        "zones.csv": csv_text(ZONE_FIELDS, sorted(zone_rows(zones), key=lambda z: z["zone"])),
        "categories.csv": csv_text(CATEGORY_FIELDS, sorted(categories, key=lambda r: r["category"])),
        "embodied.csv": csv_text(EMBODIED_FIELDS, sorted(embodied, key=lambda r: r["factor_id"])),
        "refurbishment.csv": csv_text(REFURB_FIELDS, sorted(refurb, key=lambda r: r["factor_id"])),
        "electricity.csv": csv_text(ELEC_FIELDS, sorted(elec, key=lambda r: r["factor_id"])),
        "datapackage.json": json.dumps(datapackage(meta, phases_split, usage_note, srcs, licenses,
                                                   indicator_coverage(embodied, elec, notes)),
                                       ensure_ascii=False, indent=2) + "\n",
    }
    return {os.path.join(name, k): v for k, v in files.items()}


ADEME_META = {
    "name": "ademe-negaoctet-2022", "version": "2022.1.0",
    "title": "ADEME digital LCA data (NegaOctet 2022, publicodes-acv-numerique v2.2.0) - default set for French communes",
    "description": ("Embodied climate impacts (manufacturing, distribution, end of life) and ADEME's experimental 'eau' (water_ademe) of digital "
                    "equipment from ADEME's model (NegaOctet 2022 study for ADEME, Base Empreinte updates), use profiles and "
                    "lifetimes of the model, flagged proxies (is_proxy) for the classes ADEME lacks that a commune owns "
                    "(manufacturer PCF statistics calibrated on ADEME classes where a ratio is known, nearest ADEME "
                    "classes, BoaviztAPI bottom-up figures), refurbished second life for every class (derived from "
                    "ADEME's 2022 refurbished-products study for smartphones, tablets, laptops and desktops; the laptop's "
                    "refurbishment burden ratio extrapolated to the other classes, flagged proxy), and electricity factors: France from ADEME Base "
                    "Empreinte (average consumption mix, 2022-2025), other countries from Scarlat et al. 2022 / Ember 2020 "
                    "and ADEME Base IMPACTS 2011 (read from BoaviztAPI data). See reference-data/README.md."),
}
BOA_META = {
    "name": "boavizta-2.5", "version": "2.5.0",
    "title": "BoaviztAPI 2.5.0 data: multi-criteria embodied impacts of terminals and a generic server, electricity by country",
    "description": ("Embedded (whole life except use, not split by phase) impacts of BoaviztAPI 2.5.0 terminal archetypes and "
                    "its generic SERVER fallback, all criteria mapped to empreinte indicators; usage defaults from its "
                    "archetypes; electricity factors of every country in its factors.yml; refurbished second life (climate "
                    "change only, flagged proxy): the default set's second-life share of the embodied figure, class by "
                    "class, applied to Boavizta's embedded figure. Figures originate from ADEME Base IMPACTS (NegaOctet "
                    "export), Scarlat et al. 2022, Ember 2020, WRI 2020 and ADEME's 2022 refurbished-products study. "
                    "See reference-data/README.md."),
}
ADEME_USAGE = ("Default set. ADEME model figures: MIT transcription, NegaOctet/Base Empreinte reuse terms not checked - "
               "fine for computing and publishing results with attribution to ADEME; check ADEME's terms before "
               "redistributing the factor tables in bulk. Electricity outside France and French multi-criteria "
               "electricity are third-party figures (Scarlat 2022, Ember, ADEME Base IMPACTS, WRI) read from BoaviztAPI "
               "data (AGPL-3.0 files): cite them. Proxy figures from Boavizta's PCF database are statistics of an ODbL "
               "database: attribute Boavizta; a database built from them must stay ODbL.")
BOA_USAGE = ("Second set. Numbers from BoaviztAPI 2.5.0 data files (AGPL-3.0, no separate data licence); each figure's "
             "origin is a third party (ADEME Base IMPACTS/NegaOctet export, Scarlat et al. 2022, Ember, WRI): cite "
             "Boavizta and that origin. Fine for computing and publishing results; redistributing the tables should "
             "keep the AGPL-3.0 notice and the citations. Water use (wu) rows are flagged and never used.")
ADEME_LICENSES = [
    {"name": "MIT", "title": "MIT (publicodes-acv-numerique transcription; NegaOctet/Base Empreinte reuse terms not checked)",
     "path": "https://opensource.org/licenses/MIT"},
    {"name": "ODbL-1.0", "title": "ODbL 1.0 for the statistics derived from Boavizta environmental-footprint-data (proxies)",
     "path": "https://opendatacommons.org/licenses/odbl/1-0/"},
    {"name": "AGPL-3.0", "title": "AGPL-3.0 of the BoaviztAPI data files the non-French electricity figures were read from",
     "path": "https://www.gnu.org/licenses/agpl-3.0.html"},
]
BOA_LICENSES = [
    {"name": "AGPL-3.0", "title": "AGPL-3.0 (BoaviztAPI repository, data distributed with the code)",
     "path": "https://www.gnu.org/licenses/agpl-3.0.html"},
]
