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


def make_factor(category, phase, indicator, value, low, high, quality, source_id, source_row, note, prefix=None):
    fid = ".".join(x for x in (category, prefix, phase, indicator) if x)
    assert low <= value <= high, (fid, low, value, high)
    return {"factor_id": fid, "category": category, "phase": phase, "indicator": indicator,
            "value": fmt(value), "low": fmt(low), "high": fmt(high), "unit": UNITS[indicator],
            "quality": quality, "source_id": source_id, "source_row": source_row, "note": note}


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
        elif uk == "pcf_tec":
            tec = ctx.sel_vals[uref][0]["tec"]
            k = Decimal(1000) / HOURS_PER_YEAR
            power = median(tec) * k
            plo, phi = quantile(tec, Decimal("0.1")) * k, quantile(tec, Decimal("0.9")) * k
            hours = Decimal(24)
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


LUMPED = "distribution|end_of_life"


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


# ----------------------------------------------------------------------------- refurbishment

def fr_latest_factor(ctx):
    rows = sorted(ctx.elec_fr, key=lambda r: int(r["year"]))
    return D(rows[-1]["value_kgco2e_per_kwh"]), rows[-1]["year"]


def build_refurbishment(ctx, categories, embodied, report=None):
    """Cut-off second life: what a refurbished device carries instead of first manufacturing.

    For each category the ADEME 2022 study gives an avoided share f and/or avoided kgCO2e per
    year of use A. With the dataset's own new device (embodied E over lifetime L, use U per
    year at the latest French factor) the new annual impact is N = E/L + U. The refurbished
    annual impact R_a is:
        fraction_and_kg: R_a = A x (1/f - 1)       (the study's own refurbished annual impact)
        kg:              R_a = N - A
        fraction:        R_a = (1 - f) x N
    The second life lasts L2 = L (the model's lifetime of the class, an assumption) and carries
    refurbishment R (manufacturing + distribution), use U and the device's end of life EoL:
        R_a = (R + EoL) / L2 + U   =>   R = L2 x (R_a - U) - EoL.
    Distribution (transport) = the new device's distribution figure; manufacturing (refurbishing
    operations + replaced parts) = R - distribution. low/high = value / sqrt(s), value x sqrt(s)
    with s = 11, the widest spread between refurbishers reported by the study.
    """
    cats = {c["category"]: c for c in categories}
    emb = {(r["category"], r["phase"], r["indicator"]): r for r in embodied}
    elec, elec_year = fr_latest_factor(ctx)
    rows = []
    checks = {}
    for rc in ctx.refurb:
        cat = rc["category"]
        c = cats[cat]
        L = D(c["lifetime_years"])
        kwh = D(c["power_w"]) * D(c["hours_per_day"]) * D(c["days_per_year"]) / 1000
        U = kwh * elec
        E = {p: D(emb[(cat, p, "climate_change")]["value"]) for p in PHASE_ORDER}
        N = sum(E.values()) / L + U
        if rc["method"] == "fraction_and_kg":
            f, A = D(rc["avoided_fraction"]), D(rc["avoided_kgco2e_per_year"])
            Ra = A * (ONE / f - ONE)
            how = (f"study's refurbished annual impact R_a = {rc['avoided_kgco2e_per_year']} x (1/{rc['avoided_fraction']} - 1) "
                   f"= {fmt_short(Ra)} kgCO2e/yr")
        elif rc["method"] == "kg":
            A = D(rc["avoided_kgco2e_per_year"])
            Ra = N - A
            how = f"R_a = new annual N ({fmt_short(N)}) - {rc['avoided_kgco2e_per_year']} = {fmt_short(Ra)} kgCO2e/yr"
        elif rc["method"] == "fraction":
            f = D(rc["avoided_fraction"])
            Ra = (ONE - f) * N
            how = f"R_a = (1 - {rc['avoided_fraction']}) x new annual N ({fmt_short(N)}) = {fmt_short(Ra)} kgCO2e/yr"
        else:
            raise ValueError(rc["method"])
        L2 = L
        R = L2 * (Ra - U) - E["end_of_life"]
        dist = E["distribution"]
        manu = R - dist
        if manu <= 0:
            raise ValueError(f"refurbishment derivation negative for {cat}")
        s = D(rc["spread_factor"]).sqrt()
        refurb_annual = (manu + dist + E["end_of_life"]) / L2 + U
        avoided = ONE - refurb_annual / N
        checks[cat] = (N, refurb_annual, avoided, "study")
        common = (f"Derived (cut-off): new annual N = embodied {fmt_short(sum(E.values()))} / {fmt(L)} y + use "
                  f"{fmt_short(kwh)} kWh x {fmt(elec)} (FR {elec_year}) = {fmt_short(N)} kgCO2e/yr; {how}; "
                  f"second life L2 = {fmt(L2)} y (this set's lifetime of the class: an assumption, the study's durations "
                  f"were not read); refurbishment R = L2 x (R_a - use) - end of life = {fmt_short(R)} kgCO2e; "
                  f"distribution = the new device's transport figure, manufacturing (operations + replaced parts) = R - "
                  f"distribution; check: avoided {fmt_short(avoided * 100, 3)} % per year of use. low/high = value / "
                  f"sqrt({rc['spread_factor']}) and x sqrt({rc['spread_factor']}) (spread between refurbishers, factor 2-11). "
                  + rc["note"])
        for phase, v in (("manufacturing", manu), ("distribution", dist)):
            r = make_factor(cat, phase, "climate_change", v, v / s, v * s, "derived",
                            "ademe-reconditionnes-2022", rc["source_row"], common, prefix="refurbishment")
            r["second_life_years"] = fmt(L2)
            rows.append(r)
    rows += extrapolated_refurbishment(ctx, cats, emb, rows, elec, checks)
    if report is not None:
        report.update(checks)
    # smartphone check required by the brief: ~87 % avoided
    sm = checks.get("smartphone")
    if sm and not (Decimal("0.85") <= sm[2] <= Decimal("0.90")):
        raise ValueError(f"smartphone refurbishment check failed: {sm[2]}")
    # the study's ranges across criteria (tablet 46-80 %, laptop and desktop 43-97 %)
    for cat, (lo_pct, hi_pct) in {"tablet": ("0.46", "0.80"), "laptop": ("0.43", "0.97"),
                                  "desktop": ("0.43", "0.97")}.items():
        if cat in checks and not (D(lo_pct) <= checks[cat][2] <= D(hi_pct)):
            raise ValueError(f"{cat} refurbishment check failed: {checks[cat][2]}")
    for cat, (n, r, _av, *_rest) in checks.items():
        if not r < n:
            raise ValueError(f"refurbished {cat} is not below new per year of service: {r} >= {n}")
    return rows


