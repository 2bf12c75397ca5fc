#!/usr/bin/env python3
"""Generate the empreinte reference datasets from the shared public sources.

Reads  ../shared/reference-sources/** (relative to the repository root; override with
       the EMPREINTE_SHARED environment variable) and reference-data/tools/curated/*.csv
Writes reference-data/ademe-negaoctet-2022/* and reference-data/boavizta-2.5/*

    python3 reference-data/tools/generate.py           # (re)write the datasets
    python3 reference-data/tools/generate.py --check   # exit 1 if any file would change

Python 3.11, standard library only. Output is deterministic: rows are sorted, numbers are
computed with decimal.Decimal from the source text and written as repr(float(x)) (the
shortest text that round-trips to the same IEEE double), never rounded.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from decimal import Decimal

# Paths, constants, formatting helpers, source readers and the context live in gen_common.
from gen_common import *  # noqa: F401,F403  (same folder)
import generate_hosting  # noqa: E402  (same folder)
from gen_packaging import *  # noqa: F401,F403,E402  (same folder)
from gen_refurbishment import boavizta_refurbishment, build_refurbishment  # noqa: E402

# ----------------------------------------------------------------------------- ADEME set

ADEME_CATS = {
    "smartphone": "smartphone", "tablet": "tablet", "laptop": "laptop", "desktop": "desktop_pro",
    "monitor": "monitor", "tv": "tv", "internet_box": "box", "projector": "projector",
    "printer": "printer", "external_hdd": "hdd_external", "external_ssd": "ssd_external",
    "usb_key": "usb_key",
}
BOA_ARCHETYPES = {
    "smartphone": "smartphone-default", "tablet": "tablet-default", "laptop": "laptop-pro",
    "desktop": "desktop-pro", "monitor": "monitor-default", "tv": "tv-pro",
    "internet_box": "box-default", "usb_key": "usb-stick-default",
    "external_ssd": "external-ssd-default", "external_hdd": "hdd-default",
}
ADEME_QUALITY_NOTES = {
    "printer": ("uncertain", "ADEME model: figures from a report older than Base Empreinte v2.0.0; representativeness doubtful "
                "(likely a small home printer, far below an office MFP)."),
    "external_ssd": ("uncertain", "value as published, but suspiciously high for an 870 GB SSD (research/french-reference.md 1.1)."),
    "projector": ("primary", "ADEME SONUM data transmitted directly, not yet published in Base Empreinte (model v2.1.1+)."),
}


def water_quality(phase):
    """ADEME SONUM says its end-of-life water values are not reliable: flagged, never summed."""
    return "flagged" if phase == "end_of_life" else "uncertain"


def water_note(phase):
    n = ("ADEME model indicator 'eau' (litres, definition not stated in the model), converted L -> m3 (/1000); "
         "experimental. Its own indicator (water_ademe): never added to water_consumption (WRI water consumed by "
         "electricity generation), a different quantity.")
    if phase == "end_of_life":
        n += " ADEME SONUM: end-of-life water values 'ne sont pas fiables' (not reliable)."
    return n + " No published range: low = value = high."


def boa_power(arch):
    v = arch["USAGE.avg_power"].split(";")
    return [D(x) for x in v]




def ademe_device_factors(ctx, category, key, proxy=False, extra_note=""):
    dev = ctx.devices[key]
    own_total = ctx.ademe_total(key)
    lo, hi, rnote = ctx.climate_range(category, own_total)
    q_default, q_note = ADEME_QUALITY_NOTES.get(key, ("primary", ""))
    rows = []
    for (phase, ind), (v, rule, _src_note) in sorted(dev["factors"].items()):
        if ind == "climate_change":
            quality = "proxy" if proxy else q_default
            note = " ".join(x for x in (extra_note, q_note, rnote) if x)
            rows.append(make_factor(category, phase, ind, v, v * lo, v * hi, quality,
                                    "ademe-acv-numerique-2.2.0", rule, note))
        else:
            note = " ".join(x for x in (extra_note, water_note(phase)) if x)
            rows.append(make_factor(category, phase, ind, v, v, v, water_quality(phase),
                                    "ademe-acv-numerique-2.2.0", rule, note))
    return rows


def build_ademe(ctx):
    categories, embodied = [], []

    # --- categories ADEME has
    for cat, key in ADEME_CATS.items():
        dev = ctx.devices[key]
        base = ademe_rule_base(dev)
        lt_lo, lt_hi, lt_cites = ctx.lifetime_range(cat, dev["lifetime"])
        p_vals = [dev["power"]]
        p_cite = "no second published power"
        if cat in BOA_ARCHETYPES:
            arch = ctx.terminals[BOA_ARCHETYPES[cat]]
            p_vals += boa_power(arch)[1:]
            p_cite = f"boaviztapi-2.5.0: user_terminal.csv {arch['id']} avg_power min;max {arch['USAGE.avg_power']}"
        c = ctx.categories[cat]
        categories.append({
            **{k: c[k] for k in ("category", "label_fr", "label_en", "aliases", "group")},
            "lifetime_years": fmt(dev["lifetime"]), "lifetime_low_years": fmt(lt_lo), "lifetime_high_years": fmt(lt_hi),
            "power_w": fmt(dev["power"]), "power_low_w": fmt(min(p_vals)), "power_high_w": fmt(max(p_vals)),
            "hours_per_day": fmt(dev["hours"]), "days_per_year": "365",
            "is_proxy": "false", "proxy_note": "",
            "source_id": "ademe-acv-numerique-2.2.0",
            "source_row": (f"{base} . durée de vie / puissance / heures par jour ({dev['config']}); "
                           f"lifetime range: {lt_cites}; power range: {p_cite}"),
        })
        extra = "Professional desktop configuration (ADEME 'ordinateur fixe pro', without screen)." if cat == "desktop" else ""
        embodied += ademe_device_factors(ctx, cat, key, extra_note=extra)

    # --- proxies
    for cat, p in ctx.proxies.items():
        c = ctx.categories[cat]
        ek, eref = p["embodied_kind"], p["embodied_ref"]
        if ek == "ademe_device":
            dev = ctx.devices[eref]
            embodied += ademe_device_factors(
                ctx, cat, eref, proxy=True,
                extra_note=f"Proxy: ADEME '{dev['label_fr']}' figures stand in for this class (see categories.csv proxy_note).")
        elif ek == "ademe_dc":
            v, rule = ctx.dc_construction(eref)
            lo, hi, rnote = ctx.climate_range(cat, v)
            embodied.append(make_factor(
                cat, "manufacturing", "climate_change", v, v * lo, v * hi, "proxy",
                "ademe-acv-numerique-2.2.0", f"src/data center.publicodes: {rule}",
                "Proxy: ADEME data-centre model 'construction' figure = whole embodied impact, not split by phase "
                "(distribution and end of life are included here and not available separately). " + rnote))
        elif ek == "ademe_sum":
            keys = eref.split("+")
            devs = [ctx.devices[k] for k in keys]
            own_total = sum(ctx.ademe_total(k) for k in keys)
            lo, hi, rnote = ctx.climate_range(cat, own_total)
            for (phase, ind) in sorted(devs[0]["factors"]):
                v = sum(d["factors"][(phase, ind)][0] for d in devs)
                rules = " + ".join(d["factors"][(phase, ind)][1] for d in devs)
                desc = f"Proxy derived: sum of ADEME {' + '.join(keys)} for this phase."
                if ind == "climate_change":
                    embodied.append(make_factor(cat, phase, ind, v, v * lo, v * hi, "proxy",
                                                "ademe-acv-numerique-2.2.0", rules, desc + " " + rnote))
                else:
                    embodied.append(make_factor(cat, phase, ind, v, v, v, water_quality(phase),
                                                "ademe-acv-numerique-2.2.0", rules, desc + " " + water_note(phase)))
        elif ek == "ademe_scaled":
            # An ADEME class scaled by a factor read from public figures (a PCF ratio, a screen area ratio).
            dev = ctx.devices[eref]
            k, k_cites = ctx.eval_expr(p["embodied_scale"])
            own_total = ctx.ademe_total(eref) * k
            lo, hi, rnote = ctx.climate_range(cat, own_total)
            scale = f"x {fmt_short(k)} ({'; '.join(k_cites)})"
            desc = f"Proxy: ADEME '{dev['label_fr']}' {fmt_short(ctx.ademe_total(eref))} kgCO2e x {fmt_short(k)} (see categories.csv proxy_note)."
            for (phase, ind), (v0, rule, _n) in sorted(dev["factors"].items()):
                v = v0 * k
                if ind == "climate_change":
                    embodied.append(make_factor(cat, phase, ind, v, v * lo, v * hi, "proxy", "ademe-acv-numerique-2.2.0",
                                                f"{rule} {scale}", desc + " " + rnote))
                # ADEME's water ('eau', undefined, experimental) is not scaled by a climate ratio: not available.
        elif ek == "pcf_median":
            vals, lines = ctx.sel_vals[eref]
            sel = ctx.selections[eref]
            phase_keys = [("manufacturing", "manufacturing"), ("distribution", "distribution"), ("end_of_life", "end_of_life")]
            if not vals["manufacturing"]:  # PCFs without a phase split: whole non-use share
                phase_keys = [("manufacturing", "nonuse")]
            # Classes with range figures of their own (range_figures.csv) widen P10/P90 with them.
            wide = any(f["category"] == cat for f in ctx.range_figs)
            if wide:
                own_total = sum(median(vals[key]) for _, key in phase_keys if vals[key])
                wlo, whi, wnote = ctx.climate_range(cat, own_total)
            for phase, key in phase_keys:
                vs = vals[key]
                if not vs:
                    continue
                med, p10, p90 = median(vs), quantile(vs, Decimal("0.1")), quantile(vs, Decimal("0.9"))
                what = ("gwp_total x (1 - gwp_use_ratio), i.e. manufacturing + transport + end of life, "
                        "not split by the PCFs" if key == "nonuse" else f"gwp_total x {phase} ratio")
                lo_v, hi_v = min(p10, med), max(p90, med)
                rng = "low/high = P10/P90 of the same rows (linear interpolation)"
                if wide:
                    lo_v, hi_v = min(lo_v, med * wlo), max(hi_v, med * whi)
                    rng += ", widened by the class's other figures: " + wnote
                embodied.append(make_factor(
                    cat, phase, "climate_change", med, lo_v, hi_v, "proxy", "boavizta-efd-2023",
                    f"boavizta-data-us.csv lines {line_list(lines[key])} ({sel['note']})",
                    f"Proxy: median over {len(vs)} manufacturer PCFs of {what}; {rng}. "
                    f"PCFs are mostly PAIA-based; Boavizta advises against precise use."))
        else:
            raise ValueError(ek)

        # usage profile
        uk, uref = p["usage_kind"], p["usage_ref"]
        if uk == "ademe_device":
            d = ctx.devices[uref]
            power = plo = phi = d["power"]
            hours = d["hours"]
        elif uk == "literal":
            power, plo, phi, hours = D(p["power_w"]), D(p["power_low_w"]), D(p["power_high_w"]), D(p["hours_per_day"])
        elif uk in ("pcf_tec", "pcf_tec_yearly"):
            tec = ctx.sel_vals[uref][0]["tec"]
            k = Decimal(1000) / HOURS_PER_YEAR
            power = median(tec) * k
            plo, phi = quantile(tec, Decimal("0.1")) * k, quantile(tec, Decimal("0.9")) * k
            hours = Decimal(24)
        elif uk == "pcf_tec_duty":
            # The yearly energy (TEC) as the on-mode power of its duty cycle: on `on_share` of the
            # year, so that the default hours give the TEC back and entered hours scale it.
            sel_id, duty_id = uref.split("|")
            tec = ctx.sel_vals[sel_id][0]["tec"]
            duty = ctx.duty_cycles[duty_id]
            on_share = D(duty["on_share"])
            k = Decimal(1000) / (HOURS_PER_YEAR * on_share)
            power = median(tec) * k
            plo, phi = quantile(tec, Decimal("0.1")) * k, quantile(tec, Decimal("0.9")) * k
            hours = Decimal(24) * on_share
        elif uk == "pcf_tec_hours":
            # Yearly energy of the PCFs (TEC) over the hours of use of an ADEME class, 365 days.
            sel_id, dev_key = uref.split("|")
            tec = ctx.sel_vals[sel_id][0]["tec"]
            hours = ctx.devices[dev_key]["hours"]
            k = Decimal(1000) / (hours * DAYS_PER_YEAR)
            power = median(tec) * k
            plo, phi = quantile(tec, Decimal("0.1")) * k, quantile(tec, Decimal("0.9")) * k
        elif uk == "ademe_sum":
            keys = uref.split("+")
            devs = [ctx.devices[k] for k in keys]
            hours = devs[0]["hours"]
            power = sum(d["power"] * d["hours"] for d in devs) / hours
            plo = phi = power
        else:
            raise ValueError(uk)
        lts = [r for r in ctx.lifetimes if r["category"] == cat]
        lt_default = D(lts[0]["years"])
        lt_lo, lt_hi, lt_cites = ctx.lifetime_range(cat, lt_default)
        usage_row = p["usage_source_row"]
        if uk == "pcf_tec":
            tec_lines = ctx.sel_vals[uref][1]["tec"]
            usage_row += (f" (boavizta-data-us.csv lines {line_list(tec_lines)}): power = median yearly_tec x 1000 / 8760 h, "
                          "on 24 h/day (annual-average power); low/high from P10/P90")
        elif uk == "pcf_tec_yearly":
            tec_lines = ctx.sel_vals[uref][1]["tec"]
            usage_row += (f" (boavizta-data-us.csv lines {line_list(tec_lines)}): power = median yearly_tec x 1000 / "
                          "8760 h, 24 h/day, kept whatever the hours (energy-star-imaging: a week of jobs); "
                          "low/high from P10/P90")
        elif uk == "pcf_tec_duty":
            sel_id, duty_id = uref.split("|")
            tec_lines = ctx.sel_vals[sel_id][1]["tec"]
            duty = ctx.duty_cycles[duty_id]
            usage_row += (f" (boavizta-data-us.csv lines {line_list(tec_lines)}): power = median yearly_tec x 1000 / "
                          f"(8760 h x {duty['on_share']}), {fmt(hours)} h/day, the TEC year's on share "
                          f"({duty['source_id']}: {duty['source_row']}); low/high from P10/P90")
        elif uk == "pcf_tec_hours":
            sel_id, dev_key = uref.split("|")
            tec_lines = ctx.sel_vals[sel_id][1]["tec"]
            usage_row += (f" (boavizta-data-us.csv lines {line_list(tec_lines)}): power = median yearly_tec x 1000 / "
                          f"({fmt(hours)} h/day x 365 days), the hours of {ademe_rule_base(ctx.devices[dev_key])}; "
                          "low/high from P10/P90")
        elif uk == "ademe_sum":
            usage_row += ": power = (70 W x 6 h + 50 W x 4 h) / 6 h, keeping ADEME's annual kWh of both devices"
        categories.append({
            **{k: c[k] for k in ("category", "label_fr", "label_en", "aliases", "group")},
            "lifetime_years": fmt(lt_default), "lifetime_low_years": fmt(lt_lo), "lifetime_high_years": fmt(lt_hi),
            "power_w": fmt(power), "power_low_w": fmt(min(plo, power)), "power_high_w": fmt(max(phi, power)),
            "hours_per_day": fmt(hours), "days_per_year": "365",
            "energy_basis": "yearly" if uk == "pcf_tec_yearly" else "",
            "is_proxy": "true", "proxy_note": p["proxy_note"],
            "source_id": p["usage_source_id"],
            "source_row": f"usage: {usage_row}; lifetime (default = first listed): {lt_cites}",
        })

    # Derived range figures (range_figures.csv kind "expr") cite where they were read.
    for f in embodied:
        if f["indicator"] == "climate_change":
            cites = []
            for c in ctx.range_citations(f["category"]):
                head, _, where = c.partition(" over ")
                if c in f["source_row"]:
                    continue
                # a selection's line list is cited once per row
                cites.append(head if where and where in f["source_row"] + " ".join(cites) else c)
            if cites:
                f["source_row"] += "; range figures: " + "; ".join(cites)
    mark_lumped(embodied)
    refurb = build_refurbishment(ctx, categories, embodied)
    return categories, embodied, refurb




def mark_lumped(embodied):
    """Where a source gives one whole-life embodied figure (kept under manufacturing), the manufacturing
    row says so (`includes`): distribution and end of life are included in it, not available separately,
    and have no row (a 0 row would read as a zero)."""
    phases = {}
    for f in embodied:
        phases.setdefault((f["category"], f["indicator"]), {})[f["phase"]] = f
    for (cat, ind), have in sorted(phases.items()):
        if set(have) == {"manufacturing"}:
            have["manufacturing"]["includes"] = LUMPED


# ----------------------------------------------------------------------------- electricity

def parse_year(text):
    t = (text or "").strip()
    if not t:
        return "", ""
    years = [int(y) for y in re.findall(r"\d{4}", t)]
    if len(years) == 1:
        return str(years[0]), ""
    return str(max(years)), f"source states reference_year '{t}'; the latest is used. "


def electricity_rows(ctx, zones, replace_fr_climate):
    elec = ctx.fy["electricity"]
    maps = [m for m in ctx.indmap if m["scope"] in ("both", "electricity")]
    rows = []
    for z in zones:
        code = z["boavizta_code"]
        e = elec[code]
        for m in maps:
            key, ind = m["boavizta_key"], m["indicator"]
            if key not in e:
                continue
            if replace_fr_climate and z["zone"] == "FR" and ind == "climate_change":
                continue
            crit = e[key]
            if crit.get("value") in (None, ""):
                continue
            assert crit["unit"] == BOA_ELEC_UNITS[key], (code, key, crit["unit"])
            year, ynote = parse_year(crit.get("reference_year"))
            src = crit["source"]
            quality = "primary"
            if "sciencedirect" in src:
                sid = "scarlat-2022"
            elif "ember" in src:
                sid = "ember-2020"
            elif src.startswith("Average of all country"):
                sid, quality = "boaviztapi-2.5.0", "derived"
                ynote += "Boavizta's average of all countries in its file (Scarlat 2019 and Ember 2020 figures). "
            elif src.startswith("ADEME Base IMPACTS"):
                sid = "ademe-base-impacts-2011-electricity"
            elif src.startswith("ADPf / (1-%renewable_energy)"):
                sid, quality = "ademe-base-impacts-2011-electricity", "derived"
                ynote += "Boavizta derivation: Base IMPACTS ADPf / (1 - renewable share, IRENA via Wikipedia 2016). "
            elif "wri.org" in src:
                sid, quality = "wri-2020-water-electricity", "uncertain"
                ynote += "WRI volume of water per kWh (not AWARE), mapped to water_consumption. "
            else:
                raise ValueError(f"unknown electricity source {src}")
            v = D(crit["value"])
            if ind == "land_use" and v == 0:
                # Base IMPACTS 2011 gives 0 for every mix: not assessed, which is not zero. No row: the
                # dataset declares land use's use phase not covered (datapackage.json empreinte.indicators).
                continue
            if ind == "ozone_depletion" and v == 0:
                quality = "uncertain"
                ynote += ("0 in the source, as for most zones: only the mixes of BE, CH, FR, JP, KR, US, Europe and "
                          "World have a figure, though DE, ES, FI, SE, GB and CZ had nuclear and gas generation in "
                          "2011; possibly not assessed rather than zero. ")
            rows.append({
                "factor_id": f"{z['zone']}.{year or 'undated'}.{ind}", "zone": z["zone"], "year": year,
                "indicator": ind, "value": fmt(v), "low": fmt(v), "high": fmt(v), "unit": UNITS[ind] + "/kWh",
                "quality": quality, "source_id": sid,
                "source_row": f"boaviztapi 2.5.0 data/factors.yml electricity.{code}.{key} (reference_year '{crit.get('reference_year', '')}')",
                "note": (ynote + "No published range.").strip(),
            })
    if replace_fr_climate:
        for r in ctx.elec_fr:
            v = D(r["value_kgco2e_per_kwh"])
            rows.append({
                "factor_id": f"FR.{r['year']}.climate_change", "zone": "FR", "year": r["year"],
                "indicator": "climate_change", "value": fmt(v), "low": fmt(v), "high": fmt(v),
                "unit": "kgCO2e/kWh", "quality": "primary", "source_id": r["source_id"],
                "source_row": r["source_row"], "note": r["note"] + ". No published range.",
                "method": r["method"], "method_fr": r["method_fr"],
            })
    return rows




# ----------------------------------------------------------------------------- Boavizta set

BOA_KEYS = {
    "smartphone": ("SMARTPHONE", None), "tablet": ("TABLET", None), "laptop": ("LAPTOP", "pro"),
    "desktop": ("DESKTOP", "pro"), "monitor": ("MONITOR", None), "tv": ("TELEVISION", "pro"),
    "internet_box": ("BOX", None), "usb_key": ("USB_STICK", None), "external_ssd": ("EXTERNAL_SSD", None),
    "external_hdd": ("EXTERNAL_HDD", None), "server": ("SERVER", None),
}


# The Boavizta set's `server` class is the bottom-up default archetype (issue 14: one server, one
# answer, whichever door): its figures are derived by the hosting model itself (Rust), written by
# core/tests/server_archetype.rs, which fails when this file and the model drift apart.
SERVER_ARCHETYPE_FILE = os.path.join(HERE, "derived", "boavizta_server_archetype.csv")


def load_server_archetype():
    """(archetype, {indicator: manufacturing row}, IT power row) of the derived file."""
    with open(SERVER_ARCHETYPE_FILE, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    made = {r["indicator"]: r for r in rows if r["figure"] == "manufacturing"}
    for ind, r in made.items():
        if r["unit"] != UNITS[ind]:
            raise ValueError(f"{SERVER_ARCHETYPE_FILE}: {ind} in {r['unit']}, expected {UNITS[ind]}")
    (power,) = [r for r in rows if r["figure"] == "it_power_w"]
    return rows[0]["archetype"], made, power


def server_archetype_factor(arch, r):
    comps = sorted({fid.split(".")[1] for fid in r["factors"].split("|")})
    f = make_factor("server", "manufacturing", r["indicator"], D(r["value"]), D(r["low"]), D(r["high"]), "derived",
                    "uba-green-cloud-2021",
                    f"bottom-up model: hosting_servers.csv {arch} x hosting_components.csv {r['indicator']} factors "
                    f"({', '.join(comps)}), over its whole life (tools/derived/boavizta_server_archetype.csv, "
                    "core/tests/server_archetype.rs: what empreinte server --dataset boavizta-2.5 gives)",
                    "A server in an inventory is BoaviztAPI's default server archetype, as the hosting calculator "
                    "models it from its components (range: the archetype's CPU die, memory and storage ranges). "
                    "Manufacturing only: the sources give no distribution or end of life for server components, so "
                    "those phases are not available and a total holding servers is partial (a lower bound). "
                    "Indicators without component factors keep BoaviztAPI's generic server ('SERVER').")
    f["includes"] = ""
    return f


def build_boavizta(ctx):
    maps = {m["boavizta_key"]: m for m in ctx.indmap if m["scope"] in ("both", "embodied")}
    categories, embodied = [], []
    arch_id, arch_made, arch_power = load_server_archetype()
    for cat, (key, typ) in BOA_KEYS.items():
        block = ctx.fy[key]
        for bkey, crit in block.items():
            if bkey not in maps:
                continue  # gwpb/gwpf/gwplu/gwppb..., adp: not indicators of the schema
            m = maps[bkey]
            ind = m["indicator"]
            if cat == "server" and ind in arch_made:
                # The archetype's figure replaces the generic server's where both exist. Primary energy
                # (components only): the set has no device manufacturing for it, one class would not cover it.
                embodied.append(server_archetype_factor(arch_id, arch_made[ind]))
                continue
            entry = crit[typ] if typ else crit
            if entry.get("impact") in (None, ""):
                continue
            v = D(entry["impact"])
            path = f"{key}.{bkey}" + (f".{typ}" if typ else "")
            base_note = ("BoaviztAPI 'embedded' impact (ADEME Base IMPACTS / NegaOctet export): whole life except use, "
                         "includes distribution and end of life; not split by phase.")
            lo = hi = v
            quality = "primary"
            if ind == "climate_change":
                mlo, mhi, rnote = ctx.climate_range(cat, v)
                lo, hi = v * mlo, v * mhi
                note = base_note + " " + rnote
            else:
                note = base_note + " No published range (BoaviztAPI gives min = max for these archetypes)."
            if ind == "water_use" and v < 0:
                quality = "flagged"
                note = ("Negative water use (end-of-life credits); not traceable to Base Empreinte for servers: "
                        "open upstream issue Boavizta/boaviztapi#548. Loaded, listed, never used. " + note)
            elif v < 0:
                quality = "uncertain"
                note = "Negative value in the source (end-of-life recycling credits outweigh burdens). " + note
            if cat == "server":
                note = "Generic server fallback ('SERVER'), used by BoaviztAPI when no component factor exists. " + note
            f = make_factor(cat, "manufacturing", ind, v, lo, hi, quality, "ademe-base-impacts-negaoctet-export",
                            f"boaviztapi 2.5.0 data/factors.yml {path}", note)
            f["includes"] = LUMPED  # "embedded": whole life except use
            embodied.append(f)
        c = ctx.categories[cat]
        if cat == "server":
            srv = ctx.servers[arch_id]
            hours = D(srv["USAGE.use_time_ratio"]) * 24
            lt = D(srv["USAGE.hours_life_time"]) / HOURS_PER_YEAR
            power, plo, phi = D(arch_power["value"]), D(arch_power["low"]), D(arch_power["high"])
            row = (f"server.csv {arch_id}: use_time_ratio {srv['USAGE.use_time_ratio']} x 24 h, "
                   f"hours_life_time {srv['USAGE.hours_life_time']} / 8760; power {fmt_short(power)} W "
                   f"({fmt_short(plo)}-{fmt_short(phi)}) = the bottom-up model's IT power of that archetype at its "
                   "default 50 % load (tools/derived/boavizta_server_archetype.csv; BoaviztAPI 2.5.0 gives 535.8 W, "
                   "research/boavizta.md section 4)")
        else:
            arch = ctx.terminals[BOA_ARCHETYPES[cat]]
            power, plo, phi = boa_power(arch)
            hours = D(arch["USAGE.use_time_ratio"]) * 24
            lt = D(arch["USAGE.hours_life_time"]) / HOURS_PER_YEAR
            row = (f"user_terminal.csv {arch['id']}: avg_power default;min;max {arch['USAGE.avg_power']} W, "
                   f"use_time_ratio {arch['USAGE.use_time_ratio']} x 24 h, hours_life_time {arch['USAGE.hours_life_time']} / 8760")
        lt_lo, lt_hi, lt_cites = ctx.lifetime_range(cat, lt)
        categories.append({
            **{k: c[k] for k in ("category", "label_fr", "label_en", "aliases", "group")},
            "lifetime_years": fmt(lt), "lifetime_low_years": fmt(lt_lo), "lifetime_high_years": fmt(lt_hi),
            "power_w": fmt(power), "power_low_w": fmt(plo), "power_high_w": fmt(phi),
            "hours_per_day": fmt(hours), "days_per_year": "365", "is_proxy": "false", "proxy_note": "",
            "source_id": "boaviztapi-2.5.0", "source_row": f"{row}; lifetime range: {lt_cites}",
        })
    return categories, embodied


# ----------------------------------------------------------------------------- service tables (networks)
# Optional tables read by core/src/dataset/service_tables.rs; SCHEMA.md "Service tables".

NETWORK_FIELDS = ["factor_id", "network", "access", "zone", "box_included", "phase", "indicator", "value", "low",
                  "high", "unit", "quality", "source_id", "source_row", "note"]
# ADEME model network id -> empreinte network id
NETWORK_IDS = {
    "fixe FR": "fixed_fr", "mobile FR": "mobile_fr", "fixe EU": "fixed_eu", "mobile EU": "mobile_eu",
    "fixe FR hors box": "fixed_fr_excl_box", "fixe EU hors box": "fixed_eu_excl_box",
}


def network_rows():
    """Per-GB network factors of ADEME's model (NegaOctet), climate change only, kgCO2e per GB (the model's 'Go')."""
    rows = []
    for r in read_csv(os.path.join(ADEME_DIR, "network.csv")):
        nid = NETWORK_IDS[r["network_id"]]
        box = "false" if r["box_included"] == "no" else ("true" if r["access"] == "fixed" else "")
        note = ("No published range. Whole-life network factor (equipment and electricity), not split by phase: "
                "reported under use. Per GB as ADEME's model counts it (its 'Go'; the model converts Mo to Go with "
                "/1024). Fixed-network energy barely depends on traffic (Arcep): an allocation convention, fine for "
                "services, wrong for marginal reasoning.")
        if nid == "fixed_eu_excl_box":
            note += " In the model this factor is unreachable (both branches of the e-mail backup rule test 'fixe FR hors box')."
        rows.append({
            "factor_id": f"network.{nid}.climate_change", "network": nid, "access": r["access"], "zone": r["zone"],
            "box_included": box, "phase": "use", "indicator": "climate_change",
            "value": fmt(D(r["kgco2e_per_gb"])), "low": fmt(D(r["kgco2e_per_gb"])),
            "high": fmt(D(r["kgco2e_per_gb"])), "unit": "kgCO2e/GB", "quality": "primary",
            "source_id": "ademe-acv-numerique-2.2.0",
            "source_row": f"src/transmission.publicodes: {r['model_rule']} ({r['gco2e_per_gb']} gCO2e/Go, source Negaoctet)",
            "note": note,
        })
    return sorted(rows, key=lambda r: r["factor_id"])


def add_service_tables(files, dataset_name, rows):
    """Adds network.csv to a dataset's files and declares it in its datapackage.json (kept local: the
    datapackage text is re-read and extended rather than built by datapackage())."""
    files[os.path.join(dataset_name, "network.csv")] = csv_text(NETWORK_FIELDS, rows)
    key = os.path.join(dataset_name, "datapackage.json")
    pkg = json.loads(files[key])
    pkg["resources"].append(resource("network", "network.csv", NETWORK_FIELDS, "factor_id",
                                     "Impact of 1 GB transferred over a network (optional service table)"))
    files[key] = json.dumps(pkg, ensure_ascii=False, indent=2) + "\n"


def build_all():
    ctx = Ctx()
    files = {}
    a_cat, a_emb, a_ref = build_ademe(ctx)
    a_zones = [z for z in ctx.zones if z["in_ademe_set"] == "yes"]
    a_elec = electricity_rows(ctx, a_zones, replace_fr_climate=True)
    files.update(dataset_files(ctx, "ademe-negaoctet-2022", a_cat, a_emb, a_ref, a_elec, a_zones,
                               ADEME_META, True, ADEME_USAGE, ADEME_LICENSES, ADEME_INDICATOR_NOTES))
    add_service_tables(files, "ademe-negaoctet-2022", network_rows())
    b_cat, b_emb = build_boavizta(ctx)
    b_elec = electricity_rows(ctx, ctx.zones, replace_fr_climate=False)
    b_ref = boavizta_refurbishment(a_emb, a_ref, b_cat, b_emb, b_elec)
    files.update(dataset_files(ctx, "boavizta-2.5", b_cat, b_emb, b_ref, b_elec, ctx.zones,
                               BOA_META, True, BOA_USAGE, BOA_LICENSES, BOA_INDICATOR_NOTES))
    # Hosting tables (servers, cloud, PUE): tools/generate_hosting.py, SCHEMA.md "Hosting tables".
    generate_hosting.extend(files, "ademe-negaoctet-2022", generate_hosting.sites(), ctx.sources)
    boa_hosting = generate_hosting.build(BOA_DIR, BOA_OVR, ctx.fy, ctx.servers, ctx.zones)
    boa_hosting.update(generate_hosting.sites())
    generate_hosting.extend(files, "boavizta-2.5", boa_hosting, ctx.sources)
    b_rep = {}
    boavizta_refurbishment(a_emb, a_ref, b_cat, b_emb, b_elec, report=b_rep)
    return ctx, files, a_cat, a_emb, b_rep


def refurbishment_report(ctx, a_cat, a_emb, rep=None):
    if rep is None:
        rep = {}
        build_refurbishment(ctx, a_cat, a_emb, report=rep)
    lines = [f"  {'class':<26} {'new':>9} {'refurb.':>9} {'avoided':>8}  (kgCO2e per year of service)"]
    for cat, (n, r, av, how) in rep.items():
        lines.append(f"  {cat:<26} {float(n):>9.2f} {float(r):>9.2f} {float(av) * 100:>7.1f} %  {how}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if any generated file differs from the committed one")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not os.path.isdir(SRC):
        print(f"shared sources not found at {SRC} (set EMPREINTE_SHARED)", file=sys.stderr)
        return 2
    ctx, files, a_cat, a_emb, b_rep = build_all()
    changed = []
    for rel, content in sorted(files.items()):
        path = os.path.join(REFDATA, rel)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as fh:
                old = fh.read()
        if old != content:
            changed.append(rel)
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.write(content)
    if args.check:
        if changed:
            print("reference-data drift: these files differ from generate.py output:\n  " + "\n  ".join(changed),
                  file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"reference-data: {len(files)} files up to date")
        return 0
    if not args.quiet:
        for rel, content in sorted(files.items()):
            n = content.count("\n") - 1 if rel.endswith(".csv") else 0
            print(f"{'written' if rel in changed else 'same   '} {rel}" + (f" ({n} rows)" if rel.endswith('.csv') else ""))
        print("refurbishment check (per year of use, ADEME set, latest French electricity factor):")
        print(refurbishment_report(ctx, a_cat, a_emb))
        print("refurbishment check, boavizta-2.5 (per year of use, its own use profiles, its latest French factor):")
        print(refurbishment_report(ctx, a_cat, a_emb, b_rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
