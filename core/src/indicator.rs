//! Impact indicators (EF 3.x and a few others) and life-cycle phases.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An environmental impact indicator. A dataset carries some of them; the others are
/// "not available" for it, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Climate change, GWP100 (kg CO2 eq).
    ClimateChange,
    /// Ozone depletion (kg CFC-11 eq).
    OzoneDepletion,
    /// Ionising radiation, human health (kBq U235 eq).
    IonisingRadiation,
    /// Photochemical ozone formation (kg NMVOC eq).
    PhotochemicalOzoneFormation,
    /// Particulate matter (disease incidence).
    ParticulateMatter,
    /// Human toxicity, cancer effects (CTUh).
    HumanToxicityCancer,
    /// Human toxicity, non-cancer effects (CTUh).
    HumanToxicityNonCancer,
    /// Acidification (mol H+ eq).
    Acidification,
    /// Eutrophication, freshwater (kg P eq).
    EutrophicationFreshwater,
    /// Eutrophication, marine (kg N eq).
    EutrophicationMarine,
    /// Eutrophication, terrestrial (mol N eq).
    EutrophicationTerrestrial,
    /// Ecotoxicity, freshwater (CTUe).
    EcotoxicityFreshwater,
    /// Land use (pt, soil quality index).
    LandUse,
    /// EF water use, AWARE-weighted (m³ world eq. deprived).
    WaterUse,
    /// Abiotic depletion, fossil resources (ADPf, MJ).
    ResourceUseFossils,
    /// Abiotic depletion, minerals and metals (ADPe, kg Sb eq).
    ResourceUseMineralsMetals,
    /// Primary energy (MJ); not an EF category but asked for by the RGESN (criterion 1.5).
    PrimaryEnergy,
    /// Water consumed, withdrawn and not returned (m³): in the shipped datasets, WRI 2020's water
    /// consumed by electricity generation, per kWh (a volume, not AWARE-weighted).
    WaterConsumption,
    /// ADEME's own indicator "eau" (m³) as its digital LCA model gives it for devices: its definition
    /// is not published, so it is kept apart and never added to [`Indicator::WaterConsumption`].
    WaterAdeme,
    /// Material input per service unit (MIPS, kg).
    MaterialInput,
}

impl Indicator {
    /// Every indicator, in reporting order.
    pub const ALL: [Indicator; 20] = [
        Indicator::ClimateChange,
        Indicator::ResourceUseMineralsMetals,
        Indicator::PrimaryEnergy,
        Indicator::WaterConsumption,
        Indicator::WaterAdeme,
        Indicator::WaterUse,
        Indicator::ResourceUseFossils,
        Indicator::Acidification,
        Indicator::ParticulateMatter,
        Indicator::IonisingRadiation,
        Indicator::OzoneDepletion,
        Indicator::PhotochemicalOzoneFormation,
        Indicator::HumanToxicityCancer,
        Indicator::HumanToxicityNonCancer,
        Indicator::EutrophicationFreshwater,
        Indicator::EutrophicationMarine,
        Indicator::EutrophicationTerrestrial,
        Indicator::EcotoxicityFreshwater,
        Indicator::LandUse,
        Indicator::MaterialInput,
    ];

