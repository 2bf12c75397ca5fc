//! The equipment classes a commune owns and the words people write for them.
//!
//! This is the one vocabulary every reader (CSV, JSON, GLPI, scenarios) matches against. A
//! dataset gives figures for some of these classes; a class it lacks falls back to its `parent`
//! (a rugged laptop is a laptop), and a class with no ancestor in the dataset is evaluated as
//! *not available* — never rejected for lack of data. Phrases are compared by
//! [`crate::names::match_key`] (case, accents, plurals, spaces and punctuation ignored).

use crate::names::match_key;

/// One class of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    /// The id a dataset's `categories.csv` uses for it.
    pub id: &'static str,
    /// The class it refines, used when a dataset has no figure of its own for it.
    pub parent: Option<&'static str>,
    /// `terminal`, `display`, `printing`, `network`, `server`, `storage`, `telephony`, `other`.
    pub group: &'static str,
    /// Label in French.
    pub label_fr: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// Names people write for it, French and English (the labels match too).
    pub phrases: &'static [&'static str],
}

const fn class(
    id: &'static str,
    parent: Option<&'static str>,
    group: &'static str,
    label_fr: &'static str,
    label_en: &'static str,
    phrases: &'static [&'static str],
) -> Class {
    Class {
        id,
        parent,
        group,
        label_fr,
        label_en,
        phrases,
    }
}