MEASURED_FAMILIES = ("smartphone", "tablet", "laptop", "desktop")
EXTRAPOLATION_NOTE = (
    "Proxy (cut-off): refurbishment operations + replaced parts = the laptop's burden ratio (refurbishment "
    "manufacturing / new manufacturing, as derived in this set from ADEME's 2022 refurbished-products study) x this "
    "class's new manufacturing; low/high = the lowest (smartphone) and highest (tablet) ratios of the four families "
    "the study measured. This is the same extrapolation as the study's annex, which extends laptop figures to boxes, "
    "servers and consoles; nothing in the study covers monitors, printers, projectors or network gear. Second life = "
    "this set's lifetime of the class. A refurbisher's own replaced-parts figure is better.")
FOLDED_REFURB_NOTE = (
    " This class's figure lumps transport and end of life with manufacturing (`includes` in embodied.csv): the ratio "
    "applies to the whole figure; the second life's transport and end of life are not available separately (no row).")


def burden_ratios(emb, rows):
    """Refurbishment manufacturing / new manufacturing of the families ADEME's study measured."""
    made = {r["category"]: D(r["value"]) for r in rows if r["phase"] == "manufacturing"}
    return {cat: made[cat] / D(emb[(cat, "manufacturing", "climate_change")]["value"])
            for cat in MEASURED_FAMILIES if cat in made}


def is_folded(row):
    return row is None


