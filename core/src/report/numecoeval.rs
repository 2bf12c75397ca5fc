//! What the evaluation of a NumEcoEval / G4IT inventory adds to an estate's report
//! (`EstateSection::numecoeval`): results by data centre, equipment type (as written), entity
//! (with per-agent figures), virtual machine and application, as NumEcoEval gives them.

use super::ImpactTable;
use crate::fleet::{LineFootprint, TOTAL};
use serde::Serialize;

/// Physical equipment of one data centre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataCentreResult {
    /// `nomCourtDatacenter`.
    pub name: String,
    /// `nomLongDatacenter`, when given.
    pub long_name: Option<String>,
    /// Its PUE, when given (its equipment's electricity is multiplied by it).
    pub pue: Option<f64>,
    /// `localisation`: where its equipment draws its electricity.
    pub location: String,
    /// Equipment lines in it.
    pub lines: u64,
    /// Devices on those lines.
    pub devices: u64,
    /// Electricity of its equipment over the year, PUE included (kWh).
    pub electricity_kwh: f64,
    /// Impacts by indicator and phase, with ranges.
    pub impacts: ImpactTable,
}

/// Physical equipment of one type, as the inventory writes it (`type`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EquipmentTypeResult {
    /// The type as written (`Server`, `Laptop`).
    pub name: String,
    /// Equipment lines of the type.
    pub lines: u64,
    /// Devices on those lines.
    pub devices: u64,
    /// Electricity over the year (kWh).
    pub electricity_kwh: f64,
    /// Impacts by indicator and phase, with ranges.
    pub impacts: ImpactTable,
}

/// One entity (`nomEntite`): its equipment and services, and per agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityResult {
    /// The entity (`None`: lines that name none).
    pub name: Option<String>,
    /// `nbCollaborateurs` of the Entite file, when it gives the entity.
    pub agents: Option<f64>,
    /// Impacts of its equipment and services.
    pub impacts: ImpactTable,
    /// The same per agent, when the number of agents is given and above 0.
    pub per_agent: Option<ImpactTable>,
}

/// How a virtual machine's share of its host was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRule {
    /// `cleRepartition`, as given.
    Given,
    /// Its vCPU over the vCPU of the host's compute machines.
    Vcpu,
    /// Its storage over the storage of the host's storage machines.
    Storage,
    /// One over the number of machines of the host (the host's machines do not all give their
    /// vCPU or storage).
    Equal,
}

/// One virtual machine: a share of its host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VirtualMachineResult {
    /// `nomEquipementVirtuel`.
    pub name: String,
    /// The physical host (`nomEquipementPhysique`).
    pub host: String,
    /// `cluster`, when given.
    pub cluster: Option<String>,
    /// Its entity, else its host's.
    pub entity: Option<String>,
    /// `compute` or `storage` (`typeEqv`).
    pub kind: &'static str,
    /// Its share of the host's footprint (0 to 1).
    pub share: f64,
    /// How the share was set.
    pub share_rule: ShareRule,
    /// Its share of the host's electricity (kWh).
    pub electricity_kwh: f64,
    /// Its share of the host's impacts.
    pub impacts: ImpactTable,
}

/// One application in one environment: the sum of its shares of virtual machines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationResult {
    /// `nomApplication`.
    pub name: String,
    /// `typeEnvironnement` (`Production`, `Test`...), when given.
    pub environment: Option<String>,
    /// `domaine`, when given.
    pub domain: Option<String>,
    /// `sousDomaine`, when given.
    pub sub_domain: Option<String>,
    /// `nomEntite`, when given.
    pub entity: Option<String>,
    /// Rows of the Application file summed (one per virtual machine or host).
    pub rows: u64,
    /// Electricity of its shares (kWh).
    pub electricity_kwh: f64,
    /// Impacts by indicator and phase: a virtual machine shared by several applications is
    /// divided between them, as NumEcoEval divides it.
    pub impacts: ImpactTable,
}

/// The NumEcoEval part of an estate's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumEcoEvalSection {
    /// By data centre, in the order of the DataCenter file.
    pub data_centres: Vec<DataCentreResult>,
    /// By equipment type as written, in order of first appearance.
    pub equipment_types: Vec<EquipmentTypeResult>,
    /// By entity (equipment and services), as the report's departments.
    pub entities: Vec<EntityResult>,
    /// Each virtual machine.
    pub virtual_machines: Vec<VirtualMachineResult>,
    /// Each application and environment.
    pub applications: Vec<ApplicationResult>,
}

impl ImpactTable {
    /// Adds `share` of a line's footprint (a virtual machine's part of its host).
    pub(crate) fn add_line_share(&mut self, line: &LineFootprint, share: f64) {
        let mut scaled = line.clone();
        for row in scaled.impacts.iter_mut() {
            for cell in row.iter_mut().take(TOTAL + 1) {
                *cell = cell.map(|r| r.scale(share));
            }
        }
        self.add_line(&scaled);
    }
}
