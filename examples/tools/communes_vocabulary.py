"""The sample communes' vocabulary and helpers: the classes a commune owns and the names its
services write for them, typical lifetimes, model names, the seeded random generator and the
number formats of the files (used by generate_communes.py)."""

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
# Classes and the names people write for them
# --------------------------------------------------------------------------

# Every class of the core's vocabulary (core/src/classify/vocabulary.rs) -> the
# class it refines.  A line is meant as one of these; the samples use them all.
CLASSES: dict[str, str | None] = {
    "laptop": None, "chromebook": "laptop", "rugged_laptop": "laptop",
    "desktop": None, "all_in_one": None, "thin_client": None,
    "tablet": None, "rugged_tablet": "tablet",
    "smartphone": None, "ip_phone": None, "dect_phone": "ip_phone", "ipbx": None,
    "monitor": None, "tv": None, "signage_display": "tv",
    "interactive_display": None, "interactive_display_small": "interactive_display",
    "interactive_display_large": "interactive_display",
    "projector": None, "document_camera": None,
    "printer": None, "laser_printer": "printer",
    "multifunction_printer": None, "copier_a3": "multifunction_printer", "scanner": None,
    "network_switch": None, "network_switch_rack": "network_switch",
    "network_switch_desktop": "network_switch",
    "router": None, "firewall": None, "firewall_desktop": "firewall",
    "wifi_access_point": None, "internet_box": None,
    "server": None, "nas": None, "external_hdd": None, "external_ssd": None, "usb_key": None,
    "ups": None, "ip_camera": None, "badge_reader": None, "kiosk": None,
    "docking_station": None, "webcam": None, "headset": None, "videoconference_kit": None,
}

# Classes the default dataset has no figure for: their lines are evaluated as
# "not available" and counted, never rejected.
WITHOUT_FIGURES = {"ups", "docking_station", "scanner", "webcam", "headset", "document_camera",
                   "videoconference_kit", "ipbx"}


def root(cls: str) -> str:
    while CLASSES[cls] is not None:
        cls = CLASSES[cls]
    return cls


def refines_or_is(cls: str, of: str) -> bool:
    c: str | None = cls
    while c is not None:
        if c == of:
            return True
        c = CLASSES[c]
    return False


