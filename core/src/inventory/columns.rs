//! Inventory columns and the many ways spreadsheets name them.

use crate::names::normalize;
use serde::Serialize;
use std::fmt;

/// Columns an import writes after the inventory's own to say where each line came from
/// (GLPI import): read back without a warning, and not evaluated.
pub const TRACE_COLUMNS: [&str; 5] = [
    "acquisition_year_source",
    "glpi_itemtype",
    "glpi_serial",
    "glpi_source",
    "mapping_rule",
];

/// A column of the inventory schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The kind of device, as written (`category`, "Type de matériel"...).
    Category,
    /// Number of identical devices.
    Quantity,
    /// New, refurbished, reused or repaired.
    Condition,
    /// Year of acquisition (a year or a date).
    AcquisitionYear,
    /// Physical lifetime, in years.
    LifetimeYears,
    /// Accounting amortisation period, in years.
    AmortisationYears,
    /// Hours of use per day.
    HoursPerDay,
    /// Days of use per year.
    DaysPerYear,
    /// Average power in use, in watts per device.
    PowerW,
    /// Measured electricity, in kWh per device and year.
    EnergyKwhPerYear,
    /// ISO code or name of the country of use.
    Country,
    /// Free tag of the service owning the devices (mairie, école...).
    Department,
    /// Free description of the line.
    Label,
    /// The model as written ("Latitude 5420", "Aruba 2930F-48G"): evidence of the class when
    /// the type is vague, and of qualifiers (ports, screen size).
    Model,
    /// PUE of the room the device runs in (servers: the dataset's server room by default).
    Pue,
}

