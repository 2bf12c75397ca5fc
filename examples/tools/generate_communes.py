#!/usr/bin/env python3
"""Generate the sample commune inventories in ``examples/communes/``.

Deterministic: Python 3.11 standard library only, one fixed random seed, no
dependence on dict/set hash order, the clock or the locale.  Running it twice
writes byte-identical files.

    python3 examples/tools/generate_communes.py          # (re)write the files
    python3 examples/tools/generate_communes.py --check  # fail if files differ

Both communes are fictional.  The files deliberately use the input formats
people really have (see examples/communes/README.md):

* ``village-saint-aubin.csv``       French spreadsheet export: UTF-8 with BOM,
                                     ``;``, decimal comma, CRLF, French headers.
* ``ville-montclair.csv``           canonical: UTF-8, ``,``, decimal point, LF,
                                     English canonical headers.
* ``ville-montclair.json``          the same lines as a JSON array of objects.
* ``ville-montclair-excel-1252.csv`` an extract of the town as old Excel
                                     "CSV (séparateur: point-virgule)" writes it:
                                     Windows-1252, ``;``, decimal comma, CRLF.
* ``category-names.csv``            every category name written in the samples
                                     -> the reference category it must resolve to.
* ``communes.json``                 sizes of the communes (per-capita figures).
"""

from __future__ import annotations

import io
import json
import math
import random
import sys
from pathlib import Path

SEED = 20251122
REFERENCE_YEAR = 2025  # the inventories describe the fleet at the end of 2025

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "communes"

# --------------------------------------------------------------------------
# Category names as people write them -> reference category
# --------------------------------------------------------------------------

REFERENCE_CATEGORIES = [
    "smartphone", "tablet", "laptop", "desktop", "monitor", "tv", "internet_box",
    "projector", "printer", "external_hdd", "external_ssd", "usb_key",
    "multifunction_printer", "interactive_display", "ip_phone", "network_switch",
    "wifi_access_point", "router", "firewall", "server", "nas", "thin_client",
    "all_in_one",
]

# Names used in the town inventory, per reference category.  The first name is
# the most frequent one (weight 3), the others weight 1 each: a merged
# inventory written by several services over the years.
TOWN_NAMES: dict[str, list[str]] = {
    "smartphone": ["Smartphone", "Téléphone mobile", "Smartphones", "smartphone"],
    "tablet": ["Tablette", "Tablettes", "tablet"],
    "laptop": ["PC portable", "Ordinateur portable", "Portables", "laptop"],
    "desktop": ["Unité centrale", "PC fixe", "Ordinateur fixe", "desktop"],
    "monitor": ["Écran", "écrans", "Moniteur", "ECRAN"],
    "tv": ["Téléviseur", "TV"],
    "internet_box": ["Box internet"],
    "projector": ["Vidéoprojecteur", "Vidéoprojecteurs", "videoprojecteur"],
    "printer": ["Imprimante", "Imprimantes", "printer"],
    "external_hdd": ["Disque dur externe", "Disques durs externes"],
    "external_ssd": ["SSD externe"],
    "usb_key": ["Clé USB", "Clés USB"],
    "multifunction_printer": ["Copieur multifonction", "Imprimante multifonction", "Multifonction"],
    # "TBI" (tableau blanc interactif) and "ENI" (écran numérique interactif)
    # are chosen by the generator itself (older boards vs newer screens).
    "interactive_display": ["Écran numérique interactif", "ENI", "TBI"],
    "ip_phone": ["Téléphone IP", "Poste téléphonique IP"],
    "network_switch": ["Switch", "Commutateur", "switchs"],
    "wifi_access_point": ["Borne Wi-Fi", "Point d'accès Wi-Fi", "Borne wifi"],
    "router": ["Routeur"],
    "firewall": ["Pare-feu", "Firewall"],
    "server": ["Serveur", "Serveurs", "server"],
    "nas": ["NAS"],
    "thin_client": ["Client léger", "Clients légers"],
    "all_in_one": ["Tout-en-un", "PC tout-en-un"],
}

# Names used in the village inventory (written by hand by the secretary).
VILLAGE_NAMES: dict[str, str] = {
    "Unité centrale": "desktop",
    "PC portable": "laptop",
    "Ordinateur portable": "laptop",
    "écrans": "monitor",
    "Écran": "monitor",
    "Imprimante multifonction": "multifunction_printer",
    "Copieur multifonction": "multifunction_printer",
    "imprimante": "printer",
    "Box internet": "internet_box",
    "Switch": "network_switch",
    "Borne Wi-Fi": "wifi_access_point",
    "NAS": "nas",
    "Disque dur externe": "external_hdd",
    "Clé USB": "usb_key",
    "Téléphone IP": "ip_phone",
    "Smartphone": "smartphone",
    "Téléphone mobile": "smartphone",
    "Tablette": "tablet",
    "Tablettes": "tablet",
    "Vidéoprojecteur": "projector",
    "Téléviseur": "tv",
    "ENI": "interactive_display",
    "TBI": "interactive_display",
    "Tout-en-un": "all_in_one",
    "PC fixe": "desktop",
    "Routeur": "router",
}

# Names the brief asks to see in the samples (asserted by the generator).
REQUIRED_NAMES = [
    "Ordinateur portable", "PC portable", "Portables", "laptop", "Unité centrale", "PC fixe",
    "Écran", "écrans", "Moniteur", "Smartphone", "Téléphone mobile", "Tablette",
    "Vidéoprojecteur", "Imprimante", "Imprimante multifonction", "Copieur multifonction", "TBI",
    "ENI", "Écran numérique interactif", "Téléphone IP", "Switch", "Commutateur", "Borne Wi-Fi",
    "Point d'accès Wi-Fi", "Routeur", "Pare-feu", "Serveur", "NAS", "Box internet", "Téléviseur",
    "Client léger", "Tout-en-un", "Disque dur externe", "Clé USB",
]