/// Every class, generic ones before their refinements.
#[rustfmt::skip]
pub const CLASSES: &[Class] = &[
    class("laptop", None, "terminal", "Ordinateur portable", "Laptop", &[
        "ordinateur portable", "PC portable", "portable PC", "ordi portable", "laptop", "notebook",
        "ultraportable", "ultrabook", "netbook", "MacBook", "PC hybride", "2 en 1", "2-in-1",
        "poste portable", "poste nomade",
    ]),
    class("chromebook", Some("laptop"), "terminal", "Chromebook", "Chromebook", &[
        "PC Chromebook", "Chromebook",
    ]),
    class("rugged_laptop", Some("laptop"), "terminal", "Ordinateur portable durci", "Rugged laptop", &[
        "portable durci", "PC portable durci", "ordinateur portable durci", "rugged laptop",
        "Toughbook",
    ]),
    class("desktop", None, "terminal", "Ordinateur fixe (unité centrale)", "Desktop computer", &[
        "ordinateur fixe", "PC fixe", "unité centrale", "UC", "tour", "desktop", "desktop computer",
        "PC de bureau", "ordinateur de bureau", "poste de travail", "station de travail",
        "workstation", "poste fixe", "mini PC", "micro PC", "PC tour", "PC bureautique",
        "poste informatique", "ordinateur bureautique",
    ]),
    class("all_in_one", None, "terminal", "Ordinateur tout-en-un", "All-in-one computer", &[
        "tout-en-un", "ordinateur tout-en-un", "PC tout-en-un", "AIO", "all-in-one",
        "all-in-one PC", "iMac",
    ]),
    class("thin_client", None, "terminal", "Client léger", "Thin client", &[
        "client léger", "terminal léger", "zero client", "thin client", "client zéro",
    ]),
    class("tablet", None, "terminal", "Tablette", "Tablet", &[
        "tablette", "tablette tactile", "tablette numérique", "tablet", "iPad",
    ]),
    class("rugged_tablet", Some("tablet"), "terminal", "Tablette durcie", "Rugged tablet", &[
        "tablette durcie", "rugged tablet", "Toughpad",
    ]),
    class("smartphone", None, "telephony", "Smartphone", "Smartphone", &[
        "smartphone", "téléphone mobile", "téléphone portable", "portable (téléphone)", "mobile",
        "mobile phone", "cell phone", "cellphone", "GSM", "iPhone", "téléphone intelligent",
        "téléphone cellulaire", "mobile professionnel",
    ]),
    class("ip_phone", None, "telephony", "Téléphone IP (poste fixe)", "IP desk phone", &[
        "téléphone IP", "téléphone fixe", "poste téléphonique", "poste téléphonique IP", "poste IP",
        "téléphone de bureau", "IP phone", "VoIP phone", "téléphone VoIP", "desk phone",
        "SIP phone", "poste VoIP", "combiné téléphonique", "poste de téléphonie",
    ]),
    class("dect_phone", Some("ip_phone"), "telephony", "Téléphone DECT (sans fil)", "DECT phone", &[
        "téléphone DECT", "DECT", "poste DECT", "combiné DECT", "téléphone sans fil", "DECT phone",
        "cordless phone", "base DECT",
    ]),
    class("ipbx", None, "telephony", "Autocommutateur (IPBX)", "Phone system (IPBX)", &[
        "autocommutateur", "IPBX", "PABX", "PBX", "standard téléphonique", "IP-PBX", "phone system",
        "centrex",
    ]),
    class("monitor", None, "display", "Écran d'ordinateur", "Monitor", &[
        "écran", "moniteur", "écran d'ordinateur", "écran PC", "écran plat", "monitor",
        "computer monitor", "screen", "display", "LCD", "TFT", "dalle",
    ]),
    class("tv", None, "display", "Téléviseur / grand écran", "TV / large display", &[
        "large display", "TVs", "télévision", "téléviseur", "TV", "télé", "television",
        "grand écran",
    ]),
    class("signage_display", Some("tv"), "display", "Écran d'affichage dynamique", "Digital signage display", &[
        "écran d'affichage dynamique", "affichage dynamique", "écran d'affichage",
        "affichage numérique", "écran d'information", "panneau d'affichage numérique",
        "digital signage", "signage", "signage display", "totem d'affichage",
    ]),
    class("interactive_display", None, "display", "Écran numérique interactif (ENI)", "Interactive display", &[
        "ENI", "écran numérique interactif", "écran interactif", "écran tactile interactif",
        "interactive display", "interactive flat panel", "IFP", "écran interactif tactile",
        "panneau interactif",
    ]),
    class("interactive_display_small", Some("interactive_display"), "display", "Écran numérique interactif (jusqu'à 65 pouces)", "Interactive display (up to 65 in)", &[
        "petit ENI",
    ]),
    class("interactive_display_large", Some("interactive_display"), "display", "Écran numérique interactif (70 pouces et plus)", "Interactive display (70 in and more)", &[
        "grand ENI",
    ]),
    class("projector", None, "display", "Vidéoprojecteur", "Video projector", &[
        "vidéoprojecteur", "projecteur", "vidéo-projecteur", "beamer", "projector",
        "video projector", "vidéoprojecteur interactif", "interactive projector",
        "vidéoprojecteur à focale courte", "projecteur courte focale",
    ]),
    class("document_camera", None, "display", "Visualiseur", "Document camera", &[
        "visualiseur", "caméra de document", "document camera", "visualizer", "caméra document",
    ]),
    class("printer", None, "printing", "Imprimante", "Printer", &[
        "imprimante", "printer", "imprimante jet d'encre", "inkjet printer", "imprimante thermique",
        "imprimante étiquettes", "imprimante à étiquettes", "label printer",
        "imprimante personnelle", "imprimante de bureau",
    ]),
    class("laser_printer", Some("printer"), "printing", "Imprimante laser", "Laser printer", &[
        "imprimante laser", "laser printer", "LaserJet",
    ]),
    class("multifunction_printer", None, "printing", "Imprimante multifonction / copieur", "Multifunction printer / copier", &[
        "multifonction", "imprimante multifonction", "copieur", "photocopieur", "photocopieuse",
        "MFP", "MFD", "multifunction printer", "multifunction", "copier", "copieur multifonction",
        "imprimante-copieur", "all-in-one printer", "imprimante copieur scanner",
        "copieur numérique", "multifonctions",
    ]),
    class("copier_a3", Some("multifunction_printer"), "printing", "Copieur multifonction A3", "A3 multifunction copier", &[
        "copieur A3", "photocopieur A3", "multifonction A3", "A3 copier",
    ]),
    class("scanner", None, "printing", "Scanner", "Scanner", &[
        "scanner", "scanneur", "numériseur", "scanner de documents", "document scanner",
        "scanner à plat", "flatbed scanner", "ScanSnap",
    ]),
    class("network_switch", None, "network", "Commutateur réseau (switch)", "Network switch", &[
        "switch", "commutateur", "switch réseau", "commutateur réseau", "network switch",
        "ethernet switch", "switch Ethernet", "switch PoE", "switch manageable",
    ]),
    class("network_switch_rack", Some("network_switch"), "network", "Switch rack (baie, cœur ou étage)", "Rack switch", &[
        "switch rack", "switch de cœur", "switch d'étage", "core switch", "rack switch",
        "switch de baie", "commutateur rack",
    ]),
    class("network_switch_desktop", Some("network_switch"), "network", "Switch de bureau", "Desktop switch", &[
        "switch de bureau", "mini switch", "desktop switch", "petit switch",
        "switch non manageable", "unmanaged switch",
    ]),
    class("router", None, "network", "Routeur", "Router", &[
        "routeur", "router", "passerelle", "gateway",
    ]),
    class("firewall", None, "network", "Pare-feu", "Firewall", &[
        "pare-feu", "firewall", "UTM", "boîtier de sécurité", "appliance de sécurité",
    ]),
    class("firewall_desktop", Some("firewall"), "network", "Pare-feu de bureau (petit UTM)", "Desktop firewall (small UTM)", &[
        "small firewall", "pare-feu de bureau", "petit pare-feu", "desktop firewall", "petit UTM",
    ]),
    class("wifi_access_point", None, "network", "Borne Wi-Fi", "Wi-Fi access point", &[
        "borne wifi", "borne Wi-Fi", "point d'accès", "point d'accès wifi", "access point", "AP",
        "WAP", "wifi access point", "wireless access point", "antenne wifi", "borne sans fil",
        "point d'accès sans fil",
    ]),
    class("internet_box", None, "network", "Box internet", "Internet box", &[
        "boxes", "box", "box internet", "box ADSL", "box fibre", "modem", "routeur box", "Livebox",
        "Freebox", "Bbox", "internet box", "home gateway", "CPE", "box 4G", "routeur 4G",
    ]),
    class("server", None, "server", "Serveur", "Server", &[
        "serveur", "server", "serveur rack", "serveur tour", "serveur physique", "rack server",
        "tower server", "serveur lame", "blade server", "lame", "hyperviseur", "hôte ESX",
        "serveur de virtualisation",
    ]),
    class("nas", None, "storage", "Stockage réseau (NAS / baie)", "Network storage (NAS / array)", &[
        "NAS", "baie de stockage", "stockage réseau", "serveur de fichiers", "SAN", "baie SAN",
        "storage array", "network attached storage", "serveur NAS", "stockage",
    ]),
    class("external_hdd", None, "storage", "Disque dur externe", "External hard drive", &[
        "disque dur externe", "DD externe", "HDD externe", "external HDD", "external hard disk",
        "external drive", "disque externe", "disque dur USB",
    ]),
    class("external_ssd", None, "storage", "SSD externe", "External SSD", &[
        "SSD externe", "disque SSD externe", "external SSD", "portable SSD",
    ]),
    class("usb_key", None, "storage", "Clé USB", "USB key", &[
        "clé USB", "clef USB", "USB stick", "USB key", "USB drive", "thumb drive", "flash drive",
    ]),
    class("ups", None, "other", "Onduleur", "UPS", &[
        "onduleur", "UPS", "alimentation sans interruption", "ASI", "uninterruptible power supply",
        "onduleur rack",
    ]),
    class("ip_camera", None, "other", "Caméra IP / de vidéoprotection", "IP / CCTV camera", &[
        "caméra IP", "caméra de vidéoprotection", "caméra de vidéosurveillance",
        "caméra de surveillance", "vidéoprotection", "vidéosurveillance", "CCTV", "IP camera",
        "caméra réseau", "CCTV camera", "security camera", "caméra dôme",
    ]),
    class("badge_reader", None, "other", "Badgeuse / lecteur de badges", "Badge reader", &[
        "badgeuse", "lecteur de badges", "lecteur badge", "pointeuse", "badge reader",
        "contrôle d'accès", "terminal de pointage", "time clock", "access control reader",
    ]),
    class("kiosk", None, "terminal", "Borne interactive / d'accueil", "Interactive kiosk", &[
        "borne interactive", "borne d'accueil", "borne tactile", "kiosque", "kiosk",
        "borne d'information", "borne multimédia", "borne de consultation", "borne numérique",
        "borne de prêt", "automate de prêt", "borne de retour", "automate de retour",
        "self-service kiosk", "borne de paiement", "borne de commande",
    ]),
    class("docking_station", None, "other", "Station d'accueil", "Docking station", &[
        "station d'accueil", "dock", "docking station", "réplicateur de ports", "port replicator",
        "dock USB-C",
    ]),
    class("webcam", None, "other", "Webcam", "Webcam", &[
        "webcam", "caméra web", "web camera",
    ]),
    class("headset", None, "other", "Casque / micro-casque", "Headset", &[
        "casque", "micro-casque", "headset", "casque audio", "oreillette", "écouteurs",
        "casque téléphonique", "headphones",
    ]),
    class("videoconference_kit", None, "other", "Kit de visioconférence", "Videoconference kit", &[
        "kit de visioconférence", "visioconférence", "système de visioconférence",
        "barre de visioconférence", "video conference", "videoconference", "videoconference kit",
        "video bar", "salle de visio", "kit visio", "visio",
    ]),
];