# Every device type written in the samples -> the class its name alone reads
# as.  A line's model or a qualifier may refine it ("Switch" with the model
# "Aruba 2930F-48G" is a rack switch, "Imprimante" with "Brother HL-L2350DW" a
# laser printer), never contradict it.
NAMES: dict[str, str] = {
    # terminals
    "PC portable": "laptop", "Ordinateur portable": "laptop", "Portables": "laptop",
    "laptop": "laptop", "Classe mobile": "laptop",
    "Chromebook": "chromebook", "Chromebooks": "chromebook",
    "PC portable durci": "rugged_laptop", "Portable durci": "rugged_laptop",
    "Unité centrale": "desktop", "PC fixe": "desktop", "Ordinateur fixe": "desktop",
    "desktop": "desktop",
    "Tout-en-un": "all_in_one", "PC tout-en-un": "all_in_one",
    "Client léger": "thin_client", "Clients légers": "thin_client",
    "Tablette": "tablet", "Tablettes": "tablet", "tablet": "tablet",
    "Tablettes durcies": "rugged_tablet", "Tablette durcie": "rugged_tablet",
    "Borne d'accueil": "kiosk", "Borne interactive": "kiosk", "Borne de prêt": "kiosk",
    # telephony
    "Smartphone": "smartphone", "Téléphone mobile": "smartphone", "Smartphones": "smartphone",
    "smartphone": "smartphone",
    "Téléphone IP": "ip_phone", "Poste téléphonique IP": "ip_phone",
    "Téléphone DECT": "dect_phone", "Téléphones DECT": "dect_phone", "Poste DECT": "dect_phone",
    "Téléphone sans fil": "dect_phone",
    "Autocommutateur": "ipbx",
    # displays
    "Écran": "monitor", "écrans": "monitor", "Moniteur": "monitor", "ECRAN": "monitor",
    "Écran 22 pouces": "monitor", "Écran 24 pouces": "monitor", "Écran 27 pouces": "monitor",
    'Écran 24"': "monitor", 'Écran 27"': "monitor",
    "Téléviseur": "tv", "TV": "tv",
    "Écran d'affichage dynamique": "signage_display", "Affichage dynamique": "signage_display",
    "ENI": "interactive_display", "Écran numérique interactif": "interactive_display",
    "ENI 65 pouces": "interactive_display_small",
    'Écran numérique interactif 65"': "interactive_display_small",
    "ENI 75 pouces": "interactive_display_large",
    "Vidéoprojecteur": "projector", "Vidéoprojecteurs": "projector", "videoprojecteur": "projector",
    # an interactive whiteboard is read as its projector (the board has no figure)
    "TBI": "projector", "TNI": "projector", "VPI": "projector",
    "Visualiseur": "document_camera", "Visualiseurs": "document_camera",
    # printing
    "Imprimante": "printer", "Imprimantes": "printer", "printer": "printer",
    "Imprimante jet d'encre": "printer",
    "Imprimante laser": "laser_printer", "Imprimantes laser": "laser_printer",
    "Copieur multifonction": "multifunction_printer",
    "Imprimante multifonction": "multifunction_printer", "Multifonction": "multifunction_printer",
    "Copieur multifonction A3": "copier_a3", "Copieur A3": "copier_a3",
    "Scanner": "scanner", "Scanner grand format": "scanner",
    # network
    "Switch": "network_switch", "Commutateur": "network_switch", "switchs": "network_switch",
    "Switch 24 ports": "network_switch_rack", "Switch 48 ports": "network_switch_rack",
    "Switchs 48 ports": "network_switch_rack", "Switchs de cœur": "network_switch_rack",
    "Switch 8 ports": "network_switch_desktop", "Switch 16 ports": "network_switch_desktop",
    "Switch de bureau": "network_switch_desktop",
    "Borne Wi-Fi": "wifi_access_point", "Point d'accès Wi-Fi": "wifi_access_point",
    "Borne wifi": "wifi_access_point",
    "Routeur": "router",
    "Pare-feu": "firewall", "Firewall": "firewall",
    "Box internet": "internet_box",
    # servers and storage
    "Serveur": "server", "Serveurs": "server", "server": "server",
    "NAS": "nas",
    "Disque dur externe": "external_hdd", "Disques durs externes": "external_hdd",
    "SSD externe": "external_ssd",
    "Clé USB": "usb_key", "Clés USB": "usb_key",
    # outside the classic fleet
    "Onduleur": "ups", "Onduleurs": "ups",
    "Caméra de vidéoprotection": "ip_camera", "Caméras de vidéoprotection": "ip_camera",
    "Caméra dôme": "ip_camera", "Caméra IP": "ip_camera",
    "Badgeuse": "badge_reader", "Pointeuse": "badge_reader",
    "Station d'accueil": "docking_station", "Stations d'accueil": "docking_station",
    "Webcam": "webcam", "Webcams": "webcam",
    "Casques téléphoniques": "headset", "Micro-casques": "headset", "Casques audio": "headset",
    "Kit de visioconférence": "videoconference_kit",
    "Barre de visioconférence": "videoconference_kit",
}

# Names drawn at random for the town's generic lines, per class.  The first
# name is the most frequent one (weight 3), the others weight 1 each: a merged
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
    "laser_printer": ["Imprimante laser", "Imprimantes laser"],
    "external_hdd": ["Disque dur externe", "Disques durs externes"],
    "external_ssd": ["SSD externe"],
    "usb_key": ["Clé USB", "Clés USB"],
    "multifunction_printer": ["Copieur multifonction", "Imprimante multifonction", "Multifonction"],
    "copier_a3": ["Copieur multifonction A3", "Copieur A3"],
    "interactive_display": ["Écran numérique interactif", "ENI"],
    "ip_phone": ["Téléphone IP", "Poste téléphonique IP"],
    "network_switch": ["Switch", "Commutateur", "switchs"],
    "wifi_access_point": ["Borne Wi-Fi", "Point d'accès Wi-Fi", "Borne wifi"],
    "router": ["Routeur"],
    "firewall": ["Pare-feu", "Firewall"],
    "server": ["Serveur", "Serveurs", "server"],
    "nas": ["NAS"],
    "thin_client": ["Client léger", "Clients légers"],
    "all_in_one": ["Tout-en-un", "PC tout-en-un"],
    "docking_station": ["Station d'accueil", "Stations d'accueil"],
    "document_camera": ["Visualiseur", "Visualiseurs"],
}

# Names the samples must show (asserted by the generator).
REQUIRED_NAMES = [
    "Ordinateur portable", "PC portable", "Portables", "laptop", "Unité centrale", "PC fixe",
    "Écran", "écrans", "Moniteur", "Écran 24 pouces", 'Écran 27"', "Smartphone",
    "Téléphone mobile", "Tablette", "Vidéoprojecteur", "Imprimante", "Imprimante laser",
    "Imprimante multifonction", "Copieur multifonction", "Copieur multifonction A3", "TBI", "TNI",
    "VPI", "ENI", "Écran numérique interactif", "ENI 75 pouces", 'Écran numérique interactif 65"',
    "Téléphone IP", "Téléphone DECT", "Autocommutateur", "Switch", "Commutateur",
    "Switch 48 ports", "Switch de bureau", "Borne Wi-Fi", "Point d'accès Wi-Fi", "Routeur",
    "Pare-feu", "Serveur", "NAS", "Box internet", "Téléviseur", "Écran d'affichage dynamique",
    "Client léger", "Tout-en-un", "Disque dur externe", "Clé USB", "Onduleur",
    "Caméra de vidéoprotection", "Badgeuse", "Borne interactive", "Borne d'accueil",
    "Station d'accueil", "Chromebook", "Tablettes durcies", "PC portable durci", "Visualiseur",
    "Scanner", "Webcam", "Micro-casques", "Kit de visioconférence", "Classe mobile",
]