# Typical lifetimes written by the services when they fill the column.
TYPICAL_LIFETIME = {
    "smartphone": 3, "tablet": 4, "laptop": 5, "desktop": 6, "monitor": 7, "tv": 8,
    "internet_box": 5, "projector": 6, "printer": 5, "external_hdd": 5,
    "external_ssd": 5, "usb_key": 3, "multifunction_printer": 5,
    "interactive_display": 8, "ip_phone": 8, "network_switch": 8,
    "wifi_access_point": 6, "router": 7, "firewall": 6, "server": 6, "nas": 6,
    "thin_client": 7, "all_in_one": 6,
}

CANONICAL_FIELDS = [
    "category", "quantity", "condition", "acquisition_year", "lifetime_years",
    "hours_per_day", "days_per_year", "power_w", "energy_kwh_per_year",
    "country", "department", "label",
]

FR_CONDITION = {"new": "Neuf", "refurbished": "Reconditionné", "reused": "Réemploi"}

# Categories for which the commune's purchasing realistically buys refurbished.
REFURBISHABLE = {"laptop", "desktop", "monitor", "smartphone", "tablet", "ip_phone",
                 "all_in_one", "thin_client", "network_switch"}
# The default dataset models professional refurbishment (ADEME 2022 study) for these only;
# second-hand gear of the other classes is written as reused (réemploi).
WITH_REFURBISHMENT_FACTORS = {"laptop", "desktop", "smartphone", "tablet"}

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

rng = random.Random(SEED)


def pick_name(category: str) -> str:
    names = TOWN_NAMES[category]
    weights = [3] + [1] * (len(names) - 1)
    return rng.choices(names, weights=weights, k=1)[0]


def split(total: int, parts: int, max_part: int = 60) -> list[int]:
    """Split ``total`` into ``parts`` positive integers (each <= max_part)."""
    parts = max(1, min(parts, total))
    parts = max(parts, math.ceil(total / max_part))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    sizes = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    # rebalance anything above max_part (rare with the sizes used here)
    while max(sizes) > max_part:
        i = sizes.index(max(sizes))
        j = sizes.index(min(sizes))
        move = min(sizes[i] - max_part, max_part - sizes[j])
        sizes[i] -= move
        sizes[j] += move
    return sizes


def years_in(lo: int, hi: int, k: int) -> list[int]:
    k = min(k, hi - lo + 1)
    return sorted(rng.sample(range(lo, hi + 1), k))


def fmt_num(v, decimal: str = ".") -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v.is_integer():
            s = str(int(v))
        else:
            s = repr(round(v, 3))
    else:
        s = str(v)
    return s.replace(".", decimal)