/// A word or phrase that could name more than one class: the class it is read as, and the
/// assumption said to the user (a warning naming it).
pub const AMBIGUOUS: &[(&str, &str, &str)] = &[
    (
        "portable",
        "laptop",
        "“portable” alone is read as a laptop; write “téléphone portable” for a mobile phone",
    ),
    (
        "PC",
        "desktop",
        "“PC” alone is read as a desktop computer; write “PC portable” for a laptop",
    ),
    (
        "ordinateur",
        "desktop",
        "“ordinateur” alone is read as a desktop computer; write “ordinateur portable” for a laptop",
    ),
    (
        "poste",
        "desktop",
        "“poste” alone is read as a workstation (desktop computer); write “poste téléphonique” for a phone",
    ),
    (
        "téléphone",
        "ip_phone",
        "“téléphone” alone is read as a desk phone; write “téléphone mobile” or “smartphone” for a mobile",
    ),
    (
        "borne",
        "wifi_access_point",
        "“borne” alone is read as a Wi-Fi access point; write “borne interactive” for a kiosk",
    ),
    (
        "caméra",
        "ip_camera",
        "“caméra” alone is read as an IP (CCTV) camera; write “webcam” or “visualiseur” otherwise",
    ),
    (
        "VPI",
        "projector",
        "“VPI” (vidéoprojecteur interactif) is read as a video projector; its pen module has no figure of its own",
    ),
    (
        "TBI",
        "projector",
        "“TBI” (tableau blanc interactif) is read as the board's video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "TNI",
        "projector",
        "“TNI” (tableau numérique interactif) is read as the board's video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "tableau blanc interactif",
        "projector",
        "an interactive whiteboard is read as its video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "tableau numérique interactif",
        "projector",
        "an interactive whiteboard is read as its video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "tableau interactif",
        "projector",
        "an interactive whiteboard is read as its video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "interactive whiteboard",
        "projector",
        "an interactive whiteboard is read as its video projector; the board itself has no figure; write “ENI” for an interactive touch screen",
    ),
    (
        "classe mobile",
        "laptop",
        "“classe mobile” (a cart of devices) is read as laptops; give the number of devices, not of carts, and write “tablette” if they are tablets",
    ),
];

