"""Refurbishment factors of the reference datasets: ADEME's measured families, the other
classes extrapolated from their burden ratios, and the Boavizta set's from the ADEME set's
(see generate.py)."""

from __future__ import annotations

import csv
import json
import os
from decimal import Decimal

from gen_common import *  # noqa: F401,F403  (same folder)

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
        # The share covers transport and end of life where the default set gives them apart (they are in
        # it), when Boavizta's figure is a lump that holds them too (not the bottom-up server's).
        r["includes"] = LUMPED if (cat, "end_of_life") in a_e and b.get("includes") else ""
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