def json_num(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


# --------------------------------------------------------------------------
# The town: Montclair (fictional), ~60 000 inhabitants, subject to the loi REEN
# --------------------------------------------------------------------------

town: list[dict] = []


def add(dept: str, category: str, qty: int, year: int, *, cond: str = "new",
        life=None, hours=None, days=None, power=None, kwh=None, country="auto",
        label=None, name=None, lifetime_auto: bool = True) -> dict:
    assert category in REFERENCE_CATEGORIES, category
    assert 1 <= qty <= 60, (dept, category, qty)
    assert 2012 <= year <= 2025, (dept, category, year)
    if life is None and lifetime_auto and rng.random() < 0.5:
        life = TYPICAL_LIFETIME[category] + rng.choice([0, 0, 0, 1, -1])
    line = {
        "category": name or pick_name(category),
        "quantity": qty,
        "condition": cond,
        "acquisition_year": year,
        "lifetime_years": life,
        "hours_per_day": hours,
        "days_per_year": days,
        "power_w": power,
        "energy_kwh_per_year": kwh,
        "country": country,
        "department": dept,
        "label": label,
        "_ref": category,
    }
    town.append(line)
    return line


def condition_for(category: str, year: int, p_refurb: float = 0.36, p_reused: float = 0.0) -> str:
    if category in REFURBISHABLE and year >= 2018:
        r = rng.random()
        if r < p_refurb:
            return "refurbished" if category in WITH_REFURBISHMENT_FACTORS else "reused"
        if r < p_refurb + p_reused:
            return "reused"
    return "new"


def maybe(label: str, p: float = 0.75):
    return label if rng.random() < p else None


LAPTOP_MODELS = ["PC portable 14 pouces", "PC portable 15,6 pouces", "Ultraportable 13 pouces",
                 "PC portable 14\" avec station d'accueil"]
DESKTOP_MODELS = ["Unité centrale format compact", "PC fixe mini-tour", "Unité centrale petit format (SFF)"]
MONITOR_MODELS = ["Écran 24 pouces", "Écran 22 pouces", "Écran 27 pouces", "Moniteur 23,8 pouces"]


def office(dept: str, *, desk: int, laptop_share: float, dual: float, days: int,
           smartphones: int = 0, mfp: int = 1, printers: int = 0, projectors: int = 0,
           usb: int = 0, hdd: int = 0, floor_names=None) -> None:
    """Workstations, screens, phones and printing of an office department."""
    n_lap = round(desk * laptop_share)
    n_desk = desk - n_lap
    # desktops: several purchase waves
    if n_desk:
        waves = 1 if n_desk < 6 else (2 if n_desk < 16 else 3)
        pools = {1: [rng.choice([(2016, 2020), (2019, 2024)])],
                 2: [(2014, 2018), (2020, 2025)],
                 3: [(2012, 2016), (2017, 2020), (2021, 2025)]}[waves]
        for q, (lo, hi) in zip(split(n_desk, waves), pools):
            y = rng.randint(lo, hi)
            add(dept, "desktop", q, y, cond=condition_for("desktop", y),
                hours=rng.choice([8, 8.5, 9, 10]), days=days,
                power=rng.choice([None, None, None, 35, 45, 55]),
                label=maybe(rng.choice(DESKTOP_MODELS)))
    if n_lap:
        waves = 1 if n_lap < 8 else 2
        for q, y in zip(split(n_lap, waves), years_in(2018, 2025, waves)):
            add(dept, "laptop", q, y, cond=condition_for("laptop", y),
                hours=rng.choice([6, 7, 7.5, 8]), days=days,
                label=maybe(rng.choice(LAPTOP_MODELS)))
    # monitors: one per desktop (two for some), one per laptop (docking)
    n_mon = n_desk + round(n_desk * dual) + n_lap
    if n_mon:
        waves = 1 if n_mon < 10 else (2 if n_mon < 30 else 3)
        for q, y in zip(split(n_mon, waves), years_in(2013, 2024, waves)):
            add(dept, "monitor", q, y, cond=condition_for("monitor", y),
                hours=rng.choice([8, 8, 9]), days=days,
                power=rng.choice([None, None, 18, 20, 25]),
                label=maybe(rng.choice(MONITOR_MODELS)))
    # IP phones: the ToIP roll-out of 2018, and a few later
    n_ip = desk
    first = max(1, round(n_ip * 0.8))
    for q, y in ((first, 2018), (n_ip - first, rng.randint(2021, 2024))):
        if q:
            add(dept, "ip_phone", q, y, cond=condition_for("ip_phone", y, p_refurb=0.05),
                hours=24, days=365, power=rng.choice([None, 3, 4]),
                label=maybe("Poste IP PoE", 0.5))
    if smartphones:
        waves = 1 if smartphones < 10 else 2
        for q, y in zip(split(smartphones, waves), years_in(2020, 2025, waves)):
            add(dept, "smartphone", q, y, cond=condition_for("smartphone", y, p_refurb=0.3),
                label=maybe("Smartphone professionnel – flotte mobile", 0.5))
    floors = floor_names or [f"{i}e étage" if i > 1 else "1er étage" for i in range(1, mfp + 1)]
    for i in range(mfp):
        y = rng.randint(2019, 2024)
        measured = rng.random() < 0.35
        add(dept, "multifunction_printer", 1, y,
            hours=None if measured else rng.choice([10, 24]),
            days=None if measured else (days if rng.random() < 0.6 else 365),
            kwh=round(rng.uniform(180, 420), 1) if measured else None,
            label=f"Copieur A3 couleur (location 5 ans) – {floors[i % len(floors)]}")
    if printers:
        y = rng.randint(2012, 2019)
        add(dept, "printer", printers, y, hours=8, days=days,
            label=maybe("Imprimante laser individuelle"))
    if projectors:
        y = rng.randint(2015, 2023)
        add(dept, "projector", projectors, y, hours=rng.choice([1.5, 2, 3]),
            days=rng.choice([120, 150]), power=rng.choice([220, 250, 280]),
            label="Vidéoprojecteur salle de réunion")
    if usb:
        add(dept, "usb_key", usb, rng.randint(2019, 2024), label=maybe("Clés USB 32 Go"))
    if hdd:
        add(dept, "external_hdd", hdd, rng.randint(2016, 2022),
            label=maybe("Disque dur externe 2 To (sauvegardes)"))


def site_network(dept: str, *, switches: int, aps: int, router: int = 0, box: int = 0,
                 year_range=(2015, 2023)) -> None:
    if switches:
        y = rng.randint(*year_range)
        add(dept, "network_switch", switches, y, cond=condition_for("network_switch", y, p_refurb=0.15),
            hours=24, days=365,
            power=rng.choice([None, 30, 45, 60]), label=maybe("Switch 24 ports PoE – baie de brassage"))
    if aps:
        y = rng.randint(max(2017, year_range[0]), year_range[1] + 2)
        add(dept, "wifi_access_point", aps, y, hours=24, days=365,
            power=rng.choice([None, 10, 12]), label=maybe("Borne Wi-Fi 6 plafonnier"))
    if router:
        add(dept, "router", router, rng.randint(2017, 2023), hours=24, days=365,
            label=maybe("Routeur VPN du site"))
    if box:
        add(dept, "internet_box", box, rng.randint(2019, 2024), hours=24, days=365,
            label=maybe("Box fibre professionnelle"))


def build_town() -> dict:
    OFFICE_DAYS = {  # working days a year, per department (220-230)
        "Mairie — accueil": 228, "État civil": 228, "Finances": 225,
        "Ressources humaines": 225, "DSI": 225, "Direction générale": 225,
        "Cabinet du maire": 230, "Urbanisme": 225, "Communication": 225,
        "Affaires scolaires": 222, "Commande publique": 225,
        "Services techniques": 220, "Police municipale": 230, "CCAS": 226,
        "Médiathèque": 230, "Conservatoire": 220, "Centre social": 224,
        "Piscine": 230, "Service des sports": 224, "Petite enfance": 226,
    }

    # ---------------- Hôtel de ville -----------------------------------
    d = "Mairie — accueil"
    office(d, desk=10, laptop_share=0.1, dual=0.0, days=OFFICE_DAYS[d], mfp=1, printers=4,
           floor_names=["hall d'accueil"])
    add(d, "all_in_one", 2, 2022, hours=10, days=290, power=40,
        label="Borne d'accueil tactile – prise de rendez-vous (hall)")
    add(d, "tv", 3, 2021, hours=11, days=290, power=rng.choice([75, 90]),
        label="Écran d'affichage dynamique 55 pouces – hall")

    d = "État civil"
    office(d, desk=14, laptop_share=0.15, dual=0.2, days=OFFICE_DAYS[d], mfp=1, printers=3)
    add(d, "desktop", 2, 2019, hours=8, days=OFFICE_DAYS[d], lifetime_auto=False,
        label="Poste dispositif de recueil (titres d'identité)")
    add(d, "external_hdd", 2, 2017, label="Disques d'archivage registres numérisés")

    d = "Finances"
    office(d, desk=20, laptop_share=0.25, dual=0.6, days=OFFICE_DAYS[d], mfp=2, printers=4, usb=10)
    d = "Commande publique"
    office(d, desk=6, laptop_share=0.5, dual=0.5, days=OFFICE_DAYS[d], mfp=0)
    d = "Ressources humaines"
    office(d, desk=22, laptop_share=0.3, dual=0.4, days=OFFICE_DAYS[d], mfp=2, printers=3,
           projectors=1, hdd=2)
    d = "Direction générale"
    office(d, desk=12, laptop_share=0.7, dual=0.3, days=OFFICE_DAYS[d], smartphones=12, mfp=1,
           projectors=2)
    add(d, "interactive_display", 1, 2023, hours=3, days=200, power=180, name="Écran numérique interactif",
        label="ENI 75 pouces – salle de réunion du 3e étage")

    d = "Cabinet du maire"
    office(d, desk=6, laptop_share=0.7, dual=0.0, days=OFFICE_DAYS[d], smartphones=16, mfp=1,
           floor_names=["cabinet"])
    # the 45 elected councillors: tablets for paperless council meetings
    add(d, "tablet", 40, 2020, lifetime_auto=False, life=6,
        label="Tablettes des élus – conseil municipal dématérialisé (mandat 2020-2026)")
    add(d, "tablet", 5, 2023, cond="refurbished",
        label="Tablettes des élus (remplacements)")
    add(d, "projector", 1, 2017, hours=4, days=40, power=320,
        label="Vidéoprojecteur salle du conseil municipal")
    add(d, "tv", 2, 2019, hours=4, days=40, power=110,
        label="Écrans 65 pouces retransmission du conseil")

    d = "Urbanisme"
    office(d, desk=18, laptop_share=0.2, dual=0.8, days=OFFICE_DAYS[d], smartphones=4, mfp=1,
           printers=1)
    add(d, "printer", 1, 2014, hours=2, days=120, power=140, lifetime_auto=False, life=7,
        label="Traceur grand format A0 (plans)")
    add(d, "tablet", 4, 2022, label="Tablettes durcies – instruction sur le terrain")

    d = "Communication"
    office(d, desk=8, laptop_share=0.5, dual=0.9, days=OFFICE_DAYS[d], smartphones=3, mfp=0, hdd=3)
    add(d, "all_in_one", 2, 2021, hours=9, days=225, label="Poste tout-en-un 27 pouces – PAO")
    add(d, "external_ssd", 2, 2023, label="SSD externes 1 To (photo, vidéo)")

    d = "Affaires scolaires"
    office(d, desk=14, laptop_share=0.2, dual=0.2, days=OFFICE_DAYS[d], smartphones=3, mfp=1,
           printers=2)

    # ---------------- DSI and the server room ---------------------------
    d = "DSI"
    office(d, desk=16, laptop_share=0.75, dual=1.0, days=OFFICE_DAYS[d], smartphones=8, mfp=1,
           usb=60, hdd=4)
    add(d, "laptop", 12, 2024, cond="refurbished", hours=None, days=None,
        label="Parc de prêt / remplacement (stock DSI)")
    add(d, "external_ssd", 4, 2024, label="SSD externes chiffrés (intervention)")
    # server room (salle serveurs de l'hôtel de ville)
    add(d, "server", 3, 2019, hours=24, days=365, power=380, lifetime_auto=False, life=7,
        label="Hôtes de virtualisation 2U (cluster 1)", name="Serveurs")
    add(d, "server", 2, 2024, hours=24, days=365, power=420, lifetime_auto=False, life=7,
        label="Hôtes de virtualisation 2U (cluster 2)", name="Serveur")
    add(d, "server", 1, 2014, hours=24, days=365, kwh=2890.5, lifetime_auto=False, life=5,
        label="Ancien serveur de fichiers (toujours en production)", name="Serveur")
    add(d, "server", 1, 2021, kwh=1752.0, lifetime_auto=False, life=6,
        label="Serveur de sauvegarde – mesure PDU 2024", name="Serveur")
    add(d, "server", 1, 2022, hours=24, days=365, power=310, country="DE", lifetime_auto=False, life=6,
        label="Serveur de sauvegarde externalisé (hébergeur, Francfort)", name="Serveur")
    add(d, "server", 1, 2023, hours=24, days=365, power=290, country="DE",
        label="Serveur de réplication PRA (hébergeur, Francfort)", name="server")
    add(d, "nas", 1, 2020, kwh=412.3, label="NAS de sauvegarde 8 baies – mesure PDU", name="NAS")
    add(d, "nas", 1, 2016, hours=24, days=365, power=48, lifetime_auto=False, life=6,
        label="NAS 4 baies (archives numérisées)", name="NAS")
    add(d, "network_switch", 2, 2021, hours=24, days=365, power=180,
        label="Cœur de réseau – switchs 48 ports 10 Gb/s (empilés)")
    add(d, "network_switch", 12, 2018, hours=24, days=365, power=55, lifetime_auto=False, life=10,
        label="Switchs d'étage 48 ports PoE – hôtel de ville")
    add(d, "network_switch", 4, 2023, hours=24, days=365, power=55,
        label="Switchs d'étage 48 ports PoE – extension")
    add(d, "firewall", 2, 2022, hours=24, days=365, power=65,
        label="Pare-feu en cluster (haute disponibilité)")
    add(d, "firewall", 1, 2015, hours=24, days=365, power=40, lifetime_auto=False, life=6,
        label="Ancien pare-feu conservé en secours")
    add(d, "router", 2, 2020, hours=24, days=365, power=35, label="Routeurs opérateur – lien fibre")
    add(d, "wifi_access_point", 22, 2021, hours=24, days=365, power=12,
        label="Bornes Wi-Fi hôtel de ville (agents et public)")
    add(d, "wifi_access_point", 6, 2016, hours=24, days=365, power=9, lifetime_auto=False, life=6,
        label="Anciennes bornes Wi-Fi (salles annexes)")

    # ---------------- Services techniques (centre technique municipal) ------
    d = "Services techniques"
    office(d, desk=40, laptop_share=0.25, dual=0.3, days=OFFICE_DAYS[d], smartphones=70, mfp=2,
           printers=3, hdd=2, floor_names=["bureau d'études", "ateliers"])
    add(d, "tablet", 18, 2022, label="Tablettes durcies – interventions terrain (GMAO)")
    add(d, "tablet", 6, 2019, cond="reused", label="Tablettes réaffectées – agents des espaces verts")
    add(d, "desktop", 4, 2013, cond="reused", hours=6, days=220, lifetime_auto=False,
        label="Postes d'atelier (anciens postes de la mairie)")
    site_network(d, switches=4, aps=6, router=1)

    # ---------------- Police municipale and video protection ------------
    d = "Police municipale"
    office(d, desk=12, laptop_share=0.3, dual=0.3, days=OFFICE_DAYS[d], smartphones=34, mfp=1)
    add(d, "tablet", 10, 2023, label="Tablettes de verbalisation électronique")
    add(d, "monitor", 16, 2020, hours=24, days=365, power=35,
        label="Mur d'images – centre de supervision urbaine")
    add(d, "desktop", 4, 2020, hours=24, days=365, power=90,
        label="Postes d'exploitation vidéoprotection (24 h/24)")
    add(d, "server", 2, 2020, hours=24, days=365, power=450, lifetime_auto=False, life=7,
        label="Enregistreurs vidéoprotection (NVR)", name="Serveurs")
    add(d, "nas", 1, 2023, kwh=365.0, label="Stockage vidéo 30 jours – mesure", name="NAS")
    site_network(d, switches=3, aps=2, router=1)

    # ---------------- CCAS ------------------------------------------------
    d = "CCAS"
    office(d, desk=30, laptop_share=0.3, dual=0.1, days=OFFICE_DAYS[d], smartphones=22, mfp=2,
           printers=2, projectors=1)
    add(d, "tablet", 8, 2021, cond="refurbished", label="Tablettes – portage de repas et visites à domicile")
    site_network(d, switches=2, aps=3, box=1)

    # ---------------- Médiathèque --------------------------------------------
    d = "Médiathèque"
    office(d, desk=22, laptop_share=0.2, dual=0.0, days=OFFICE_DAYS[d], smartphones=2, mfp=1,
           printers=1, projectors=1)
    # the one line whose lifetime is written 6,5 in the French extract
    add(d, "desktop", 10, 2019, hours=8, days=245, lifetime_auto=False, life=6.5,
        label="Postes publics – espace multimédia", name="Unité centrale")
    add(d, "thin_client", 12, 2021, hours=8, days=245, power=12, name="Client léger",
        label="Postes de consultation du catalogue")
    add(d, "monitor", 22, 2021, hours=8, days=245, label="Écrans des postes publics et du catalogue")
    add(d, "all_in_one", 3, 2020, hours=9, days=245, power=35, label="Automates de prêt et de retour")
    add(d, "laptop", 12, 2022, cond="refurbished", hours=2, days=150,
        label="Portables des ateliers numériques (médiation)")
    add(d, "tablet", 10, 2020, hours=3, days=245, label="Tablettes – ateliers et jeux vidéo")
    add(d, "tv", 2, 2022, hours=6, days=245, power=120, label="Téléviseur 65 pouces – espace jeux vidéo")
    add(d, "multifunction_printer", 1, 2023, hours=24, days=365,
        label="Copieur à monnayeur (public)")
    site_network(d, switches=3, aps=5, router=1)

    # ---------------- Conservatoire ----------------------------------------
    d = "Conservatoire"
    office(d, desk=8, laptop_share=0.4, dual=0.0, days=OFFICE_DAYS[d], mfp=1)
    add(d, "laptop", 10, 2020, hours=3, days=150, label="Portables des professeurs (salle des profs)")
    add(d, "desktop", 6, 2017, hours=4, days=150, power=120, label="Studio de MAO – postes de montage")
    add(d, "monitor", 12, 2017, hours=4, days=150, label="Écrans 27 pouces du studio de MAO")
    tv = add(d, "tv", 2, 2021, hours=3, days=150, power=95,
             label="Téléviseurs salles de formation musicale")
    tv["_quote_quantity"] = True  # quantity written "2" (quoted) in the CSV
    add(d, "projector", 3, 2016, hours=2, days=150, power=260, label="Vidéoprojecteurs (auditorium, salles)")
    site_network(d, switches=2, aps=4, router=1)

    # ---------------- Centre social ---------------------------------------
    d = "Centre social"
    office(d, desk=10, laptop_share=0.3, dual=0.0, days=OFFICE_DAYS[d], smartphones=4, mfp=1)
    public = add(d, "desktop", 8, 2016, cond="reused", hours=6, days=224, lifetime_auto=False,
                 country="France", label="Postes en libre accès (réemploi DSI) – point numérique")
    add(d, "monitor", 8, 2016, cond="reused", hours=6, days=224, label="Écrans du point numérique")
    add(d, "tablet", 6, 2022, cond="refurbished", hours=2, days=224, label="Tablettes ateliers seniors")
    add(d, "projector", 1, 2018, hours=2, days=120, power=240, label="Vidéoprojecteur salle polyvalente")
    site_network(d, switches=1, aps=2, box=1)

    # ---------------- Piscine ---------------------------------------------
    d = "Piscine"
    office(d, desk=4, laptop_share=0.0, dual=0.0, days=OFFICE_DAYS[d], smartphones=3, mfp=1,
           floor_names=["accueil"])
    add(d, "all_in_one", 2, 2019, hours=12, days=330, power=40, label="Postes de caisse (billetterie)")
    add(d, "tv", 2, 2020, hours=12, days=330, power=85, label="Écrans d'affichage horaires et tarifs")
    site_network(d, switches=1, aps=2, box=1)

    # ---------------- Service des sports ---------------------------------
    d = "Service des sports"
    office(d, desk=8, laptop_share=0.4, dual=0.0, days=OFFICE_DAYS[d], smartphones=14, mfp=1)
    site_network(d, switches=2, aps=4, box=3)

    # ---------------- Petite enfance ---------------------------------------
    d = "Petite enfance"
    office(d, desk=16, laptop_share=0.2, dual=0.0, days=OFFICE_DAYS[d], smartphones=6, mfp=2,
           floor_names=["crèche Les Lutins", "multi-accueil Les Petits Pas"])
    add(d, "tablet", 6, 2021, label="Tablettes de pointage des enfants (crèches)")
    site_network(d, switches=2, aps=4, box=2)

    # ---------------- Schools ---------------------------------------------
    elem = [("Jules-Ferry", 14), ("Jean-Jaurès", 12), ("Victor-Hugo", 10), ("Louise-Michel", 15),
            ("Pasteur", 8), ("Jean-Moulin", 11), ("Marie-Curie", 13), ("Les Coteaux", 9),
            ("du Centre", 12), ("Paul-Bert", 10), ("Jacques-Prévert", 16), ("Condorcet", 7)]
    mat = [("Les Écureuils", 7), ("Les Tilleuls", 6), ("Le Petit Prince", 8), ("Les Lilas", 5),
           ("Pauline-Kergomard", 9), ("Les Coquelicots", 6), ("Jean-de-La-Fontaine", 7),
           ("Les Marronniers", 4), ("du Parc", 8), ("Arc-en-ciel", 6), ("George-Sand", 5)]
    schools = []
    for name, classes in elem:
        schools.append((f"École élémentaire {name}", classes, classes * 23 + rng.randint(-8, 8), True))
    for name, classes in mat:
        schools.append((f"École maternelle {name}", classes, classes * 26 + rng.randint(-6, 6), False))
    # fix the total at 5 200 pupils (the figure in communes.json)
    total = sum(s[2] for s in schools)
    last = schools[-1]
    schools[-1] = (last[0], last[1], last[2] + (5200 - total), last[3])
    assert sum(s[2] for s in schools) == 5200

    SCHOOL_DAYS = 144
    for dept, c, pupils, is_elem in schools:
        if is_elem:
            n_tbi = rng.randint(0, c // 2)
            n_eni = c - n_tbi
            if n_tbi:
                y = rng.randint(2012, 2016)
                add(dept, "interactive_display", n_tbi, y, name="TBI", hours=5, days=SCHOOL_DAYS,
                    label=maybe("Tableau blanc interactif (avec vidéoprojecteur)"),
                    lifetime_auto=False, life=rng.choice([None, 8, 10]))
                add(dept, "projector", n_tbi, y, hours=5, days=SCHOOL_DAYS,
                    power=rng.choice([None, 230, 260]), label=maybe("Vidéoprojecteur courte focale des TBI"))
            waves = 1 if n_eni < 6 else 2
            for q, y in zip(split(n_eni, waves), years_in(2019, 2024, waves)):
                add(dept, "interactive_display", q, y,
                    name=rng.choice(["ENI", "Écran numérique interactif", "ENI"]),
                    hours=rng.choice([4.5, 5, 5.5]), days=SCHOOL_DAYS,
                    power=rng.choice([None, 140, 160, 180]),
                    label=maybe("ENI 65 pouces – classe"))
            # teachers' laptops (plan « socle numérique » 2021-2022 for many)
            y = rng.choice([2021, 2021, 2022, 2023, 2024])
            cond = "refurbished" if rng.random() < 0.35 else "new"
            add(dept, "laptop", c, y, cond=cond, hours=6, days=SCHOOL_DAYS,
                label=maybe("PC portable enseignant – un par classe"))
            # mobile class sets of tablets
            for _ in range(1 if c < 12 else 2):
                y = rng.randint(2017, 2023)
                add(dept, "tablet", 16, y, cond=condition_for("tablet", y, p_refurb=0.2),
                    hours=rng.choice([None, 1.5, 2]), days=SCHOOL_DAYS if rng.random() < 0.7 else None,
                    label=maybe("Classe mobile : 16 tablettes et chariot"))
            # computer room / library corner, often old or reused PCs
            if rng.random() < 0.55:
                q = rng.randint(6, 12)
                y = rng.randint(2012, 2017)
                cond = "reused" if rng.random() < 0.35 else "new"
                add(dept, "desktop", q, y, cond=cond, hours=3, days=SCHOOL_DAYS, lifetime_auto=cond == "new",
                    label=maybe("Salle informatique / BCD"))
                add(dept, "monitor", q, y, cond=cond, hours=3, days=SCHOOL_DAYS,
                    label=maybe("Écrans salle informatique"))
            # direction
            y = rng.randint(2016, 2024)
            add(dept, "desktop", 1 if c < 12 else 2, y, cond=condition_for("desktop", y),
                hours=7, days=SCHOOL_DAYS, label="Poste de direction")
            add(dept, "monitor", 1 if c < 12 else 2, y, hours=7, days=SCHOOL_DAYS, label=maybe("Écran direction"))
            add(dept, "multifunction_printer", 1, rng.randint(2018, 2024),
                hours=rng.choice([8, 24]), days=SCHOOL_DAYS if rng.random() < 0.6 else 365,
                label=maybe("Copieur de l'école (salle des maîtres)"))
            add(dept, "ip_phone", 2, rng.choice([2018, 2019]), hours=24, days=365)
            site_network(dept, switches=rng.randint(1, 3), aps=math.ceil(c / 2), box=1,
                         year_range=(2016, 2022))
        else:
            n_eni = rng.randint(1, 2)
            y = rng.randint(2019, 2024)
            add(dept, "interactive_display", n_eni, y, name=rng.choice(["ENI", "Écran numérique interactif"]),
                hours=rng.choice([2, 3]), days=SCHOOL_DAYS, power=rng.choice([None, 150]),
                label=maybe("ENI mobile sur pied – grande section"))
            y = rng.choice([2021, 2022, 2023])
            add(dept, "laptop", c, y, cond="refurbished" if rng.random() < 0.3 else "new",
                hours=4, days=SCHOOL_DAYS, label=maybe("PC portable enseignant"))
            y = rng.randint(2018, 2023)
            add(dept, "tablet", rng.choice([6, 8, 8, 10]), y, cond=condition_for("tablet", y, p_refurb=0.2),
                hours=1, days=SCHOOL_DAYS, label=maybe("Tablettes de la classe (maternelle)"))
            y = rng.randint(2015, 2023)
            add(dept, "desktop", 1, y, cond=condition_for("desktop", y, p_reused=0.1), hours=6,
                days=SCHOOL_DAYS, label="Poste de direction")
            add(dept, "monitor", 1, y, hours=6, days=SCHOOL_DAYS)
            add(dept, "multifunction_printer", 1, rng.randint(2018, 2024), hours=8, days=SCHOOL_DAYS,
                label=maybe("Copieur de l'école"))
            if rng.random() < 0.4:
                add(dept, "projector", 1, rng.randint(2013, 2019), hours=1, days=SCHOOL_DAYS,
                    label="Vidéoprojecteur mobile (salle de motricité)")
            if rng.random() < 0.3:
                add(dept, "tv", 1, rng.randint(2012, 2018), hours=1, days=SCHOOL_DAYS,
                    label="Téléviseur salle de repos / motricité")
            add(dept, "ip_phone", 1, 2019, hours=24, days=365)
            site_network(dept, switches=1, aps=max(2, math.ceil(c / 3)), box=1, year_range=(2016, 2022))

    # ---------------- countries -------------------------------------------
    for line in town:
        if line["country"] == "auto":
            line["country"] = "FR" if rng.random() < 0.7 else None
    return {"schools": schools}


# --------------------------------------------------------------------------
# The village: Saint-Aubin (fictional), ~1 500 inhabitants
# --------------------------------------------------------------------------

VILLAGE_HEADER = ["Type de matériel", "Qté", "État", "Année d'acquisition", "Durée de vie (ans)",
                  "Heures/jour", "Service", "Pays", "Remarque"]

# (name, qty, état, année, durée de vie, heures/jour, service, pays, remarque)
VILLAGE_LINES = [
    ("Unité centrale", 2, "Neuf", 2017, 6, 8, "Secrétariat de mairie", "France", "poste secrétaire + poste urbanisme"),
    ("PC portable", 1, "Neuf", 2021, 5, 7.5, "Secrétariat de mairie", "France", "portable 14 pouces – secrétaire générale"),
    ("PC portable", 1, "reconditionné", 2023, None, 3, "Mairie - élus", "France", "portable du maire"),
    ("écrans", 4, "Neuf", 2017, 7, 8, "Secrétariat de mairie", "FR", "écrans 24 pouces (2 par poste)"),
    ("Écran", 1, "Réemploi", 2022, None, 7.5, "Secrétariat de mairie", "FR", "écran récupéré d’un autre poste, pour le portable"),
    ("Imprimante multifonction", 1, "Neuf", 2019, 5, 24, "Secrétariat de mairie", "France", "copieur couleur en location (contrat 5 ans)"),
    ("imprimante", 1, "Neuf", 2013, 5, 8, "Agence postale communale", "", "vieille laser N&B, marche toujours"),
    ("Box internet", 1, "Neuf", 2022, None, 24, "Secrétariat de mairie", "FR", "fibre depuis 2022"),
    ("Switch", 1, "Neuf", 2017, 8, 24, "Secrétariat de mairie", "FR", "switch 16 ports dans le placard"),
    ("Borne Wi-Fi", 1, "Neuf", 2022, None, 24, "Salle des fêtes", "FR", "wifi public (WiFi4EU)"),
    ("NAS", 1, "Neuf", 2018, 6, 24, "Secrétariat de mairie", "France", "sauvegarde des logiciels métier"),
    ("Disque dur externe", 2, "Neuf", 2020, 5, None, "Secrétariat de mairie", "France", "sauvegarde hebdomadaire; un disque au coffre"),
    ("Clé USB", 6, "Neuf", 2021, None, None, "Secrétariat de mairie", "", ""),
    ("Téléphone IP", 3, "Neuf", 2019, 8, 24, "Secrétariat de mairie", "FR", "standard + 2 postes"),
    ("Smartphone", 1, "Neuf", 2022, 3, None, "Mairie - élus", "FR", "téléphone d'astreinte du maire"),
    ("Téléphone mobile", 1, "reconditionné", 2023, 3, None, "Services techniques", "FR", "agent technique"),
    ("Smartphone", 1, "Occasion", 2021, None, None, "Services techniques", "", "ancien téléphone du maire, réattribué"),
    ("Tablette", 2, "Neuf", 2020, 5, None, "Mairie - élus", "France", "conseil municipal"),
    ("Vidéoprojecteur", 1, "Neuf", 2016, 6, 1.5, "Salle du conseil", "France", "réunions et conseil municipal"),
    ("Téléviseur", 1, "Neuf", 2015, 8, 2, "Salle des fêtes", "France", ""),
    ("PC fixe", 1, "réemploi", 2016, None, 4, "Services techniques", "FR", "ancien poste du secrétariat, réemployé à l'atelier"),
    ("Routeur", 1, "Neuf", 2022, 7, 24, "École", "FR", "routeur académique"),
    ("ENI", 2, "Neuf", 2022, 8, 5, "École", "France", "plan de relance « socle numérique » – CE/CM"),
    ("TBI", 1, "Neuf", 2014, 6.5, 5, "École", "France", "TBI de la classe maternelle, avec son vidéoprojecteur"),
    ("Vidéoprojecteur", 1, "Neuf", 2014, 6, 5, "École", "France", "vidéoprojecteur du TBI"),
    ("Ordinateur portable", 3, "Neuf", 2021, 5, 6, "École", "France", "un portable par enseignant (socle numérique)"),
    ("Tablettes", 12, "Neuf", 2021, 5, 1.5, "École", "France", "classe mobile"),
    ("Unité centrale", 1, "Occasion", 2018, None, 6, "École", "", "poste de direction – don de la communauté de communes"),
    ("Écran", 1, "Occasion", 2018, None, 6, "École", "", ""),
    ("Copieur multifonction", 1, "Neuf", 2020, 5, 8, "École", "FR", "copieur de l'école"),
    ("Box internet", 1, "Neuf", 2021, None, 24, "École", "FR", ""),
    ("Borne Wi-Fi", 2, "Neuf", 2022, 6, 24, "École", "FR", "une par étage"),
    ("Switch", 1, "Neuf", 2022, 8, 24, "École", "FR", ""),
    ("PC portable", 1, "Reconditionné", 2022, 4, 3, "Bibliothèque", "France", "prêt/retours (bénévoles)"),
    ("Tout-en-un", 1, "réemploi", 2015, None, 3, "Bibliothèque", "", "poste public – réemploi mairie"),
    ("Tablette", 2, "Réemploi", 2019, None, 1, "Bibliothèque", "", "anciennes tablettes des élus"),
    ("imprimante", 1, "Neuf", 2018, 5, 1, "Bibliothèque", "France", "jet d'encre"),
]


def village_rows() -> list[list[str]]:
    rows = []
    for t in VILLAGE_LINES:
        name, qty, etat, year, life, hours, service, pays, rem = t
        assert name in VILLAGE_NAMES, name
        rows.append([name, str(qty), etat, str(year), fmt_num(life, ","), fmt_num(hours, ","),
                     service, pays, rem])
    return rows


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

def csv_field(value: str, sep: str, force: bool = False) -> str:
    if force or any(ch in value for ch in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(header: list[str], rows: list[list[str]], sep: str, eol: str,
             forced: set[tuple[int, int]] = frozenset()) -> str:
    buf = io.StringIO()
    buf.write(sep.join(csv_field(h, sep) for h in header) + eol)
    for i, row in enumerate(rows):
        buf.write(sep.join(csv_field(v, sep, (i, j) in forced) for j, v in enumerate(row)) + eol)
    return buf.getvalue()


def town_csv_row(line: dict) -> list[str]:
    out = []
    for f in CANONICAL_FIELDS:
        v = line[f]
        out.append("" if v is None else (v if isinstance(v, str) else fmt_num(v, ".")))
    return out


def town_json(lines: list[dict]) -> str:
    objs = []
    for line in lines:
        o = {}
        for f in CANONICAL_FIELDS:
            v = line[f]
            if v is None:
                continue
            o[f] = json_num(v)
        objs.append(o)
    return json.dumps(objs, ensure_ascii=False, indent=2) + "\n"


EXTRACT_HEADER = ["Catégorie", "Quantité", "État", "Année d'acquisition", "Durée de vie (ans)",
                  "Heures par jour", "Jours par an", "Puissance (W)", "Consommation (kWh/an)",
                  "Pays", "Service"]
EXTRACT_DEPTS = ["Mairie — accueil", "Médiathèque", "Centre social", "École maternelle Les Écureuils"]


def extract_rows(lines: list[dict]) -> list[list[str]]:
    rows = []
    for line in lines:
        if line["department"] not in EXTRACT_DEPTS:
            continue
        rows.append([
            line["category"], str(line["quantity"]), FR_CONDITION[line["condition"]],
            str(line["acquisition_year"]), fmt_num(line["lifetime_years"], ","),
            fmt_num(line["hours_per_day"], ","), fmt_num(line["days_per_year"], ","),
            fmt_num(line["power_w"], ","), fmt_num(line["energy_kwh_per_year"], ","),
            line["country"] or "", line["department"],
        ])
    return rows


def render() -> dict[str, bytes]:
    info = build_town()
    files: dict[str, bytes] = {}

    # village: Excel "CSV UTF-8": BOM, ';', decimal comma, CRLF
    files["village-saint-aubin.csv"] = (
        "\ufeff" + csv_text(VILLAGE_HEADER, village_rows(), ";", "\r\n")).encode("utf-8")

    # town, canonical CSV
    rows = [town_csv_row(l) for l in town]
    forced = {(i, CANONICAL_FIELDS.index("quantity")) for i, l in enumerate(town) if l.get("_quote_quantity")}
    files["ville-montclair.csv"] = csv_text(CANONICAL_FIELDS, rows, ",", "\n", forced).encode("utf-8")
    files["ville-montclair.json"] = town_json(town).encode("utf-8")

    # town extract, Excel CSV (séparateur: point-virgule), Windows-1252
    files["ville-montclair-excel-1252.csv"] = csv_text(
        EXTRACT_HEADER, extract_rows(town), ";", "\r\n").encode("cp1252")  # strict: fails if unencodable

    # category names -> reference category
    names: dict[str, str] = {}
    for l in town:
        prev = names.setdefault(l["category"], l["_ref"])
        assert prev == l["_ref"], l["category"]
    for n, c in VILLAGE_NAMES.items():
        prev = names.setdefault(n, c)
        assert prev == c, n
    used_village = {r[0] for r in village_rows()}
    names = {n: c for n, c in names.items() if n in used_village or any(l["category"] == n for l in town)}
    missing = [n for n in REQUIRED_NAMES if n not in names]
    assert not missing, f"names never written in the samples: {missing}"
    assert set(names.values()) == set(REFERENCE_CATEGORIES), set(REFERENCE_CATEGORIES) - set(names.values())
    cat_rows = sorted(names.items(), key=lambda kv: (kv[1], kv[0]))
    files["category-names.csv"] = csv_text(["name_written", "category"], [list(r) for r in cat_rows],
                                           ",", "\n").encode("utf-8")

    communes = [
        {"id": "village-saint-aubin", "name": "Saint-Aubin (fictional)", "inhabitants": 1500,
         "agents": 6, "pupils": 70, "inventory": "village-saint-aubin.csv"},
        {"id": "ville-montclair", "name": "Montclair (fictional)", "inhabitants": 60000,
         "agents": 900, "pupils": sum(s[2] for s in info["schools"]), "inventory": "ville-montclair.csv"},
    ]
    files["communes.json"] = (json.dumps(communes, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def main(argv: list[str]) -> int:
    check = "--check" in argv
    files = render()
    status = 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = OUT / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                print(f"differs: {path}", file=sys.stderr)
                status = 1
        else:
            path.write_bytes(data)
    if not check:
        n_ref = sum(1 for l in town if l["condition"] == "refurbished")
        n_reu = sum(1 for l in town if l["condition"] == "reused")
        print(f"town: {len(town)} lines, {n_ref} refurbished, {n_reu} reused, "
              f"extract: {len(extract_rows(town))} lines, village: {len(VILLAGE_LINES)} lines")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