/// Words that name no class by themselves ("Matériel", "Networking"): the model column decides.
pub const VAGUE: &[&str] = &[
    "matériel",
    "matériel informatique",
    "équipement",
    "équipement informatique",
    "équipement réseau",
    "matériel réseau",
    "réseau",
    "networking",
    "network equipment",
    "network device",
    "informatique",
    "périphérique",
    "peripheral",
    "autre",
    "autres",
    "divers",
    "other",
    "misc",
    "hardware",
    "device",
    "appareil",
    "téléphonie",
    "telephony",
    "audiovisuel",
    "multimédia",
    "sécurité",
    "computer",
    "inconnu",
    "unknown",
];

/// The class of an id.
pub fn class_by_id(id: &str) -> Option<&'static Class> {
    CLASSES.iter().find(|c| c.id == id)
}

/// What a vocabulary name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    Class(usize),
    Ambiguous(usize),
    Vague,
}

/// The vocabulary's names by matching key, sorted for binary search (a dataset keeps one, built
/// when it is loaded). An ambiguous word overrides a class's phrase; a vague word too.
pub(crate) fn index() -> Vec<(String, Entry)> {
    // (key, priority, entry): the lowest priority of a key wins, the first written among equals.
    let mut all: Vec<(String, u8, Entry)> = Vec::new();
    for (i, (word, _, _)) in AMBIGUOUS.iter().enumerate() {
        all.push((match_key(word), 0, Entry::Ambiguous(i)));
    }
    for v in VAGUE {
        all.push((match_key(v), 1, Entry::Vague));
    }
    for (i, c) in CLASSES.iter().enumerate() {
        let names = [c.id, c.label_fr, c.label_en].into_iter();
        for name in names.chain(c.phrases.iter().copied()) {
            all.push((match_key(name), 2, Entry::Class(i)));
        }
    }
    crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    all.dedup_by(|later, first| later.0 == first.0);
    all.into_iter().map(|(k, _, e)| (k, e)).collect()
}