/// Strong names: two columns with strong names for one field is an error.
/// Weak names ("site", "année", "type"...) give way to a strong one.
const ALIASES: &[(Field, &[&str], &[&str])] = &[
    (
        Field::Category,
        &[
            "category",
            "categorie",
            "type de materiel",
            "type materiel",
            "type d equipement",
            "type equipement",
            "equipment type",
            "device type",
            "type de peripherique",
            "categorie de materiel",
            "famille",
            "famille de materiel",
        ],
        &[
            "type",
            "materiel",
            "equipement",
            "equipment",
            "device",
            "nature",
            "kind",
        ],
    ),
    (
        Field::Quantity,
        &[
            "quantity",
            "quantite",
            "qte",
            "qty",
            "nb",
            "nbre",
            "nombre",
            "nombre d unites",
            "nb d unites",
            "count",
            "number",
            "units",
            "unites",
            "effectif",
        ],
        &[],
    ),
    (
        Field::Condition,
        &[
            "condition",
            "etat",
            "etat a l achat",
            "etat d acquisition",
            "neuf ou reconditionne",
            "etat du materiel",
            "neuf reconditionne",
            "provenance",
            "origine",
        ],
        &["state"],
    ),
    (
        Field::AcquisitionYear,
        &[
            "acquisition year",
            "annee d acquisition",
            "annee acquisition",
            "annee d achat",
            "annee achat",
            "date d achat",
            "date achat",
            "date d acquisition",
            "purchase year",
            "year of purchase",
            "purchase date",
            "acquisition date",
            "annee de mise en service",
            "mise en service",
            "date de mise en service",
        ],
        &["annee", "year", "acquisition", "date"],
    ),
    (
        Field::LifetimeYears,
        &[
            "lifetime",
            "lifetime years",
            "duree de vie",
            "duree de vie ans",
            "duree de vie annees",
            "duree de vie en annees",
            "duree vie",
            "lifespan",
            "service life",
            "duree d utilisation",
            "duree d usage",
        ],
        &["duree"],
    ),
    (
        Field::AmortisationYears,
        &[
            "amortisation",
            "amortisation years",
            "amortization",
            "amortization years",
            "duree d amortissement",
            "duree amortissement",
            "amortissement",
            "depreciation period",
            "depreciation years",
        ],
        &[],
    ),
    (
        Field::HoursPerDay,
        &[
            "hours per day",
            "hours day",
            "heures par jour",
            "heures jour",
            "h jour",
            "h j",
            "heures d utilisation par jour",
            "utilisation heures par jour",
            "usage hours per day",
            "daily hours",
            "utilisation quotidienne",
            "heures d utilisation",
        ],
        &["heures", "hours"],
    ),
    (
        Field::DaysPerYear,
        &[
            "days per year",
            "days year",
            "jours par an",
            "jours an",
            "j an",
            "jours d utilisation par an",
            "jours ouvres",
            "jours ouvres par an",
            "usage days per year",
            "jours d utilisation",
        ],
        &["jours", "days"],
    ),
    (
        Field::PowerW,
        &[
            "power w",
            "power",
            "puissance",
            "puissance w",
            "puissance watts",
            "puissance en w",
            "puissance moyenne",
            "puissance moyenne w",
            "watts",
            "average power",
            "average power w",
        ],
        &[],
    ),
    (
        Field::EnergyKwhPerYear,
        &[
            "energy kwh per year",
            "energy kwh year",
            "energy per year",
            "consommation kwh an",
            "consommation annuelle",
            "consommation annuelle kwh",
            "consommation kwh",
            "kwh an",
            "kwh par an",
            "energie kwh an",
            "annual energy",
            "annual energy kwh",
            "measured kwh",
            "consommation mesuree",
            "electricite kwh an",
            "conso annuelle",
            "conso kwh",
        ],
        &["consommation", "energie", "energy", "kwh"],
    ),
    (
        Field::Country,
        &[
            "country",
            "pays",
            "country code",
            "code pays",
            "pays d utilisation",
        ],
        &["zone"],
    ),
    (
        Field::Department,
        &[
            "department",
            "service",
            "direction",
            "pole",
            "affectation",
            "service affectataire",
            "service utilisateur",
            "departement",
        ],
        &[
            "entite",
            "entity",
            "site",
            "batiment",
            "building",
            "lieu",
            "location",
            "structure",
        ],
    ),
    (
        Field::Label,
        &["label", "libelle", "designation", "description", "intitule"],
        &[
            "nom",
            "name",
            "remarque",
            "remarques",
            "commentaire",
            "commentaires",
            "observations",
            "notes",
            "comment",
        ],
    ),
    (
        Field::Model,
        &[
            "model",
            "modele",
            "reference",
            "reference modele",
            "modele de materiel",
            "marque et modele",
            "marque modele",
            "product",
            "produit",
        ],
        &["ref", "version"],
    ),
    (
        Field::Pue,
        &[
            "pue",
            "pue salle",
            "pue de la salle",
            "power usage effectiveness",
        ],
        &[],
    ),
];

impl Field {
    /// Every field, in the order of the schema.
    pub const ALL: [Field; 15] = [
        Field::Category,
        Field::Quantity,
        Field::Condition,
        Field::AcquisitionYear,
        Field::LifetimeYears,
        Field::AmortisationYears,
        Field::HoursPerDay,
        Field::DaysPerYear,
        Field::PowerW,
        Field::EnergyKwhPerYear,
        Field::Country,
        Field::Department,
        Field::Label,
        Field::Model,
        Field::Pue,
    ];

