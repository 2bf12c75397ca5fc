//! Constants of ADEME's per-use services model, each with the rule it is read from.
//!
//! Source: `incubateur-ademe/publicodes-acv-numerique` (MIT), npm 2.1.0 and tag v2.2.0 (the
//! services did not change between them), as tabulated in `shared/reference-sources/ademe/`
//! (devices.csv, datacenter.csv, services.csv). Terminal figures come from the NegaOctet 2022
//! study for ADEME (Base Empreinte updates); data-centre figures cite Borderstep, Google
//! (Gmail), APL Datacenter, the Netflix ESG report 2019 and CarbonBrief, as the model says.
//! Grams CO2e, as the model computes.

/// A terminal of the per-use model: embodied carbon by phase (g), lifetime (years), use profile
/// (h/day) and power when active (W).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Device {
    /// `acv . X . carbone . fabrication`, `distribution`, `fin de vie` (gCO2e).
    pub phases: [f64; 3],
    /// `acv . X . durée de vie théorique` (years).
    pub lifetime: f64,
    /// `acv . X . profil utilisation théorique` (h/day).
    pub hours_per_day: f64,
    /// `acv . X . consommation en mode actif` (W).
    pub power_w: f64,
}

/// `acv . smartphone . *` (src/acv-terminaux.publicodes).
pub(crate) const SMARTPHONE: Device = Device {
    phases: [77000.0, 2270.0, 246.0],
    lifetime: 2.5,
    hours_per_day: 3.0,
    power_w: 4.5,
};
/// `acv . tablette . *`.
pub(crate) const TABLET: Device = Device {
    phases: [80500.0, 3430.0, 364.0],
    lifetime: 3.0,
    hours_per_day: 2.5,
    power_w: 20.0,
};
/// `acv . ordinateur portable . *`.
pub(crate) const LAPTOP: Device = Device {
    phases: [170000.0, 12300.0, 2790.0],
    lifetime: 5.0,
    hours_per_day: 3.0,
    power_w: 26.5,
};
/// `acv . TV . *`.
pub(crate) const TV: Device = Device {
    phases: [325000.0, 3260.0, 11900.0],
    lifetime: 8.0,
    hours_per_day: 3.0,
    power_w: 65.0,
};
/// `acv . ordinateur fixe . *` (the personal desktop, not `ordinateur fixe pro`).
pub(crate) const DESKTOP: Device = Device {
    phases: [259000.0, 2940.0, 6610.0],
    lifetime: 6.0,
    hours_per_day: 4.0,
    power_w: 70.0,
};
/// `acv . écran . *`.
pub(crate) const MONITOR: Device = Device {
    phases: [64600.0, 1290.0, 3950.0],
    lifetime: 6.0,
    hours_per_day: 4.0,
    power_w: 50.0,
};

/// `électricité . FE Europe`, `FE Chine`, `FE USA` (gCO2e/kWh; "FE issus de l'IEA", no vintage given).
pub(crate) const FE_EUROPE: f64 = 410.4;
pub(crate) const FE_CHINA: f64 = 871.2;
pub(crate) const FE_USA: f64 = 547.2;

/// `publicodes-commun . jours par an`.
pub(crate) const DAYS_PER_YEAR: f64 = 365.0;

// --- data-centre equipment (src/data center.publicodes) ---
/// `serveur . construction` (g), `serveur . durée de vie` (years).
pub(crate) const SERVER_EMBODIED: f64 = 748000.0;
pub(crate) const SERVER_LIFETIME: f64 = 5.0;
/// `serveur . puissance` (W, Borderstep), `serveur . puissance par utilisateur` (W, Google Gmail).
pub(crate) const SERVER_POWER: f64 = 367.0;
pub(crate) const SERVER_POWER_PER_MAIL_USER: f64 = 0.22;
/// `serveur . puissance en mode actif` (W), used for web search.
pub(crate) const SERVER_ACTIVE_POWER: f64 = 400.0;
/// `serveur . capacité` = 3.5524 x 1024 x 1024 Mo ("pas de source").
pub(crate) const SERVER_CAPACITY_MB: f64 = 3.5524 * 1024.0 * 1024.0;
/// `serveur . PUE mails` (Google Gmail), `serveur . PUE streaming` ("hypothèse").
pub(crate) const PUE_MAIL: f64 = 1.16;
pub(crate) const PUE_STREAMING: f64 = 1.3;
/// `stockage . construction` (g), `durée de vie`, `puissance en mode actif` (W).
pub(crate) const STORAGE_EMBODIED: f64 = 144000.0;
pub(crate) const STORAGE_LIFETIME: f64 = 5.0;
pub(crate) const STORAGE_POWER: f64 = 6.0;
/// `firewall`, `switch`, `routeur . construction` (g); all 5-year lifetimes.
pub(crate) const FIREWALL_EMBODIED: f64 = 355000.0;
pub(crate) const SWITCH_EMBODIED: f64 = 367000.0;
pub(crate) const ROUTER_EMBODIED: f64 = 41200.0;
/// `équipements support . construction` (g per m² of IT room) and `durée de vie` (years).
pub(crate) const SUPPORT_EMBODIED_PER_M2: f64 = 187000.0;
pub(crate) const SUPPORT_LIFETIME: f64 = 25.0;
/// `construction data center . * . facteur d'allocation` (APL Datacenter market averages):
/// firewalls, switches, routers per server; m² of IT room per server.
pub(crate) const FIREWALLS_PER_SERVER: f64 = 0.0358;
pub(crate) const SWITCHES_PER_SERVER: f64 = 1.468;
pub(crate) const ROUTERS_PER_SERVER: f64 = 0.286;
pub(crate) const M2_PER_SERVER: f64 = 0.68;