def extrapolated_refurbishment(ctx, cats, emb, measured_rows, elec, checks):
    """Refurbished second life of every other class: the laptop's burden ratio, the four families' spread."""
    b = burden_ratios(emb, measured_rows)
    b_lap, b_lo, b_hi = b["laptop"], min(b.values()), max(b.values())
    lo_cat = min(b, key=b.get)
    hi_cat = max(b, key=b.get)
    rows = []
    for cat in sorted(cats):
        if cat in b or (cat, "manufacturing", "climate_change") not in emb:
            continue
        c = cats[cat]
        L = D(c["lifetime_years"])
        kwh = D(c["power_w"]) * D(c["hours_per_day"]) * D(c["days_per_year"]) / 1000
        U = kwh * elec
        m_row = emb[(cat, "manufacturing", "climate_change")]
        d_row = emb.get((cat, "distribution", "climate_change"))
        e_row = emb.get((cat, "end_of_life", "climate_change"))
        M = D(m_row["value"])
        T = ZERO if is_folded(d_row) else D(d_row["value"])
        E = ZERO if e_row is None else D(e_row["value"])
        folded = is_folded(d_row)
        manu = b_lap * M
        src = (f"burden ratios from refurbishment.csv (this set): laptop {fmt_short(b_lap)} (low {lo_cat} "
               f"{fmt_short(b_lo)}, high {hi_cat} {fmt_short(b_hi)}) x {m_row['factor_id']} {fmt_short(M)}")
        note = EXTRAPOLATION_NOTE + (FOLDED_REFURB_NOTE if folded else "")
        r = make_factor(cat, "manufacturing", "climate_change", manu, b_lo * M, b_hi * M, "proxy",
                        "ademe-reconditionnes-2022", src, note, prefix="refurbishment")
        r["second_life_years"] = fmt(L)
        rows.append(r)
        if not folded:
            r = make_factor(cat, "distribution", "climate_change", T, D(d_row["low"]), D(d_row["high"]), "proxy",
                            "ademe-reconditionnes-2022",
                            f"transport = the new device's, {d_row['factor_id']} ({d_row['source_id']})", note,
                            prefix="refurbishment")
            r["second_life_years"] = fmt(L)
            rows.append(r)
        N = (M + T + E) / L + U
        R = (manu + T + E) / L + U
        checks[cat] = (N, R, ONE - R / N, "proxy" + (", no transport" if folded else ""))
    return rows


BOA_REFURB_NOTE = (
    "Proxy (cut-off): BoaviztAPI has no refurbishment data. The second life carries the share of the whole embodied "
    "figure that the default set (ademe-negaoctet-2022) gives a refurbished device of the same class (refurbishment + "
    "replaced parts + transport + end of life, over the new device's manufacturing + transport + end of life; from "
    "ADEME's 2022 refurbished-products study for smartphones, tablets, laptops and desktops, extrapolated from the "
    "laptop for the other classes), applied to Boavizta's embedded climate figure (whole life except use, not split by "
    "phase). Both sets rest on NegaOctet, so the relative burden transfers; the absolute figures do not. Climate "
    "change only: the other criteria of a refurbished device are not available. low/high: the same share's low/high.")


BOA_REFURB_LUMPED_NOTE = (
    " The default set's figure of this class is lumped (one embodied figure): its share covers refurbishment only; "
    "the second life's transport and end of life are not available.")