    /// Canonical column name (English, unit in the name).
    pub fn name(self) -> &'static str {
        match self {
            Field::Category => "category",
            Field::Quantity => "quantity",
            Field::Condition => "condition",
            Field::AcquisitionYear => "acquisition_year",
            Field::LifetimeYears => "lifetime_years",
            Field::AmortisationYears => "amortisation_years",
            Field::HoursPerDay => "hours_per_day",
            Field::DaysPerYear => "days_per_year",
            Field::PowerW => "power_w",
            Field::EnergyKwhPerYear => "energy_kwh_per_year",
            Field::Country => "country",
            Field::Department => "department",
            Field::Label => "label",
            Field::Model => "model",
            Field::Pue => "pue",
        }
    }

    /// Canonical French column name.
    pub fn name_fr(self) -> &'static str {
        match self {
            Field::Category => "categorie",
            Field::Quantity => "quantite",
            Field::Condition => "etat",
            Field::AcquisitionYear => "annee_acquisition",
            Field::LifetimeYears => "duree_vie",
            Field::AmortisationYears => "duree_amortissement",
            Field::HoursPerDay => "heures_jour",
            Field::DaysPerYear => "jours_an",
            Field::PowerW => "puissance_w",
            Field::EnergyKwhPerYear => "consommation_kwh_an",
            Field::Country => "pays",
            Field::Department => "service",
            Field::Label => "libelle",
            Field::Model => "modele",
            Field::Pue => "pue",
        }
    }

    /// How strongly a header names this field: 2 strong, 1 weak, 0 not at all.
    /// How strongly a header (its [`header_variants`]) names this field: 2 by its name or a
    /// strong alias, 1 by a weak alias, 0 not at all.
    fn match_strength(self, variants: &[String]) -> u8 {
        let (_, strong, weak) = ALIASES
            .iter()
            .find(|(f, _, _)| *f == self)
            .copied()
            .unwrap_or((self, &[], &[]));
        let canonical = &canonical_names()[self as usize];
        if variants
            .iter()
            .any(|v| canonical.contains(v) || strong.contains(&v.as_str()))
        {
            2
        } else if variants.iter().any(|v| weak.contains(&v.as_str())) {
            1
        } else {
            0
        }
    }

    /// Which field a header names, and how strongly.
    pub fn from_header(header: &str) -> Option<(Field, u8)> {
        let variants = header_variants(header);
        Field::ALL
            .iter()
            .map(|f| (*f, f.match_strength(&variants)))
            .filter(|(_, s)| *s > 0)
            .max_by_key(|(_, s)| *s)
    }
}

/// Each field's names (English and French) as [`normalize`] writes them, made once.
fn canonical_names() -> &'static [[String; 2]; Field::ALL.len()] {
    static NAMES: std::sync::OnceLock<[[String; 2]; Field::ALL.len()]> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        std::array::from_fn(|i| {
            let f = Field::ALL[i];
            [normalize(f.name()), normalize(f.name_fr())]
        })
    })
}

/// The header as written, and without its parenthesised unit ("Durée de vie (ans)").
fn header_variants(header: &str) -> Vec<String> {
    let full = normalize(header);
    let mut out = vec![full.clone()];
    if let Some(open) = header.find(['(', '[']) {
        let short = normalize(&header[..open]);
        if !short.is_empty() && short != full {
            out.push(short);
        }
    }
    out
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_numbered_in_order() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    #[test]
    fn canonical_names_in_both_languages() {
        for f in Field::ALL {
            assert_eq!(Field::from_header(f.name()).map(|m| m.0), Some(f), "{f}");
            assert_eq!(
                Field::from_header(f.name_fr()).map(|m| m.0),
                Some(f),
                "{}",
                f.name_fr()
            );
        }
    }

    #[test]
    fn headers_of_an_asset_register() {
        // As an accounting asset register writes them ("Désignation" is read as the type when
        // no column names it: `ColumnMap::from_headers`).
        for (header, field, strength) in [
            ("Désignation", Field::Label, 2),
            ("Etat du matériel", Field::Condition, 2),
            ("Utilisation quotidienne (h)", Field::HoursPerDay, 2),
            ("Heures d'utilisation", Field::HoursPerDay, 2),
            ("Jours d'utilisation", Field::DaysPerYear, 2),
            ("Conso annuelle (kWh)", Field::EnergyKwhPerYear, 2),
            ("Conso kWh", Field::EnergyKwhPerYear, 2),
            ("Date de mise en service", Field::AcquisitionYear, 2),
            ("Nombre", Field::Quantity, 2),
            ("Amortissement", Field::AmortisationYears, 2),
        ] {
            assert_eq!(
                Field::from_header(header),
                Some((field, strength)),
                "{header}"
            );
        }
    }
}
