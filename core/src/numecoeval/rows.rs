//! The rows of each NumEcoEval file, typed, with errors that name their column and say what
//! would be valid.

use super::sheet::{column_error, Cells, Date};
use crate::inventory::RowError;

/// A `DataCenter` row.
#[derive(Debug, Clone)]
pub(super) struct DataCentreRow {
    pub name: String,
    pub long_name: Option<String>,
    pub pue: Option<f64>,
    pub location: String,
}

/// PUE accepted, as the fleet model accepts it: from 1 (IT only) to 5.
const PUE: (f64, f64) = (1.0, 5.0);

impl DataCentreRow {
    pub fn read(c: &Cells<'_>) -> Result<DataCentreRow, RowError> {
        Ok(DataCentreRow {
            name: c.required("nomCourtDatacenter")?,
            long_name: c.text("nomLongDatacenter")?,
            pue: c.number_in("pue", PUE, false, "a PUE from 1 (IT only) to 5")?,
            location: c.required("localisation")?,
        })
    }
}

/// What `statut` says of a device's use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// In use (the default).
    InUse,
    /// Not used: in stock, retired, out of service; no electricity.
    NotUsed,
    /// A word the reader does not know: read as in use, with a warning.
    Unknown,
}

impl Status {
    fn parse(text: Option<&str>) -> Status {
        let Some(t) = text else {
            return Status::InUse;
        };
        match crate::names::normalize(t).as_str() {
            "in use"
            | "en service"
            | "en cours d utilisation"
            | "utilise"
            | "actif"
            | "active"
            | "used"
            | "in service"
            | "en usage" => Status::InUse,
            "not used" | "non utilise" | "unused" | "retired" | "retire" | "en stock" | "stock"
            | "in stock" | "hors service" | "out of service" | "au rebut" | "rebut" | "inactif"
            | "inactive" => Status::NotUsed,
            _ => Status::Unknown,
        }
    }
}

/// An `EquipementPhysique` row.
#[derive(Debug, Clone)]
pub(super) struct EquipmentRow {
    pub name: String,
    pub model: Option<String>,
    pub quantity: u32,
    pub data_centre: Option<String>,
    pub purchase: Option<Date>,
    pub retirement: Option<Date>,
    pub kind: String,
    pub status: Status,
    pub status_written: Option<String>,
    pub country: Option<String>,
    pub energy_kwh: Option<f64>,
    pub entity: Option<String>,
}

impl EquipmentRow {
    pub fn read(c: &Cells<'_>) -> Result<EquipmentRow, RowError> {
        let max = crate::inventory::MAX_QUANTITY;
        let expected = format!("a whole number of devices from 1 to {max}");
        let quantity = match c.number_in("quantite", (0.0, f64::from(max)), true, &expected)? {
            None => 1,
            Some(q) if q.fract() == 0.0 => q as u32,
            Some(q) => {
                return Err(column_error(
                    "quantite",
                    "not_whole",
                    format!(
                        "{} is not a whole number; expected {expected}",
                        crate::decimal::Num(q)
                    ),
                ))
            }
        };
        let purchase = c.date("dateAchat")?;
        let retirement = c.date("dateRetrait")?;
        if let (Some(p), Some(r)) = (purchase, retirement) {
            if r < p {
                return Err(column_error(
                    "dateRetrait",
                    "numecoeval_date_order",
                    format!(
                        "retired on {r}, before it was bought on {p} (dateAchat); expected a date on or after {p}"
                    ),
                ));
            }
        }
        let status_written = c.text("statut")?;
        Ok(EquipmentRow {
            name: c.required("nomEquipementPhysique")?,
            model: c.text("modele")?,
            quantity,
            data_centre: c.text("nomCourtDatacenter")?,
            purchase,
            retirement,
            kind: c.required("type")?,
            status: Status::parse(status_written.as_deref()),
            status_written,
            country: c.text("paysDUtilisation")?,
            energy_kwh: c.number_in(
                "consoElecAnnuelle",
                (0.0, crate::fleet::MAX_ENERGY_KWH),
                false,
                "kWh per device and year, 0 or more",
            )?,
            entity: c.text("nomEntite")?,
        })
    }
}

/// What a virtual machine is for (`typeEqv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VmKind {
    /// `calcul`: shares its host by vCPU.
    Compute,
    /// `stockage`: shares its host by storage.
    Storage,
}

impl VmKind {
    pub fn id(self) -> &'static str {
        match self {
            VmKind::Compute => "compute",
            VmKind::Storage => "storage",
        }
    }
}

/// An `EquipementVirtuel` row.
#[derive(Debug, Clone)]
pub(super) struct VirtualRow {
    pub name: String,
    pub host: String,
    pub key: Option<f64>,
    pub vcpu: Option<f64>,
    pub cluster: Option<String>,
    pub kind: VmKind,
    pub storage_tb: Option<f64>,
    pub entity: Option<String>,
}