    /// Stable identifier used in CSV files, JSON and every binding.
    pub fn id(self) -> &'static str {
        match self {
            Indicator::ClimateChange => "climate_change",
            Indicator::OzoneDepletion => "ozone_depletion",
            Indicator::IonisingRadiation => "ionising_radiation",
            Indicator::PhotochemicalOzoneFormation => "photochemical_ozone_formation",
            Indicator::ParticulateMatter => "particulate_matter",
            Indicator::HumanToxicityCancer => "human_toxicity_cancer",
            Indicator::HumanToxicityNonCancer => "human_toxicity_non_cancer",
            Indicator::Acidification => "acidification",
            Indicator::EutrophicationFreshwater => "eutrophication_freshwater",
            Indicator::EutrophicationMarine => "eutrophication_marine",
            Indicator::EutrophicationTerrestrial => "eutrophication_terrestrial",
            Indicator::EcotoxicityFreshwater => "ecotoxicity_freshwater",
            Indicator::LandUse => "land_use",
            Indicator::WaterUse => "water_use",
            Indicator::ResourceUseFossils => "resource_use_fossils",
            Indicator::ResourceUseMineralsMetals => "resource_use_minerals_metals",
            Indicator::PrimaryEnergy => "primary_energy",
            Indicator::WaterConsumption => "water_consumption",
            Indicator::WaterAdeme => "water_ademe",
            Indicator::MaterialInput => "material_input",
        }
    }

    /// Unit of the indicator, exactly as written in dataset files.
    pub fn unit(self) -> &'static str {
        match self {
            Indicator::ClimateChange => "kgCO2e",
            Indicator::OzoneDepletion => "kgCFC-11e",
            Indicator::IonisingRadiation => "kBqU235e",
            Indicator::PhotochemicalOzoneFormation => "kgNMVOCe",
            Indicator::ParticulateMatter => "disease_incidence",
            Indicator::HumanToxicityCancer | Indicator::HumanToxicityNonCancer => "CTUh",
            Indicator::Acidification => "molH+e",
            Indicator::EutrophicationFreshwater => "kgPe",
            Indicator::EutrophicationMarine => "kgNe",
            Indicator::EutrophicationTerrestrial => "molNe",
            Indicator::EcotoxicityFreshwater => "CTUe",
            Indicator::LandUse => "pt",
            Indicator::WaterUse => "m3_world_eq_deprived",
            Indicator::ResourceUseFossils | Indicator::PrimaryEnergy => "MJ",
            Indicator::ResourceUseMineralsMetals => "kgSbe",
            Indicator::WaterConsumption | Indicator::WaterAdeme => "m3",
            Indicator::MaterialInput => "kg",
        }
    }

    /// French label for reports.
    pub fn label_fr(self) -> &'static str {
        match self {
            Indicator::ClimateChange => "Changement climatique",
            Indicator::OzoneDepletion => "Appauvrissement de la couche d'ozone",
            Indicator::IonisingRadiation => "Rayonnements ionisants",
            Indicator::PhotochemicalOzoneFormation => "Formation d'ozone photochimique",
            Indicator::ParticulateMatter => "Particules fines",
            Indicator::HumanToxicityCancer => "Toxicité humaine, effets cancérigènes",
            Indicator::HumanToxicityNonCancer => "Toxicité humaine, effets non cancérigènes",
            Indicator::Acidification => "Acidification",
            Indicator::EutrophicationFreshwater => "Eutrophisation eau douce",
            Indicator::EutrophicationMarine => "Eutrophisation marine",
            Indicator::EutrophicationTerrestrial => "Eutrophisation terrestre",
            Indicator::EcotoxicityFreshwater => "Écotoxicité eau douce",
            Indicator::LandUse => "Utilisation des sols",
            Indicator::WaterUse => "Utilisation de l'eau (AWARE)",
            Indicator::ResourceUseFossils => "Épuisement des ressources fossiles",
            Indicator::ResourceUseMineralsMetals => {
                "Épuisement des ressources minérales et métalliques"
            }
            Indicator::PrimaryEnergy => "Énergie primaire",
            Indicator::WaterConsumption => "Eau consommée",
            Indicator::WaterAdeme => "Eau selon ADEME (« eau », non définie, expérimental)",
            Indicator::MaterialInput => "Intensité matérielle (MIPS)",
        }
    }

    /// English label for reports.
    pub fn label_en(self) -> &'static str {
        match self {
            Indicator::ClimateChange => "Climate change",
            Indicator::OzoneDepletion => "Ozone depletion",
            Indicator::IonisingRadiation => "Ionising radiation",
            Indicator::PhotochemicalOzoneFormation => "Photochemical ozone formation",
            Indicator::ParticulateMatter => "Particulate matter",
            Indicator::HumanToxicityCancer => "Human toxicity, cancer",
            Indicator::HumanToxicityNonCancer => "Human toxicity, non-cancer",
            Indicator::Acidification => "Acidification",
            Indicator::EutrophicationFreshwater => "Eutrophication, freshwater",
            Indicator::EutrophicationMarine => "Eutrophication, marine",
            Indicator::EutrophicationTerrestrial => "Eutrophication, terrestrial",
            Indicator::EcotoxicityFreshwater => "Ecotoxicity, freshwater",
            Indicator::LandUse => "Land use",
            Indicator::WaterUse => "Water use (AWARE)",
            Indicator::ResourceUseFossils => "Resource use, fossils",
            Indicator::ResourceUseMineralsMetals => "Resource use, minerals and metals",
            Indicator::PrimaryEnergy => "Primary energy",
            Indicator::WaterConsumption => "Water consumed",
            Indicator::WaterAdeme => "Water per ADEME (“eau”, undefined, experimental)",
            Indicator::MaterialInput => "Material input (MIPS)",
        }
    }

    /// Label in the requested language.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.label_fr(),
            Lang::En => self.label_en(),
        }
    }

    /// Parses a stable identifier.
    pub fn from_id(id: &str) -> Option<Indicator> {
        Indicator::ALL.iter().copied().find(|i| i.id() == id)
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A life-cycle phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Manufacturing: raw materials, components, assembly.
    Manufacturing,
    /// Distribution: transport to the user.
    Distribution,
    /// Use: the electricity consumed.
    Use,
    /// End of life: collection and treatment.
    EndOfLife,
}

impl Phase {
    /// Every phase, in life-cycle order.
    pub const ALL: [Phase; 4] = [
        Phase::Manufacturing,
        Phase::Distribution,
        Phase::Use,
        Phase::EndOfLife,
    ];
    /// The phases of embodied impacts (everything but use).
    pub const EMBODIED: [Phase; 3] = [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife];

    /// Stable id: `manufacturing`, `distribution`, `use`, `end_of_life`.
    pub fn id(self) -> &'static str {
        match self {
            Phase::Manufacturing => "manufacturing",
            Phase::Distribution => "distribution",
            Phase::Use => "use",
            Phase::EndOfLife => "end_of_life",
        }
    }

    /// The phase of a stable id, if any.
    pub fn from_id(id: &str) -> Option<Phase> {
        Phase::ALL.iter().copied().find(|p| p.id() == id)
    }

    /// Position in [`Phase::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The label in French or English.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Phase::Manufacturing, Lang::Fr) => "Fabrication",
            (Phase::Distribution, Lang::Fr) => "Distribution",
            (Phase::Use, Lang::Fr) => "Utilisation",
            (Phase::EndOfLife, Lang::Fr) => "Fin de vie",
            (Phase::Manufacturing, Lang::En) => "Manufacturing",
            (Phase::Distribution, Lang::En) => "Distribution",
            (Phase::Use, Lang::En) => "Use",
            (Phase::EndOfLife, Lang::En) => "End of life",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Language of user-facing labels. French by default: the users are French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}
