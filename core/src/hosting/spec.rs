//! What a server is: its configuration as given (over an archetype of `hosting_servers.csv`)
//! and, once resolved against the dataset, every attribute as a range.

use super::power::{CpuCurve, Load};
use crate::estimate::Range;
use serde::Serialize;

/// Enclosure of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    /// A rack server.
    Rack,
    /// A blade server: carries a share of its enclosure.
    Blade,
    /// No tower factor exists in the sources: the rack factor is used, with a warning.
    Tower,
}

/// A CPU as configured; every field optional (the archetype fills the gaps).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CpuConfig {
    /// Number of CPUs.
    pub units: Option<f64>,
    /// Model name, looked up in `hosting_cpus.csv` (cores, threads, TDP, die area, family).
    pub name: Option<String>,
    /// Cores per CPU (with no die area given, the die area is estimated from them).
    pub core_units: Option<f64>,
    /// Threads per CPU (the vCPU share of cloud instances).
    pub threads: Option<f64>,
    /// Die area of one CPU (mm²), the basis of its embodied impacts.
    pub die_size_mm2: Option<f64>,
    /// Die area per core (mm²), multiplied by the cores.
    pub die_size_per_core_mm2: Option<f64>,
    /// Thermal design power of one CPU (W); the power curve is fitted to it.
    pub tdp_w: Option<f64>,
    /// CPU manufacturer (picks the power curve with the model range).
    pub manufacturer: Option<String>,
    /// CPU model range (picks the power curve).
    pub model_range: Option<String>,
    /// CPU family (picks a cloud platform's memory generation).
    pub family: Option<String>,
}

/// A bank of identical memory modules.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RamConfig {
    /// Number of modules.
    pub units: Option<f64>,
    /// Capacity of one module (GB).
    pub capacity_gb: Option<f64>,
    /// DRAM die density (GB/cm²); default: mean of `ram_manufacture.csv`.
    pub density_gb_per_cm2: Option<f64>,
}

/// Kind of drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiskKind {
    /// Solid-state drive.
    Ssd,
    /// Hard disk drive.
    Hdd,
}

/// A set of identical drives.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskConfig {
    /// SSD or HDD.
    pub kind: DiskKind,
    /// Number of drives.
    pub units: Option<f64>,
    /// Capacity of one drive (GB).
    pub capacity_gb: Option<f64>,
    /// NAND die density (GB/cm², SSD only); default: mean of `ssd_manufacture.csv`.
    pub density_gb_per_cm2: Option<f64>,
}

/// The power supplies of a server.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PsuConfig {
    /// Number of power supplies.
    pub units: Option<f64>,
    /// Weight of one power supply (kg); their embodied impacts are per kg.
    pub unit_weight_kg: Option<f64>,
}

/// A server configuration over an archetype: what is given replaces the archetype's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerConfig {
    /// Archetype id of `hosting_servers.csv`; default `platform_compute_medium`.
    pub archetype: Option<String>,
    /// Enclosure; default the archetype's.
    pub case_type: Option<CaseType>,
    /// CPUs; default the archetype's.
    pub cpu: Option<CpuConfig>,
    /// Replaces all the archetype's memory when given.
    pub ram: Option<Vec<RamConfig>>,
    /// Replaces all the archetype's drives when given.
    pub disks: Option<Vec<DiskConfig>>,
    /// Power supplies; default the archetype's.
    pub power_supply: Option<PsuConfig>,
}

/// What server to evaluate.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // built once per server evaluated
pub enum ServerSpec {
    /// Bottom-up, from an archetype and a configuration (needs the hosting tables).
    BottomUp(ServerConfig),
    /// The dataset's generic `server` category (ADEME's data-centre server in the default set).
    Generic,
}

/// Default archetype (BoaviztAPI's default server).
pub const DEFAULT_ARCHETYPE: &str = "platform_compute_medium";

pub(crate) struct Bank {
    pub units: Range,
    pub capacity: Range,
    pub density: Range,
}

pub(crate) struct Drive {
    pub kind: DiskKind,
    pub units: Range,
    pub capacity: Range,
    pub density: Range,
}

/// A server with every attribute resolved.
pub(crate) struct Resolved {
    pub case: CaseType,
    pub case_from_archetype: bool,
    pub cpu_units: Range,
    pub die: Range,
    pub threads: Option<f64>,
    pub family: String,
    pub curve: CpuCurve,
    pub rams: Vec<Bank>,
    pub drives: Vec<Drive>,
    pub psu_units: Range,
    pub psu_weight: Range,
    pub load: Load,
    pub use_time_ratio: Range,
    pub lifetime: Range,
    pub ocr: Range,
    pub gpu_units: f64,
}
