//! NumEcoEval / G4IT files: the French ministry's engine for the footprint of an information
//! system (NumEcoEval) and the platform built on it (G4IT, Apache-2.0) describe a body's IT in
//! CSV files — data centres with their PUE, physical equipment, virtual machines, applications,
//! e-mail volumes, entities — and distribute reference factors as a *référentiel* (`ref_*`
//! tables). This module reads the inventories as an estate, and writes results in their shape;
//! the référentiel loads as a dataset ([`crate::dataset::Dataset::from_referential`]).
//!
//! - Physical equipment is fleet lines, through the one classifier (`type` and `modele`), the
//!   fleet model and its annualisation: the lifespan is `dateRetrait − dateAchat` when both are
//!   given (never below one year, as NumEcoEval), the dataset's otherwise; equipment retired
//!   before the reporting year carries nothing, equipment retired during it its use up to its
//!   retirement; `statut` "Not used" carries no use; `consoElecAnnuelle` is measured kWh;
//!   `nomEntite` is the department.
//! - Equipment in a data centre runs at its PUE and draws its electricity where it stands; it
//!   is hosting, with the servers.
//! - A virtual machine is a share of its host (`cleRepartition`, else its vCPU over the host's
//!   compute machines', its storage over the storage machines' for storage machines): results
//!   by virtual machine and by application and environment, breakdowns of the hosts' figures,
//!   never added to the totals twice.
//! - Messagerie is the e-mail service over the reporting year (ADEME's per-use model, the
//!   terminals left out when the inventory counts them); Entite gives the agents, for per-agent
//!   figures.
//! - Every row of every file is evaluated or rejected with its file, line and column.
//!
//! ```
//! use empreinte::numecoeval::evaluate_numecoeval;
//! use empreinte::{Dataset, EvaluationOptions};
//!
//! let files = vec![
//!     ("datacenter.csv".to_string(), b"nomCourtDatacenter;pue;localisation\nDC1;1.4;France\n".to_vec()),
//!     ("equipements.csv".to_string(),
//!      b"nomEquipementPhysique;type;quantite;nomCourtDatacenter;dateAchat;paysDUtilisation\n\
//!        srv-1;Server;2;DC1;2023-03-01;France\n".to_vec()),
//!     ("vms.csv".to_string(), b"nomEquipementVirtuel;nomEquipementPhysique;vCPU\nvm-a;srv-1;4\nvm-b;srv-1;12\n".to_vec()),
//! ];
//! let report = evaluate_numecoeval(Dataset::embedded_default(), &files, &EvaluationOptions::new(2025))?;
//! let section = report.estate.as_ref().unwrap().numecoeval.as_ref().unwrap();
//! assert_eq!(section.data_centres[0].pue, Some(1.4));
//! assert_eq!(section.virtual_machines[1].share, 0.75);
//! assert_eq!(report.counts.rows_read, report.counts.rows_evaluated + report.counts.rows_rejected);
//! # Ok::<(), empreinte::estate::EstateError>(())
//! ```

mod evaluate;
mod groups;
mod output;
mod rows;
mod sheet;
mod virtual_machines;

pub use evaluate::{evaluate_numecoeval, evaluate_numecoeval_with};

/// Files by name, with their bytes.
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// An evaluation with what the review needs: the report, the physical equipment's lines as
/// evaluated (with their lines in their file), the estate the inventory makes (its services).
pub type WithLines = (
    crate::report::Report,
    Vec<(u64, crate::inventory::EquipmentLine)>,
    crate::estate::Estate,
);
pub use output::{indicator_rows, write_csv, IndicatorKeys, IndicatorRow, CRITERIA, HEADER};

// What an evaluation adds to the report is the report's, with the estate section it is part of.
pub use crate::report::numecoeval::{
    ApplicationResult, DataCentreResult, EntityResult, EquipmentTypeResult, NumEcoEvalSection,
    ShareRule, VirtualMachineResult,
};