// --- streaming data centres (src/streaming.publicodes; Netflix ESG 2019, CarbonBrief) ---
pub(crate) const NETFLIX_DIRECT_MWH: f64 = 94000.0;
pub(crate) const NETFLIX_INDIRECT_MWH: f64 = 357000.0;
pub(crate) const NETFLIX_GB_PER_HOUR: f64 = 1.9;
pub(crate) const NETFLIX_USERS: f64 = 167000000.0;
pub(crate) const NETFLIX_HOURS_PER_DAY: f64 = 2.0;

// --- web search (src/recherche web.publicodes) ---
/// `recherche web . data center . allocation serveur par Mo` = 1 / 10 052 100 000 Mo.
pub(crate) const SEARCH_SERVER_ALLOCATION_DIVISOR_MB: f64 = 10052100000.0;

/// Device-mix shares when no device is chosen (`X . appareil . moyenne utilisation *`):
/// desktop with monitor, laptop, tablet, smartphone, TV. The e-mail and web-search shares sum to 1.01 in the model.
pub(crate) const MIX_EMAIL: [f64; 5] = [0.24, 0.24, 0.08, 0.45, 0.0];
pub(crate) const MIX_SEARCH: [f64; 5] = [0.24, 0.24, 0.08, 0.45, 0.0];
pub(crate) const MIX_VISIO: [f64; 5] = [0.0, 1.0, 0.0, 0.0, 0.0];
pub(crate) const MIX_STREAMING: [f64; 5] = [0.0, 0.15, 0.1, 0.05, 0.7];

/// `streaming . nombre d'heures de visionnage par an`.
pub(crate) fn streaming_hours_per_year() -> f64 {
    NETFLIX_HOURS_PER_DAY * DAYS_PER_YEAR * NETFLIX_USERS
}

/// `streaming . data center . nombre de serveurs`.
pub(crate) fn streaming_servers() -> f64 {
    let installed_w = (NETFLIX_DIRECT_MWH + NETFLIX_INDIRECT_MWH) / PUE_STREAMING * 1000000.0
        / DAYS_PER_YEAR
        / 24.0;
    installed_w / SERVER_POWER
}

/// `streaming . data center . usage . électricité par Go en Wh`.
pub(crate) fn streaming_wh_per_gb() -> f64 {
    let volume = streaming_hours_per_year() * NETFLIX_GB_PER_HOUR;
    (NETFLIX_DIRECT_MWH + NETFLIX_INDIRECT_MWH) / volume * 1000000.0
}

/// `streaming . data center . construction . facteur d'allocation serveur` (servers per viewing hour).
pub(crate) fn streaming_server_allocation_per_hour() -> f64 {
    streaming_servers() / streaming_hours_per_year() / SERVER_LIFETIME
}

/// `fichier . data center . facteur allocation serveur` (servers per GB).
pub(crate) fn file_server_allocation_per_gb() -> f64 {
    let volume = streaming_hours_per_year() * NETFLIX_GB_PER_HOUR;
    streaming_servers() / volume / SERVER_LIFETIME
}

/// `construction data center`: embodied carbon (g) of the data-centre share given the server
/// and storage allocation factors. Returned in the model's order: firewall, switch, router,
/// server, storage, support equipment.
pub(crate) fn data_centre_construction(server_alloc: f64, storage_alloc: f64) -> f64 {
    let firewall = FIREWALLS_PER_SERVER * server_alloc * FIREWALL_EMBODIED;
    let switch = SWITCHES_PER_SERVER * server_alloc * SWITCH_EMBODIED;
    let router = ROUTERS_PER_SERVER * server_alloc * ROUTER_EMBODIED;
    let server = server_alloc * SERVER_EMBODIED;
    let storage = storage_alloc * STORAGE_EMBODIED;
    // The model multiplies by server lifetime / support lifetime; its author notes
    // "formule me semble fausse". Reproduced as found.
    let support =
        M2_PER_SERVER * server_alloc * SERVER_LIFETIME / SUPPORT_LIFETIME * SUPPORT_EMBODIED_PER_M2;
    firewall + switch + router + server + storage + support
}