def boavizta_refurbishment(a_emb, a_ref, b_cat, b_emb, b_elec, report=None):
    """Refurbished second life of the Boavizta set: the default set's second-life share of the whole
    embodied climate figure, class by class, applied to Boavizta's single embodied figure."""
    a_e = {(r["category"], r["phase"]): r for r in a_emb if r["indicator"] == "climate_change"}
    a_r = {}
    for r in a_ref:
        a_r.setdefault(r["category"], []).append(r)
    fr = max((r for r in b_elec if r["zone"] == "FR" and r["indicator"] == "climate_change"),
             key=lambda r: int(r["year"] or 0))
    elec = D(fr["value"])
    cats = {c["category"]: c for c in b_cat}
    rows, checks = [], {}
    for b in sorted((r for r in b_emb if r["indicator"] == "climate_change" and r["phase"] == "manufacturing"),
                    key=lambda r: r["category"]):
        cat = b["category"]
        if cat not in a_r:
            raise ValueError(f"no refurbishment of {cat} in the default set to transfer")
        # A lumped figure (manufacturing `includes` distribution and end of life) has no row for them.
        total = sum(D(a_e[(cat, ph)]["value"]) for ph in PHASE_ORDER if (cat, ph) in a_e)
        eol = D(a_e[(cat, "end_of_life")]["value"]) if (cat, "end_of_life") in a_e else ZERO
        share = (sum(D(r["value"]) for r in a_r[cat]) + eol) / total
        s_lo = (sum(D(r["low"]) for r in a_r[cat]) + eol) / total
        s_hi = (sum(D(r["high"]) for r in a_r[cat]) + eol) / total
        B = D(b["value"])
        c = cats[cat]
        L = D(c["lifetime_years"])
        r = make_factor(cat, "manufacturing", "climate_change", share * B, s_lo * B, s_hi * B, "proxy",
                        "ademe-reconditionnes-2022",
                        (f"ademe-acv-numerique-2.2.0: second-life share {fmt_short(share)} (low {fmt_short(s_lo)}, high "
                         f"{fmt_short(s_hi)}) = ademe-negaoctet-2022 refurbishment.csv {cat} rows + end of life "
                         f"{fmt_short(eol)}, over the new {cat} {fmt_short(total)} kgCO2e; x {b['source_row']} "
                         f"{fmt_short(B)}"),
                        BOA_REFURB_NOTE + (BOA_REFURB_LUMPED_NOTE if (cat, "end_of_life") not in a_e else ""),
                        prefix="refurbishment")
        # The share covers transport and end of life where the default set gives them apart (they are in it).
        r["includes"] = LUMPED if (cat, "end_of_life") in a_e else ""
        r["second_life_years"] = fmt(L)
        rows.append(r)
        U = D(c["power_w"]) * D(c["hours_per_day"]) * D(c["days_per_year"]) / 1000 * elec
        N, R = B / L + U, share * B / L + U
        if not R < N:
            raise ValueError(f"Boavizta refurbished {cat} is not below new per year of service")
        checks[cat] = (N, R, ONE - R / N, f"proxy (FR {fr['year']} {fmt(elec)})")
    if report is not None:
        report.update(checks)
    return rows


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


def zone_rows(zones):
    return [{k: z[k] for k in ZONE_FIELDS} for z in zones]


# ----------------------------------------------------------------------------- Boavizta set

BOA_KEYS = {
    "smartphone": ("SMARTPHONE", None), "tablet": ("TABLET", None), "laptop": ("LAPTOP", "pro"),
    "desktop": ("DESKTOP", "pro"), "monitor": ("MONITOR", None), "tv": ("TELEVISION", "pro"),
    "internet_box": ("BOX", None), "usb_key": ("USB_STICK", None), "external_ssd": ("EXTERNAL_SSD", None),
    "external_hdd": ("EXTERNAL_HDD", None), "server": ("SERVER", None),
}


def build_boavizta(ctx):
    maps = {m["boavizta_key"]: m for m in ctx.indmap if m["scope"] in ("both", "embodied")}
    categories, embodied = [], []
    for cat, (key, typ) in BOA_KEYS.items():
        block = ctx.fy[key]
        for bkey, crit in block.items():
            if bkey not in maps:
                continue  # gwpb/gwpf/gwplu/gwppb..., adp: not indicators of the schema
            m = maps[bkey]
            ind = m["indicator"]
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
            srv = ctx.servers["platform_compute_medium"]
            hours = D(srv["USAGE.use_time_ratio"]) * 24
            lt = D(srv["USAGE.hours_life_time"]) / HOURS_PER_YEAR
            power, plo, phi = Decimal("535.8"), Decimal("111"), Decimal("928")
            row = (f"server.csv platform_compute_medium: use_time_ratio {srv['USAGE.use_time_ratio']} x 24 h, "
                   f"hours_life_time {srv['USAGE.hours_life_time']} / 8760; power 535.8 W (111-928) = BoaviztAPI 2.5.0 "
                   "modelled power of that archetype at its default 50 % load (research/boavizta.md section 4)")
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
                       "manufacturing that `includes` distribution and end of life) and electricity."),
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
        c = {**c, "site": "", "pue": "", "pue_low": "", "pue_high": ""}
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
                               BOA_META, False, BOA_USAGE, BOA_LICENSES, BOA_INDICATOR_NOTES))
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