/// The kinds of NumEcoEval inventory files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// `Entite`: entities and their number of agents.
    Entity,
    /// `DataCenter`: data centres, their PUE and location.
    DataCentre,
    /// `EquipementPhysique`: physical equipment.
    PhysicalEquipment,
    /// `EquipementVirtuel`: virtual machines on physical hosts.
    VirtualEquipment,
    /// `Application`: applications on virtual machines, by environment.
    Application,
    /// `Messagerie`: e-mails sent per month.
    Messaging,
}

/// A column of a NumEcoEval file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name, as NumEcoEval writes it.
    pub name: &'static str,
    /// Whether a file of its kind must have it.
    pub mandatory: bool,
    /// Whether the evaluation reads it (others are listed as ignored).
    pub used: bool,
}

const fn col(name: &'static str, mandatory: bool, used: bool) -> Column {
    Column {
        name,
        mandatory,
        used,
    }
}

const DATA_CENTRE: &[Column] = &[
    col("nomCourtDatacenter", true, true),
    col("nomLongDatacenter", false, true),
    col("pue", false, true),
    col("localisation", true, true),
    col("nomEntite", false, false),
    col("nomSourceDonnee", false, false),
    col("qualite", false, false),
];

const PHYSICAL: &[Column] = &[
    col("nomEquipementPhysique", true, true),
    col("modele", false, true),
    col("quantite", false, true),
    col("nomCourtDatacenter", false, true),
    col("dateAchat", false, true),
    col("dateRetrait", false, true),
    col("type", true, true),
    col("statut", false, true),
    col("paysDUtilisation", false, true),
    col("consoElecAnnuelle", false, true),
    col("nomEntite", false, true),
    col("dureeUsageInterne", false, false),
    col("dureeUsageAmont", false, false),
    col("dureeUsageAval", false, false),
    col("utilisateur", false, false),
    col("nomSourceDonnee", false, false),
    col("nbCoeur", false, false),
    col("modeUtilisation", false, false),
    col("tauxUtilisation", false, false),
    col("qualite", false, false),
    col("fabricant", false, false),
    col("tailleDuDisque", false, false),
    col("tailleMemoire", false, false),
    col("typeDeProcesseur", false, false),
    col("dureeUtilisation", false, false),
    col("nombreUtilisateur", false, false),
];

const VIRTUAL: &[Column] = &[
    col("nomEquipementVirtuel", true, true),
    col("nomEquipementPhysique", false, true),
    col("cleRepartition", false, true),
    col("vCPU", false, true),
    col("cluster", false, true),
    col("typeEqv", false, true),
    col("capaciteStockage", false, true),
    col("nomEntite", false, true),
    col("typeInfrastructure", false, true),
    col("nomSourceDonneeEquipementPhysique", false, false),
    col("consoElecAnnuelle", false, false),
    col("consoElecAn", false, false),
    col("nomSourceDonnee", false, false),
    col("qualite", false, false),
    col("quantite", false, false),
    col("provider", false, false),
    col("typeInstance", false, false),
    col("location", false, false),
    col("chargeMoy", false, false),
    col("dureeUtilisationAnnuelle", false, false),
];

const APPLICATION: &[Column] = &[
    col("nomApplication", true, true),
    col("typeEnvironnement", false, true),
    col("nomEquipementVirtuel", false, true),
    col("nomEquipementPhysique", false, true),
    col("domaine", false, true),
    col("sousDomaine", false, true),
    col("nomEntite", false, true),
    col("nomSourceDonneeEquipementVirtuel", false, false),
    col("nomSourceEquipementVirtuel", false, false),
    col("nomSourceDonnee", false, false),
    col("qualite", false, false),
    col("associeAvecUnEquipmentCloud", false, false),
];

const MESSAGING: &[Column] = &[
    col("nombreMailEmis", true, true),
    col("nombreMailEmisXDestinataires", true, true),
    col("volumeTotalMailEmis", true, true),
    col("MoisAnnee", true, true),
    col("nomEntite", false, true),
    col("nomSourceDonnee", false, false),
];

const ENTITY: &[Column] = &[
    col("nomEntite", true, true),
    col("nbCollaborateurs", true, true),
    col("responsableEntite", false, false),
    col("responsableNumeriqueResponsable", false, false),
    col("nomSourceDonnee", false, false),
];