# Typical lifetimes written by the services when they fill the column.
TYPICAL_LIFETIME = {
    "smartphone": 3, "tablet": 4, "laptop": 5, "desktop": 6, "monitor": 7, "tv": 8,
    "internet_box": 5, "projector": 6, "printer": 5, "external_hdd": 5,
    "external_ssd": 5, "usb_key": 3, "multifunction_printer": 5,
    "interactive_display": 8, "ip_phone": 8, "network_switch": 8,
    "wifi_access_point": 6, "router": 7, "firewall": 6, "server": 6, "nas": 6,
    "thin_client": 7, "all_in_one": 6, "ipbx": 10, "document_camera": 7, "scanner": 6,
    "ups": 8, "ip_camera": 8, "badge_reader": 10, "kiosk": 7, "docking_station": 6,
    "webcam": 5, "headset": 4, "videoconference_kit": 6,
}

CANONICAL_FIELDS = [
    "category", "quantity", "condition", "acquisition_year", "lifetime_years",
    "hours_per_day", "days_per_year", "power_w", "energy_kwh_per_year",
    "country", "department", "label", "model",
]

FR_CONDITION = {"new": "Neuf", "refurbished": "Reconditionné", "reused": "Réemploi",
                "repaired": "Réparé"}

# Classes (and their refinements) the commune's purchasing buys refurbished:
# the four families of ADEME's 2022 study most often, the others too now that
# every class has a refurbished second life (some of those are reused instead).
REFURBISHABLE = {"laptop", "desktop", "monitor", "smartphone", "tablet", "ip_phone",
                 "all_in_one", "thin_client", "network_switch", "printer"}
ADEME_REFURBISHED_FAMILIES = {"laptop", "desktop", "smartphone", "tablet"}

# Models as the IT service writes them, per class.
LAPTOP_MODELS = ["Dell Latitude 5420", "HP ProBook 450 G8", "Lenovo ThinkPad T14 Gen 2",
                 "Dell Latitude 5440"]
DESKTOP_MODELS = ["Dell OptiPlex 7090", "Lenovo ThinkCentre M70q", "HP ProDesk 400 G7",
                  "Dell OptiPlex 3080 Micro"]
# (size in inches, model)
MONITORS = [(24, "Dell P2422H"), (24, "iiyama ProLite XU2493HSU"), (27, "Dell P2722H"),
            (22, "HP P22 G5"), (23.8, "HP E24 G5")]
PHONE_MODELS = ["Yealink SIP-T46S", "Yealink SIP-T54W"]
SMARTPHONE_MODELS = ["Samsung Galaxy A54", "Apple iPhone SE", "Crosscall Core-X4", "Fairphone 4"]
LASER_MODELS = ["Brother HL-L2350DW", "HP LaserJet Pro M404dn", "Canon i-SENSYS LBP223dw"]
# Leased A3 copiers (every one of these series is an A3 copier).
COPIER_MODELS = ["Canon imageRUNNER ADVANCE C3530i", "Konica Minolta bizhub C300i",
                 "Kyocera TASKalfa 3253ci", "Xerox AltaLink C8130", "Ricoh IM C3000"]
RACK_SWITCH_MODELS = ["Aruba 2530-24G-PoE+", "Aruba 2930F-24G-PoE+", "Cisco CBS350-24P-4G"]
DESKTOP_SWITCH_MODELS = ["Netgear GS108", "Netgear GS116"]
AP_MODELS = ["Aruba AP-505", "Ubiquiti UniFi U6-Pro", "Aruba Instant On AP22"]
DOCK_MODELS = ["Dell WD19S", "Lenovo ThinkPad USB-C Dock Gen 2", "HP USB-C Dock G5"]

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

rng = random.Random(SEED)


def pick_name(cls: str) -> str:
    names = TOWN_NAMES[cls]
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


def fr_size(inches: float) -> str:
    """A screen size as a French label writes it: 24, 23,8."""
    return fmt_num(float(inches), ",")


def json_num(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def maybe(value, p: float = 0.75):
    return value if rng.random() < p else None
