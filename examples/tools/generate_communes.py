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
                                     English canonical headers, with a ``model``
                                     column filled on part of the lines.
* ``ville-montclair.json``          the same lines as a JSON array of objects.
* ``ville-montclair-excel-1252.csv`` an extract of the town as old Excel
                                     "CSV (séparateur: point-virgule)" writes it:
                                     Windows-1252, ``;``, decimal comma, CRLF,
                                     with a ``Modèle`` column.
* ``category-names.csv``            every device type written in the samples ->
                                     the class the classifier reads from the name
                                     alone (a class id of the core's vocabulary,
                                     core/src/classify/vocabulary.rs).
* ``communes.json``                 sizes of the communes (per-capita figures).

Device types are written the way a commune's services write them: a head noun
with its qualifiers ("Écran 24 pouces", "Switch 48 ports", "Copieur
multifonction A3", "Tablettes durcies", "ENI 75 pouces"), school words ("TBI",
"TNI", "VPI", "ENI", "Visualiseur", "Classe mobile") and the devices outside
the classic fleet (onduleurs, caméras de vidéoprotection, badgeuses, bornes
d'accueil, stations d'accueil, casques, webcams, kits de visioconférence...).
Every line carries the class it is meant to be read as (``_class``: what the
type, the model and the qualifiers say to someone who knows the devices); the
generator checks that the name alone reads as that class or one it refines.
"""

from __future__ import annotations

import io
import json
import math
import random
import sys
from pathlib import Path

# The classes, names, models and helpers: communes_vocabulary.py (same folder).
from communes_vocabulary import *  # noqa: F401,F403,E402


# --------------------------------------------------------------------------
# The town: Montclair (fictional), ~60 000 inhabitants, subject to the loi REEN
# --------------------------------------------------------------------------

town: list[dict] = []


def add(dept: str, cls: str, qty: int, year: int, *, cond: str = "new",
        life=None, hours=None, days=None, power=None, kwh=None, country="auto",
        label=None, name=None, model=None, lifetime_auto: bool = True) -> dict:
    """One inventory line, meant as class ``cls`` (what its type, model and
    qualifiers say); its name alone must read as ``cls`` or a class it refines."""
    assert cls in CLASSES, cls
    assert 1 <= qty <= 60, (dept, cls, qty)
    assert 2012 <= year <= 2025, (dept, cls, year)
    name = name or pick_name(cls)
    assert name in NAMES, name
    assert refines_or_is(cls, NAMES[name]), (name, NAMES[name], cls)
    if life is None and lifetime_auto and rng.random() < 0.5:
        life = TYPICAL_LIFETIME.get(cls, TYPICAL_LIFETIME.get(root(cls))) + rng.choice([0, 0, 0, 1, -1])
    line = {
        "category": name,
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
        "model": model,
        "_class": cls,
    }
    town.append(line)
    return line


def condition_for(cls: str, year: int, p_refurb: float = 0.36, p_reused: float = 0.0) -> str:
    """New, or (for a purchase from 2018 on) refurbished or reused.  Outside
    the four families ADEME's study measured, a third of the second-hand
    devices are reused as they are rather than refurbished."""
    family = root(cls)
    if family in REFURBISHABLE and year >= 2018:
        r = rng.random()
        refurbished = p_refurb if family in ADEME_REFURBISHED_FAMILIES else p_refurb * 2 / 3
        if r < refurbished:
            return "refurbished"
        if r < p_refurb + p_reused:
            return "reused"
    return "new"


def monitor_line(dept: str, qty: int, year: int, *, cond: str, hours, days, power=None,
                 label=None, p_sized_name: float = 0.3, p_model: float = 0.3) -> dict:
    """Monitors of one size: the type says the size ("Écran 24 pouces") on some
    lines, the model on others ("Dell P2422H")."""
    size, model = rng.choice(MONITORS)
    if size in (22, 24, 27) and rng.random() < p_sized_name:
        name = rng.choice([f"Écran {size} pouces", f"Écran {size} pouces", f'Écran {size}"'])
        if name not in NAMES:
            name = f"Écran {size} pouces"
    else:
        name = pick_name("monitor")
    label = label or maybe(rng.choice([f"Écran {fr_size(size)} pouces", f"Moniteur {fr_size(size)} pouces"]))
    return add(dept, "monitor", qty, year, cond=cond, hours=hours, days=days, power=power,
               label=label, name=name, model=maybe(model, p_model))


def office(dept: str, *, desk: int, laptop_share: float, dual: float, days: int,
           smartphones: int = 0, mfp: int = 1, printers: int = 0, projectors: int = 0,
           usb: int = 0, hdd: int = 0, docks: bool = False, floor_names=None) -> None:
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
                label=maybe(rng.choice(["Unité centrale format compact", "PC fixe mini-tour",
                                        "Unité centrale petit format (SFF)"])),
                model=maybe(rng.choice(DESKTOP_MODELS), 0.35))
    if n_lap:
        waves = 1 if n_lap < 8 else 2
        for q, y in zip(split(n_lap, waves), years_in(2018, 2025, waves)):
            add(dept, "laptop", q, y, cond=condition_for("laptop", y),
                hours=rng.choice([6, 7, 7.5, 8]), days=days,
                label=maybe(rng.choice(["PC portable 14 pouces", "PC portable 15,6 pouces",
                                        "Ultraportable 13 pouces",
                                        "PC portable 14\" avec station d'accueil"])),
                model=maybe(rng.choice(LAPTOP_MODELS), 0.4))
        if docks:
            y = rng.randint(2020, 2024)
            add(dept, "docking_station", n_lap, y, hours=rng.choice([7, 8]), days=days,
                label=maybe("Stations d'accueil USB-C des portables (bureaux partagés)"),
                model=maybe(rng.choice(DOCK_MODELS), 0.6))
    # monitors: one per desktop (two for some), one per laptop (docking)
    n_mon = n_desk + round(n_desk * dual) + n_lap
    if n_mon:
        waves = 1 if n_mon < 10 else (2 if n_mon < 30 else 3)
        for q, y in zip(split(n_mon, waves), years_in(2013, 2024, waves)):
            monitor_line(dept, q, y, cond=condition_for("monitor", y),
                         hours=rng.choice([8, 8, 9]), days=days,
                         power=rng.choice([None, None, 18, 20, 25]))
    # IP phones: the ToIP roll-out of 2018, and a few later
    n_ip = desk
    first = max(1, round(n_ip * 0.8))
    model = maybe(rng.choice(PHONE_MODELS), 0.35)
    for q, y in ((first, 2018), (n_ip - first, rng.randint(2021, 2024))):
        if q:
            add(dept, "ip_phone", q, y, cond=condition_for("ip_phone", y, p_refurb=0.05),
                hours=24, days=365, power=rng.choice([None, 3, 4]),
                label=maybe("Poste IP PoE", 0.5), model=model)
    if smartphones:
        waves = 1 if smartphones < 10 else 2
        for q, y in zip(split(smartphones, waves), years_in(2020, 2025, waves)):
            add(dept, "smartphone", q, y, cond=condition_for("smartphone", y, p_refurb=0.3),
                label=maybe("Smartphone professionnel – flotte mobile", 0.5),
                model=maybe(rng.choice(SMARTPHONE_MODELS), 0.4))
    floors = floor_names or [f"{i}e étage" if i > 1 else "1er étage" for i in range(1, mfp + 1)]
    for i in range(mfp):
        y = rng.randint(2019, 2024)
        measured = rng.random() < 0.35
        a3_name = rng.random() < 0.3
        model = maybe(rng.choice(COPIER_MODELS), 0.5)
        add(dept, "copier_a3" if a3_name or model else "multifunction_printer", 1, y,
            hours=None if measured else rng.choice([10, 24]),
            days=None if measured else (days if rng.random() < 0.6 else 365),
            kwh=round(rng.uniform(180, 420), 1) if measured else None,
            label=f"Copieur A3 couleur (location 5 ans) – {floors[i % len(floors)]}",
            name=pick_name("copier_a3") if a3_name else pick_name("multifunction_printer"),
            model=model)
    if printers:
        y = rng.randint(2012, 2019)
        laser_name = rng.random() < 0.45
        model = maybe(rng.choice(LASER_MODELS), 0.35)
        add(dept, "laser_printer" if laser_name or model else "printer", printers, y,
            cond=condition_for("printer", y, p_refurb=0.3), hours=8, days=days,
            label=maybe("Imprimante laser individuelle"),
            name=pick_name("laser_printer") if laser_name else pick_name("printer"), model=model)
    if projectors:
        y = rng.randint(2015, 2023)
        add(dept, "projector", projectors, y, hours=rng.choice([1.5, 2, 3]),
            days=rng.choice([120, 150]), power=rng.choice([220, 250, 280]),
            label="Vidéoprojecteur salle de réunion", model=maybe("Epson EB-W51", 0.4))
    if usb:
        add(dept, "usb_key", usb, rng.randint(2019, 2024), label=maybe("Clés USB 32 Go"))
    if hdd:
        add(dept, "external_hdd", hdd, rng.randint(2016, 2022),
            label=maybe("Disque dur externe 2 To (sauvegardes)"))


def site_network(dept: str, *, switches: int, aps: int, router: int = 0, box: int = 0,
                 small: bool = False, year_range=(2015, 2023)) -> None:
    """Network of a site: rack switches in a bay, or desktop switches on a small site."""
    if switches:
        y = rng.randint(*year_range)
        if small:
            name = rng.choice(["Switch 8 ports", "Switch de bureau", "Switch", "Commutateur"])
            model = maybe(rng.choice(DESKTOP_SWITCH_MODELS), 0.4)
            cls = "network_switch" if NAMES[name] == "network_switch" and not model else "network_switch_desktop"
            label = maybe("Petit switch non manageable (bureau)")
            power = rng.choice([None, 5, 8])
        else:
            name = rng.choice(["Switch", "Switch", "Commutateur", "switchs", "Switch 24 ports"])
            model = maybe(rng.choice(RACK_SWITCH_MODELS), 0.4)
            cls = "network_switch" if NAMES[name] == "network_switch" and not model else "network_switch_rack"
            label = maybe("Switch 24 ports PoE – baie de brassage")
            power = rng.choice([None, 30, 45, 60])
        add(dept, cls, switches, y, cond=condition_for(cls, y, p_refurb=0.15),
            hours=24, days=365, power=power, label=label, name=name, model=model)
    if aps:
        y = rng.randint(max(2017, year_range[0]), year_range[1] + 2)
        add(dept, "wifi_access_point", aps, y, hours=24, days=365,
            power=rng.choice([None, 10, 12]), label=maybe("Borne Wi-Fi 6 plafonnier"),
            model=maybe(rng.choice(AP_MODELS), 0.3))
    if router:
        add(dept, "router", router, rng.randint(2017, 2023), hours=24, days=365,
            label=maybe("Routeur VPN du site"), model=maybe("Cisco ISR 1111", 0.3))
    if box:
        add(dept, "internet_box", box, rng.randint(2019, 2024), hours=24, days=365,
            label=maybe("Box fibre professionnelle"), model=maybe("Livebox Pro", 0.3))

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
    add(d, "kiosk", 2, 2022, hours=10, days=290, power=40, name="Borne d'accueil",
        label="Borne d'accueil tactile – prise de rendez-vous (hall)")
    add(d, "signage_display", 3, 2021, hours=11, days=290, power=rng.choice([75, 90]),
        name="Écran d'affichage dynamique", model="Samsung QM55R",
        label="Écrans d'affichage dynamique 55 pouces – hall")
    add(d, "badge_reader", 2, 2019, hours=24, days=365, power=5, name="Badgeuse",
        model="Kelio Visio X7", label="Badgeuses de pointage du personnel (entrée de service)")
    add(d, "dect_phone", 4, 2020, hours=24, days=365, name="Téléphone DECT",
        model="Gigaset S700H PRO", label="Combinés sans fil des agents d'accueil")
    add(d, "headset", 8, 2021, name="Casques téléphoniques", model="Jabra Engage 65",
        label="Micro-casques sans fil – standard et accueil")

    d = "État civil"
    office(d, desk=14, laptop_share=0.15, dual=0.2, days=OFFICE_DAYS[d], mfp=1, printers=3)
    add(d, "desktop", 2, 2019, hours=8, days=OFFICE_DAYS[d], lifetime_auto=False,
        label="Poste dispositif de recueil (titres d'identité)")
    add(d, "external_hdd", 2, 2017, label="Disques d'archivage registres numérisés")
    add(d, "scanner", 2, 2020, hours=3, days=OFFICE_DAYS[d], name="Scanner", model="Fujitsu fi-7160",
        label="Numérisation des actes et des pièces justificatives")

    d = "Finances"
    office(d, desk=20, laptop_share=0.25, dual=0.6, days=OFFICE_DAYS[d], mfp=2, printers=4, usb=10)
    d = "Commande publique"
    office(d, desk=6, laptop_share=0.5, dual=0.5, days=OFFICE_DAYS[d], mfp=0, docks=True)
    d = "Ressources humaines"
    office(d, desk=22, laptop_share=0.3, dual=0.4, days=OFFICE_DAYS[d], mfp=2, printers=3,
           projectors=1, hdd=2)
    d = "Direction générale"
    office(d, desk=12, laptop_share=0.7, dual=0.3, days=OFFICE_DAYS[d], smartphones=12, mfp=1,
           projectors=2, docks=True)
    add(d, "interactive_display_large", 1, 2023, hours=3, days=200, power=180, name="ENI 75 pouces",
        label="Écran numérique interactif – salle de réunion du 3e étage")
    add(d, "videoconference_kit", 2, 2023, name="Barre de visioconférence", model="Poly Studio X50",
        label="Salles de réunion du 3e étage")

    d = "Cabinet du maire"
    office(d, desk=6, laptop_share=0.7, dual=0.0, days=OFFICE_DAYS[d], smartphones=16, mfp=1,
           docks=True, floor_names=["cabinet"])
    # the 45 elected councillors: tablets for paperless council meetings
    add(d, "tablet", 40, 2020, lifetime_auto=False, life=6, model="Apple iPad (8e génération)",
        label="Tablettes des élus – conseil municipal dématérialisé (mandat 2020-2026)")
    add(d, "tablet", 5, 2023, cond="refurbished",
        label="Tablettes des élus (remplacements)")
    add(d, "projector", 1, 2017, hours=4, days=40, power=320,
        label="Vidéoprojecteur salle du conseil municipal")
    add(d, "tv", 2, 2019, hours=4, days=40, power=110,
        label="Écrans 65 pouces retransmission du conseil")
    add(d, "videoconference_kit", 1, 2022, name="Kit de visioconférence", model="Logitech Rally Bar",
        label="Salle du conseil municipal – séances en visio et retransmission")

    d = "Urbanisme"
    office(d, desk=18, laptop_share=0.2, dual=0.8, days=OFFICE_DAYS[d], smartphones=4, mfp=1,
           printers=1)
    add(d, "printer", 1, 2014, hours=2, days=120, power=140, lifetime_auto=False, life=7,
        label="Traceur grand format A0 (plans)")
    add(d, "scanner", 1, 2016, hours=1, days=120, name="Scanner grand format",
        label="Numérisation des plans (A0) – archives du droit des sols")
    add(d, "rugged_tablet", 4, 2022, name="Tablette durcie",
        label="Instruction et contrôle sur le terrain")

    d = "Communication"
    office(d, desk=8, laptop_share=0.5, dual=0.9, days=OFFICE_DAYS[d], smartphones=3, mfp=0, hdd=3,
           docks=True)
    add(d, "all_in_one", 2, 2021, hours=9, days=225, model="Apple iMac 27 (2020)",
        label="Poste tout-en-un 27 pouces – PAO")
    add(d, "external_ssd", 2, 2023, label="SSD externes 1 To (photo, vidéo)")

    d = "Affaires scolaires"
    office(d, desk=14, laptop_share=0.2, dual=0.2, days=OFFICE_DAYS[d], smartphones=3, mfp=1,
           printers=2)

    # ---------------- DSI and the server room ---------------------------
    d = "DSI"
    office(d, desk=16, laptop_share=0.75, dual=1.0, days=OFFICE_DAYS[d], smartphones=8, mfp=1,
           usb=60, hdd=4, docks=True)
    add(d, "laptop", 12, 2024, cond="refurbished", hours=None, days=None,
        label="Parc de prêt / remplacement (stock DSI)")
    add(d, "laptop", 8, 2024, cond="repaired", life=3, lifetime_auto=False, name="PC portable",
        model="Dell Latitude 5490",
        label="Portables de 2018 gardés : batterie et SSD remplacés en 2024 (3 ans de plus)")
    add(d, "external_ssd", 4, 2024, label="SSD externes chiffrés (intervention)")
    add(d, "webcam", 25, 2020, name="Webcams", model="Logitech C920",
        label="Webcams – télétravail (2020)")
    add(d, "headset", 40, 2020, name="Micro-casques", model="Jabra Evolve2 40",
        label="Micro-casques USB – télétravail et réunions en ligne")
    # server room (salle serveurs de l'hôtel de ville)
    add(d, "server", 3, 2019, hours=24, days=365, power=380, lifetime_auto=False, life=7,
        label="Hôtes de virtualisation 2U (cluster 1)", name="Serveurs", model="Dell PowerEdge R740")
    add(d, "server", 2, 2024, hours=24, days=365, power=420, lifetime_auto=False, life=7,
        label="Hôtes de virtualisation 2U (cluster 2)", name="Serveur", model="Dell PowerEdge R760")
    add(d, "server", 2, 2023, cond="refurbished", hours=24, days=365, power=300,
        label="Serveurs de recette et de test (reconditionnés)", name="Serveurs",
        model="Dell PowerEdge R640")
    add(d, "server", 1, 2014, hours=24, days=365, kwh=2890.5, lifetime_auto=False, life=5,
        label="Ancien serveur de fichiers (toujours en production)", name="Serveur",
        model="HP ProLiant DL380p Gen8")
    add(d, "server", 1, 2021, kwh=1752.0, lifetime_auto=False, life=6,
        label="Serveur de sauvegarde – mesure PDU 2024", name="Serveur")
    add(d, "server", 1, 2022, hours=24, days=365, power=310, country="DE", lifetime_auto=False, life=6,
        label="Serveur de sauvegarde externalisé (hébergeur, Francfort)", name="Serveur")
    add(d, "server", 1, 2023, hours=24, days=365, power=290, country="DE",
        label="Serveur de réplication PRA (hébergeur, Francfort)", name="server")
    add(d, "nas", 1, 2020, kwh=412.3, label="NAS de sauvegarde 8 baies – mesure PDU", name="NAS",
        model="Synology RS1221+")
    add(d, "nas", 1, 2016, hours=24, days=365, power=48, lifetime_auto=False, life=6,
        label="NAS 4 baies (archives numérisées)", name="NAS")
    add(d, "ups", 2, 2019, hours=24, days=365, power=180, name="Onduleur",
        model="APC Smart-UPS SRT 6000", label="Onduleurs de la salle serveurs (double alimentation)")
    add(d, "ups", 26, 2018, hours=24, days=365, name="Onduleurs", model="APC Smart-UPS 1500",
        label="Onduleurs des baies de brassage (sites et écoles)")
    add(d, "network_switch_rack", 2, 2021, hours=24, days=365, power=180, name="Switchs de cœur",
        model="Aruba CX 6300M", label="Cœur de réseau – switchs 48 ports 10 Gb/s (empilés)")
    add(d, "network_switch_rack", 12, 2018, hours=24, days=365, power=55, lifetime_auto=False,
        life=10, name="Switch 48 ports", model="Aruba 2930F-48G-PoE+",
        label="Switchs d'étage PoE – hôtel de ville")
    add(d, "network_switch_rack", 4, 2023, cond="refurbished", hours=24, days=365, power=55,
        name="Switchs 48 ports", label="Switchs d'étage PoE – extension (reconditionnés)")
    add(d, "firewall", 2, 2022, hours=24, days=365, power=65, model="Fortinet FortiGate 200F",
        label="Pare-feu en cluster (haute disponibilité)")
    add(d, "firewall", 1, 2015, hours=24, days=365, power=40, lifetime_auto=False, life=6,
        label="Ancien pare-feu conservé en secours")
    add(d, "router", 2, 2020, hours=24, days=365, power=35, label="Routeurs opérateur – lien fibre")
    add(d, "ipbx", 1, 2018, hours=24, days=365, power=60, name="Autocommutateur",
        label="IPBX de la téléphonie sur IP (déploiement 2018)")
    add(d, "wifi_access_point", 22, 2021, hours=24, days=365, power=12, model="Aruba AP-505",
        label="Bornes Wi-Fi hôtel de ville (agents et public)")
    add(d, "wifi_access_point", 6, 2016, hours=24, days=365, power=9, lifetime_auto=False, life=6,
        label="Anciennes bornes Wi-Fi (salles annexes)")

    # ---------------- Services techniques (centre technique municipal) ------
    d = "Services techniques"
    office(d, desk=40, laptop_share=0.25, dual=0.3, days=OFFICE_DAYS[d], smartphones=70, mfp=2,
           printers=3, hdd=2, floor_names=["bureau d'études", "ateliers"])
    add(d, "rugged_tablet", 18, 2022, name="Tablettes durcies", model="Samsung Galaxy Tab Active3",
        label="Interventions terrain (GMAO)")
    add(d, "tablet", 6, 2019, cond="reused", label="Tablettes réaffectées – agents des espaces verts")
    add(d, "rugged_laptop", 2, 2022, name="Portable durci", model="Dell Latitude 5430 Rugged",
        label="Diagnostic des véhicules – atelier mécanique")
    add(d, "desktop", 4, 2013, cond="reused", hours=6, days=220, lifetime_auto=False,
        label="Postes d'atelier (anciens postes de la mairie)")
    add(d, "smartphone", 10, 2025, cond="repaired", life=2, lifetime_auto=False, name="Smartphones",
        label="Écran ou batterie remplacés en 2025 (gardés 2 ans de plus)")
    add(d, "badge_reader", 2, 2017, hours=24, days=365, name="Pointeuse",
        label="Badgeuses des ateliers et du magasin")
    add(d, "dect_phone", 8, 2019, hours=24, days=365, name="Téléphones DECT", model="Yealink W73H",
        label="Combinés des ateliers et du magasin")
    add(d, "laser_printer", 2, 2023, cond="refurbished", hours=4, days=OFFICE_DAYS[d],
        name="Imprimantes laser", label="Imprimantes reconditionnées – ateliers")
    site_network(d, switches=4, aps=6, router=1)

    # ---------------- Police municipale and video protection ------------
    d = "Police municipale"
    office(d, desk=12, laptop_share=0.3, dual=0.3, days=OFFICE_DAYS[d], smartphones=34, mfp=1)
    add(d, "tablet", 10, 2023, label="Tablettes de verbalisation électronique")
    add(d, "rugged_laptop", 4, 2021, hours=10, days=OFFICE_DAYS[d], name="PC portable durci",
        model="Panasonic Toughbook 55", label="Postes embarqués des véhicules de patrouille")
    add(d, "monitor", 16, 2020, hours=24, days=365, power=35,
        label="Mur d'images – centre de supervision urbaine")
    add(d, "desktop", 4, 2020, hours=24, days=365, power=90,
        label="Postes d'exploitation vidéoprotection (24 h/24)")
    add(d, "server", 2, 2020, hours=24, days=365, power=450, lifetime_auto=False, life=7,
        label="Enregistreurs vidéoprotection (NVR)", name="Serveurs")
    add(d, "nas", 1, 2023, kwh=365.0, label="Stockage vidéo 30 jours – mesure", name="NAS")
    add(d, "ip_camera", 42, 2019, hours=24, days=365, power=10, name="Caméra de vidéoprotection",
        model="Axis P3245-LVE", label="Caméras fixes de voie publique (1re tranche CSU)")
    add(d, "ip_camera", 18, 2023, hours=24, days=365, power=25, name="Caméras de vidéoprotection",
        model="Axis Q6135-LE", label="Caméras dôme motorisées (PTZ) – 2e tranche")
    add(d, "ip_camera", 12, 2015, hours=24, days=365, power=12, lifetime_auto=False, life=8,
        name="Caméra dôme", label="Anciennes caméras des parkings (avant le CSU)")
    add(d, "ups", 1, 2020, hours=24, days=365, name="Onduleur", model="Eaton 9PX 3000",
        label="Onduleur du centre de supervision urbaine")
    add(d, "firewall_desktop", 1, 2021, hours=24, days=365, power=15, name="Pare-feu",
        model="Fortinet FortiWiFi 40F", label="Pare-feu du poste de police (site distant)")
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
        model="Dell Wyse 5070", label="Postes de consultation du catalogue")
    add(d, "monitor", 22, 2021, hours=8, days=245, model="Dell P2422H",
        label="Écrans des postes publics et du catalogue")
    add(d, "kiosk", 3, 2020, hours=9, days=245, power=35, name="Borne de prêt",
        label="Automates de prêt et de retour (RFID)")
    add(d, "kiosk", 1, 2023, hours=9, days=245, power=60, name="Borne interactive",
        label="Borne de découverte des ressources numériques – espace jeunesse")
    add(d, "laptop", 12, 2022, cond="refurbished", hours=2, days=150,
        label="Portables des ateliers numériques (médiation)")
    add(d, "tablet", 10, 2020, hours=3, days=245, label="Tablettes – ateliers et jeux vidéo")
    add(d, "tv", 2, 2022, hours=6, days=245, power=120, label="Téléviseur 65 pouces – espace jeux vidéo")
    add(d, "multifunction_printer", 1, 2023, hours=24, days=365,
        label="Copieur à monnayeur (public)")
    add(d, "firewall_desktop", 1, 2020, hours=24, days=365, power=18, name="Firewall",
        model="Fortinet FortiWiFi 60E", label="Wi-Fi public filtré de la médiathèque")
    site_network(d, switches=3, aps=5, router=1)

    # ---------------- Conservatoire ----------------------------------------
    d = "Conservatoire"
    office(d, desk=8, laptop_share=0.4, dual=0.0, days=OFFICE_DAYS[d], mfp=1)
    add(d, "laptop", 10, 2020, hours=3, days=150, label="Portables des professeurs (salle des profs)")
    add(d, "desktop", 6, 2017, hours=4, days=150, power=120, label="Studio de MAO – postes de montage")
    add(d, "monitor", 12, 2017, hours=4, days=150, name="Écran 27 pouces",
        label="Écrans du studio de MAO")
    tv = add(d, "tv", 2, 2021, hours=3, days=150, power=95,
             label="Téléviseurs salles de formation musicale")
    tv["_quote_quantity"] = True  # quantity written "2" (quoted) in the CSV
    add(d, "projector", 3, 2016, hours=2, days=150, power=260, label="Vidéoprojecteurs (auditorium, salles)")
    site_network(d, switches=2, aps=4, router=1)

    # ---------------- Centre social ---------------------------------------
    d = "Centre social"
    office(d, desk=10, laptop_share=0.3, dual=0.0, days=OFFICE_DAYS[d], smartphones=4, mfp=1)
    add(d, "desktop", 8, 2016, cond="reused", hours=6, days=224, lifetime_auto=False,
        country="France", label="Postes en libre accès (réemploi DSI) – point numérique")
    add(d, "monitor", 8, 2016, cond="reused", hours=6, days=224, label="Écrans du point numérique")
    add(d, "tablet", 6, 2022, cond="refurbished", hours=2, days=224, label="Tablettes ateliers seniors")
    add(d, "projector", 1, 2018, hours=2, days=120, power=240, label="Vidéoprojecteur salle polyvalente")
    add(d, "webcam", 2, 2021, name="Webcam", label="Point visio France services (rendez-vous à distance)")
    site_network(d, switches=1, aps=2, box=1, small=True)

    # ---------------- Piscine ---------------------------------------------
    d = "Piscine"
    office(d, desk=4, laptop_share=0.0, dual=0.0, days=OFFICE_DAYS[d], smartphones=3, mfp=1,
           floor_names=["accueil"])
    add(d, "all_in_one", 2, 2019, hours=12, days=330, power=40, label="Postes de caisse (billetterie)")
    add(d, "signage_display", 2, 2020, hours=12, days=330, power=85, name="Affichage dynamique",
        label="Écrans d'affichage horaires et tarifs")
    add(d, "ip_camera", 4, 2022, hours=24, days=365, power=8, name="Caméra IP",
        model="Hikvision DS-2CD2143G2-I", label="Caméras du hall et du parking")
    add(d, "dect_phone", 3, 2021, hours=24, days=365, name="Poste DECT",
        label="Combinés des maîtres-nageurs")
    site_network(d, switches=1, aps=2, box=1, small=True)

    # ---------------- Service des sports ---------------------------------
    d = "Service des sports"
    office(d, desk=8, laptop_share=0.4, dual=0.0, days=OFFICE_DAYS[d], smartphones=14, mfp=1)
    site_network(d, switches=2, aps=4, box=3)

    # ---------------- Petite enfance ---------------------------------------
    d = "Petite enfance"
    office(d, desk=16, laptop_share=0.2, dual=0.0, days=OFFICE_DAYS[d], smartphones=6, mfp=2,
           floor_names=["crèche Les Lutins", "multi-accueil Les Petits Pas"])
    add(d, "tablet", 6, 2021, label="Tablettes de pointage des enfants (crèches)")
    site_network(d, switches=2, aps=4, box=2, small=True)

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

    # Interactive screens of a class: (name, model, size in inches).  A size in
    # the type or in the model tells a small (<= 65") from a large (>= 70") one.
    ENI_KINDS = [("ENI", None, None), ("ENI", None, None), ("Écran numérique interactif", None, None),
                 ("ENI 65 pouces", None, 65), ('Écran numérique interactif 65"', None, 65),
                 ("ENI 75 pouces", None, 75), ("ENI", "Promethean ActivPanel 65", 65),
                 ("ENI", "Clevertouch UX Pro 75", 75)]
    # Élémentaires with a class set of Chromebooks (pilot of the 2023 school digital plan).
    CHROMEBOOKS = {"École élémentaire Louise-Michel": (30, 2023, "Chromebook", "Acer Chromebook Spin 511"),
                   "École élémentaire Jacques-Prévert": (16, 2024, "Chromebooks", None),
                   "École élémentaire Condorcet": (16, 2023, "Chromebooks", "Lenovo 300e Chromebook Gen 3")}

    SCHOOL_DAYS = 144
    for dept, c, pupils, is_elem in schools:
        if is_elem:
            # the older classes have an interactive whiteboard: a board and its
            # short-throw projector, written "TBI" (or "TNI") — read as the projector
            n_tbi = rng.randint(0, c // 2)
            n_eni = c - n_tbi
            if n_tbi:
                y = rng.randint(2012, 2016)
                add(dept, "projector", n_tbi, y, name=rng.choice(["TBI", "TBI", "TBI", "TNI"]),
                    hours=5, days=SCHOOL_DAYS, power=rng.choice([None, 230, 260]),
                    label=maybe("Tableau blanc interactif (avec vidéoprojecteur courte focale)"),
                    lifetime_auto=False, life=rng.choice([None, 8, 10]))
            # a few classes got an interactive projector (VPI) between the two
            if n_eni > 2 and rng.random() < 0.3:
                n_vpi = rng.randint(1, 2)
                n_eni -= n_vpi
                add(dept, "projector", n_vpi, rng.randint(2017, 2019), name="VPI", hours=5,
                    days=SCHOOL_DAYS, power=rng.choice([None, 290]),
                    label=maybe("Vidéoprojecteur interactif (stylets)"),
                    model=maybe("Epson EB-695Wi", 0.5))
            waves = 1 if n_eni < 6 else 2
            for q, y in zip(split(n_eni, waves), years_in(2019, 2024, waves)):
                eni_name, eni_model, size = rng.choice(ENI_KINDS)
                cls = {None: "interactive_display", 65: "interactive_display_small",
                       75: "interactive_display_large"}[size]
                add(dept, cls, q, y, name=eni_name, model=eni_model,
                    hours=rng.choice([4.5, 5, 5.5]), days=SCHOOL_DAYS,
                    power=rng.choice({None: [None, 140, 160, 180], 65: [None, 140, 160],
                                      75: [None, 180, 200]}[size]),
                    label=maybe("Écran numérique interactif – classe"))
            # document cameras with the screens (plan « socle numérique »)
            if rng.random() < 0.6:
                add(dept, "document_camera", rng.randint(2, max(2, n_eni)), rng.choice([2021, 2022]),
                    hours=rng.choice([None, 1]), days=SCHOOL_DAYS, label=maybe("Visualiseurs des classes ENI"),
                    model=maybe("IPEVO V4K", 0.4))
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
            if dept in CHROMEBOOKS:
                q, y, name, model = CHROMEBOOKS[dept]
                add(dept, "chromebook", q, y, name=name, model=model, hours=1.5, days=SCHOOL_DAYS,
                    label="Chromebooks en chariot (cycle 3)")
            if dept == "École élémentaire Jean-Jaurès":
                # a cart of laptops, written by what it is called in the school
                add(dept, "laptop", 15, 2019, name="Classe mobile", hours=1.5, days=SCHOOL_DAYS,
                    label="Classe mobile : 15 portables et chariot")
            if dept in ("École élémentaire Jules-Ferry", "École élémentaire Marie-Curie"):
                add(dept, "headset", 16, 2021, name="Casques audio",
                    label="Casques de la classe mobile (langues vivantes)")
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
                label=maybe("Copieur de l'école (salle des maîtres)"),
                model=maybe("Brother MFC-L8900CDW", 0.25))
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
            site_network(dept, switches=1, aps=max(2, math.ceil(c / 3)), box=1, small=True,
                         year_range=(2016, 2022))

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
    ("Station d'accueil", 1, "Neuf", 2021, None, 7.5, "Secrétariat de mairie", "France", "pour le portable de la secrétaire générale"),
    ("PC portable", 1, "reconditionné", 2023, None, 3, "Mairie - élus", "France", "portable du maire"),
    ("écrans", 4, "Neuf", 2017, 7, 8, "Secrétariat de mairie", "FR", "écrans 24 pouces (2 par poste)"),
    ("Écran", 1, "Réemploi", 2022, None, 7.5, "Secrétariat de mairie", "FR", "écran récupéré d’un autre poste, pour le portable"),
    ('Écran 27"', 1, "Reconditionné", 2024, None, 6, "Secrétariat de mairie", "FR", "pour lire les plans (urbanisme)"),
    ("Webcam", 1, "Neuf", 2020, None, None, "Secrétariat de mairie", "", "visio avec la préfecture et la communauté de communes"),
    ("Imprimante multifonction", 1, "Neuf", 2019, 5, 24, "Secrétariat de mairie", "France", "copieur couleur en location (contrat 5 ans)"),
    ("Imprimante laser", 1, "Neuf", 2013, 5, 8, "Agence postale communale", "", "vieille laser N&B, marche toujours"),
    ("Ordinateur portable", 1, "réparé", 2024, 3, 6, "Agence postale communale", "", "portable de 2017 gardé : batterie et disque changés en 2024"),
    ("Box internet", 1, "Neuf", 2022, None, 24, "Secrétariat de mairie", "FR", "fibre depuis 2022"),
    ("Switch 16 ports", 1, "Neuf", 2017, 8, 24, "Secrétariat de mairie", "FR", "dans le placard"),
    ("Onduleur", 1, "Neuf", 2018, None, 24, "Secrétariat de mairie", "FR", "protège le NAS, la box et le switch"),
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
    ("Visualiseur", 2, "Neuf", 2022, None, None, "École", "France", "avec les ENI (socle numérique)"),
    ("TBI", 1, "Neuf", 2014, 6.5, 5, "École", "France", "classe maternelle : le tableau et son vidéoprojecteur"),
    ("Ordinateur portable", 3, "Neuf", 2021, 5, 6, "École", "France", "un portable par enseignant (socle numérique)"),
    ("Tablettes", 12, "Neuf", 2021, 5, 1.5, "École", "France", "classe mobile"),
    ("Unité centrale", 1, "Occasion", 2018, None, 6, "École", "", "poste de direction – don de la communauté de communes"),
    ("Écran", 1, "Occasion", 2018, None, 6, "École", "", ""),
    ("Copieur multifonction", 1, "Neuf", 2020, 5, 8, "École", "FR", "copieur de l'école"),
    ("Téléphone sans fil", 1, "Neuf", 2016, None, 24, "École", "", "DECT de la directrice, dans la cour"),
    ("Box internet", 1, "Neuf", 2021, None, 24, "École", "FR", ""),
    ("Borne Wi-Fi", 2, "Neuf", 2022, 6, 24, "École", "FR", "une par étage"),
    ("Switch", 1, "Neuf", 2022, 8, 24, "École", "FR", ""),
    ("PC portable", 1, "Reconditionné", 2022, 4, 3, "Bibliothèque", "France", "prêt/retours (bénévoles)"),
    ("Tout-en-un", 1, "réemploi", 2015, None, 3, "Bibliothèque", "", "poste public – réemploi mairie"),
    ("Tablette", 2, "Réemploi", 2019, None, 1, "Bibliothèque", "", "anciennes tablettes des élus"),
    ("Imprimante jet d'encre", 1, "Neuf", 2018, 5, 1, "Bibliothèque", "France", ""),
]


def village_rows() -> list[list[str]]:
    rows = []
    for t in VILLAGE_LINES:
        name, qty, etat, year, life, hours, service, pays, rem = t
        assert name in NAMES, name
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
                  "Pays", "Service", "Modèle"]
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
            line["country"] or "", line["department"], line["model"] or "",
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

    # device types written -> the class each name alone reads as
    written = [l["category"] for l in town] + [r[0] for r in village_rows()]
    names = {n: NAMES[n] for n in sorted(set(written))}
    missing = [n for n in REQUIRED_NAMES if n not in names]
    assert not missing, f"names never written in the samples: {missing}"
    meant = {l["_class"] for l in town} | {NAMES[r[0]] for r in village_rows()}
    assert meant == set(CLASSES), f"classes no line is meant as: {sorted(set(CLASSES) - meant)}"
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
        n_rep = sum(1 for l in town if l["condition"] == "repaired")
        n_mod = sum(1 for l in town if l["model"])
        n_na = sum(1 for l in town if l["_class"] in WITHOUT_FIGURES)
        print(f"town: {len(town)} lines ({sum(l['quantity'] for l in town)} devices), "
              f"{n_ref} refurbished, {n_reu} reused, {n_rep} repaired, {n_mod} with a model, "
              f"{n_na} of classes without figures; "
              f"extract: {len(extract_rows(town))} lines, village: {len(VILLAGE_LINES)} lines")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