impl FileKind {
    /// Every kind, in the order they are read.
    pub const ALL: [FileKind; 6] = [
        FileKind::Entity,
        FileKind::DataCentre,
        FileKind::PhysicalEquipment,
        FileKind::VirtualEquipment,
        FileKind::Application,
        FileKind::Messaging,
    ];

    /// NumEcoEval's name of the file (`EquipementPhysique`).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Entity => "Entite",
            FileKind::DataCentre => "DataCenter",
            FileKind::PhysicalEquipment => "EquipementPhysique",
            FileKind::VirtualEquipment => "EquipementVirtuel",
            FileKind::Application => "Application",
            FileKind::Messaging => "Messagerie",
        }
    }

    /// Stable id, the `kind` of its source in the report (`numecoeval_physical_equipment`).
    pub fn id(self) -> &'static str {
        match self {
            FileKind::Entity => "numecoeval_entity",
            FileKind::DataCentre => "numecoeval_data_centre",
            FileKind::PhysicalEquipment => "numecoeval_physical_equipment",
            FileKind::VirtualEquipment => "numecoeval_virtual_equipment",
            FileKind::Application => "numecoeval_application",
            FileKind::Messaging => "numecoeval_messaging",
        }
    }

    /// The columns of a file of this kind, NumEcoEval's and G4IT's.
    pub fn columns(self) -> &'static [Column] {
        match self {
            FileKind::Entity => ENTITY,
            FileKind::DataCentre => DATA_CENTRE,
            FileKind::PhysicalEquipment => PHYSICAL,
            FileKind::VirtualEquipment => VIRTUAL,
            FileKind::Application => APPLICATION,
            FileKind::Messaging => MESSAGING,
        }
    }
}

/// The kind of NumEcoEval file a file is, told by its header row (its first bytes are enough:
/// a few KB), `;` or `,`, UTF-8 or Windows-1252; `None` when it is not one.
pub fn detect(head: &[u8]) -> Option<FileKind> {
    let (text, _) = crate::text::decode_auto(head);
    sheet::kind_of(&sheet::header_keys(&text))
}

/// The largest NumEcoEval file read, in bytes (about a million rows of physical equipment);
/// several files of a kind are read together, so a larger inventory is split, not refused.
pub const MAX_FILE_BYTES: usize = 128 << 20;

/// The most data rows a NumEcoEval file may have (about 1.3 KB of memory each while read).
pub const MAX_ROWS: usize = 1_000_000;

/// Bytes of a file enough to tell a NumEcoEval file by its header.
pub const DETECTION_HEAD_BYTES: usize = 4096;

/// The files of `paths` when one of them is a NumEcoEval file, read whole (a folder: its files,
/// by their names, sorted; a file: by its path as given); `None` when none is (an inventory, a
/// GLPI folder, an estate), read no further than their first bytes.
pub fn read_paths(
    paths: &[std::path::PathBuf],
) -> Result<Option<NamedFiles>, crate::estate::EstateError> {
    use std::io::Read;
    let io = |p: &std::path::Path, e: std::io::Error| crate::estate::EstateError::File {
        path: "numecoeval".into(),
        file: p.display().to_string(),
        message: e.to_string(),
    };
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(p)
                .map_err(|e| io(p, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .collect();
            found.sort();
            for f in found {
                let name = f
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                files.push((name, f));
            }
        } else {
            files.push((p.display().to_string(), p.clone()));
        }
    }
    let head = |p: &std::path::Path| {
        let mut head = Vec::new();
        if let Ok(f) = std::fs::File::open(p) {
            let _ = f.take(DETECTION_HEAD_BYTES as u64).read_to_end(&mut head);
        }
        head
    };
    if !files.iter().any(|(_, p)| detect(&head(p)).is_some()) {
        return Ok(None);
    }
    // A file over the limit is refused before it is read.
    for (name, p) in &files {
        if let Ok(m) = std::fs::metadata(p) {
            if m.len() > MAX_FILE_BYTES as u64 {
                return Err(sheet::too_large(name, m.len(), MAX_FILE_BYTES));
            }
        }
    }
    files
        .into_iter()
        .map(|(name, p)| std::fs::read(&p).map(|b| (name, b)).map_err(|e| io(&p, e)))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