impl VirtualRow {
    pub fn read(c: &Cells<'_>) -> Result<VirtualRow, RowError> {
        if let Some(t) = c.text("typeInfrastructure")? {
            if crate::names::normalize(&t) != "non cloud servers" {
                return Err(column_error(
                    "typeInfrastructure",
                    "numecoeval_cloud_not_read",
                    format!(
                        "{t:?}: only virtual machines on physical equipment of the inventory are read \
                         (NON_CLOUD_SERVERS); describe cloud instances as an estate's [[cloud]] entries"
                    ),
                ));
            }
        }
        let kind = match c.text("typeEqv")? {
            None => VmKind::Compute,
            Some(t) => match crate::names::normalize(&t).as_str() {
                "calcul" | "compute" | "calculation" => VmKind::Compute,
                "stockage" | "storage" => VmKind::Storage,
                _ => {
                    return Err(column_error(
                        "typeEqv",
                        "numecoeval_unknown_kind",
                        format!(
                            "{t:?} is not a kind of virtual machine; expected calcul or stockage"
                        ),
                    ))
                }
            },
        };
        Ok(VirtualRow {
            name: c.required("nomEquipementVirtuel")?,
            host: c.text("nomEquipementPhysique")?.ok_or_else(|| {
                column_error(
                    "nomEquipementPhysique",
                    "missing_value",
                    "a virtual machine names its host, an equipment of the EquipementPhysique file"
                        .to_string(),
                )
            })?,
            key: c.number_in("cleRepartition", (0.0, 1.0), false, "a share from 0 to 1")?,
            vcpu: c.number_in("vCPU", (0.0, 1.0e6), false, "a number of vCPU, 0 or more")?,
            cluster: c.text("cluster")?,
            kind,
            storage_tb: c.number_in(
                "capaciteStockage",
                (0.0, 1.0e9),
                false,
                "a storage capacity (TB), 0 or more",
            )?,
            entity: c.text("nomEntite")?,
        })
    }
}

/// An `Application` row.
#[derive(Debug, Clone)]
pub(super) struct ApplicationRow {
    pub name: String,
    pub environment: Option<String>,
    pub vm: Option<String>,
    pub host: Option<String>,
    pub domain: Option<String>,
    pub sub_domain: Option<String>,
    pub entity: Option<String>,
}

impl ApplicationRow {
    pub fn read(c: &Cells<'_>) -> Result<ApplicationRow, RowError> {
        let row = ApplicationRow {
            name: c.required("nomApplication")?,
            environment: c.text("typeEnvironnement")?,
            vm: c.text("nomEquipementVirtuel")?,
            host: c.text("nomEquipementPhysique")?,
            domain: c.text("domaine")?,
            sub_domain: c.text("sousDomaine")?,
            entity: c.text("nomEntite")?,
        };
        if row.vm.is_none() && row.host.is_none() {
            return Err(column_error(
                "nomEquipementVirtuel",
                "missing_value",
                "an application runs on a virtual machine (nomEquipementVirtuel) or a physical \
                 equipment (nomEquipementPhysique); this row names neither"
                    .to_string(),
            ));
        }
        Ok(row)
    }
}

/// A `Messagerie` row: one month of e-mails.
#[derive(Debug, Clone)]
pub(super) struct MessagingRow {
    pub sent: f64,
    pub sent_times_recipients: f64,
    pub volume_mb: f64,
    pub year: i32,
    pub entity: Option<String>,
}

impl MessagingRow {
    pub fn read(c: &Cells<'_>) -> Result<MessagingRow, RowError> {
        let count = |column: &str, what: &str| -> Result<f64, RowError> {
            c.number_in(column, (0.0, 1.0e15), false, what)?
                .ok_or_else(|| column_error(column, "missing_value", format!("{what} is required")))
        };
        let sent = count("nombreMailEmis", "a number of e-mails sent, 0 or more")?;
        let times = count(
            "nombreMailEmisXDestinataires",
            "the e-mails sent times their recipients, 0 or more",
        )?;
        let volume = count(
            "volumeTotalMailEmis",
            "the volume of the e-mails sent (MB), 0 or more",
        )?;
        if times < sent {
            return Err(column_error(
                "nombreMailEmisXDestinataires",
                "out_of_range",
                format!(
                    "{} is fewer than the e-mails sent ({}): every e-mail has at least one recipient",
                    crate::decimal::Num(times),
                    crate::decimal::Num(sent)
                ),
            ));
        }
        let month = c.required("MoisAnnee")?;
        let digits: String = month.chars().filter(char::is_ascii_digit).collect();
        let (m, y) = match (digits.len(), month.find(['-'])) {
            // AAAA-MM
            (6, Some(4)) => (&digits[4..], &digits[..4]),
            // MMAAAA, MM/AAAA
            (6, _) => (&digits[..2], &digits[2..]),
            _ => ("", ""),
        };
        let year = match (m.parse::<u32>(), y.parse::<i32>()) {
            (Ok(m), Ok(y)) if (1..=12).contains(&m) && (1970..=2200).contains(&y) => y,
            _ => {
                return Err(column_error(
                    "MoisAnnee",
                    "invalid_date",
                    format!("{month:?} is not a month; expected MMAAAA (012025 for January 2025)"),
                ))
            }
        };
        Ok(MessagingRow {
            sent,
            sent_times_recipients: times,
            volume_mb: volume,
            year,
            entity: c.text("nomEntite")?,
        })
    }
}

/// An `Entite` row.
#[derive(Debug, Clone)]
pub(super) struct EntityRow {
    pub name: String,
    pub agents: f64,
}

impl EntityRow {
    pub fn read(c: &Cells<'_>) -> Result<EntityRow, RowError> {
        Ok(EntityRow {
            name: c.required("nomEntite")?,
            agents: c
                .number_in(
                    "nbCollaborateurs",
                    (0.0, 1.0e9),
                    false,
                    "a number of agents, 0 or more",
                )?
                .ok_or_else(|| {
                    column_error(
                        "nbCollaborateurs",
                        "missing_value",
                        "a number of agents is required".into(),
                    )
                })?,
        })
    }
}
