//! # empreinte
//!
//! The environmental footprint of a commune's digital estate — its equipment fleet — computed
//! against a common, sourced, versioned reference dataset: multi-criteria, by life-cycle
//! phase, with ranges and the provenance of every factor.
//!
//! ```
//! use empreinte::{Dataset, EvaluationOptions, Indicator, evaluate_csv};
//!
//! let csv = "Type de matériel;Qté;État;Année d'acquisition\nPC portable;10;neuf;2023\nSmartphones;12;reconditionné;2024\n";
//! let report = evaluate_csv(Dataset::embedded_default(), std::io::Cursor::new(csv), &EvaluationOptions::new(2024))?;
//! assert_eq!(report.counts.rows_evaluated, 2);
//! let climate = report.totals.impacts.total(Indicator::ClimateChange).unwrap();
//! assert!(climate.range.low <= climate.range.central && climate.range.central <= climate.range.high);
//! # Ok::<(), empreinte::EvaluateError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]
#![warn(missing_docs)]

pub mod bodies;
pub mod classify;
mod csv_records;
pub mod csv_safe;
pub mod dataset;
mod decimal;
pub mod defaults;
#[cfg(feature = "estate")]
pub mod estate;
pub mod estimate;
mod evaluate;
pub mod fleet;
pub mod glpi;
pub mod hosting;
pub mod indicator;
pub mod inventory;
pub mod json;
pub mod names;
mod names_fold;
#[cfg(feature = "numecoeval")]
pub mod numecoeval;
mod options;
pub mod procurement;
pub mod procurement_request;
pub mod report;
pub mod review;
pub mod scenario;
pub mod services;
mod sort;
mod strata;
pub mod text;
pub mod trajectory;
pub mod uncertainty;
pub mod vocabulary;
pub mod year_over_year;

pub use dataset::{
    Category, Dataset, DatasetError, DatasetFiles, DatasetInfo, Factor, Quality, Source, Zone,
};
pub use estimate::{Availability, Estimate, Range, Scope};
pub use evaluate::{
    evaluate_bytes, evaluate_csv, evaluate_json, evaluate_lines, EvaluateError, Evaluation,
    MAX_VINTAGE_GAP_YEARS,
};
pub use fleet::{LineFootprint, MAX_QUANTITY};
pub use glpi::{GlpiError, GlpiImport, GlpiImporter, GlpiItem, GlpiOptions};
pub use hosting::{
    cloud_footprint, server_footprint, CloudInstanceSpec, HostingError, HostingFootprint,
    HostingUsage, ServerConfig, ServerSpec,
};
pub use indicator::{Indicator, Lang, Phase};
pub use inventory::{
    line_from_cells, read_inventory, CellValue, Condition, CsvInventory, EquipmentLine, Field,
    InventoryError, InventoryItem, ReadInventory, RejectedRow, RowError, Warning,
};
pub use options::{Annualisation, EvaluationOptions, DEFAULT_AMORTISATION_YEARS};
pub use procurement::{
    compare_offers, Allocation, CompareError, Comparison, Offer, OfferResult, ReplacedPart,
};
pub use report::{Counts, GroupFootprint, ImpactTable, Report, Scopes, TotalScope};
pub use review::{LeftOut, Lever as ReviewLever, ReviewFormat, ReviewInput};
pub use scenario::{run_scenarios, Lever, Scenario, ScenarioError, ScenarioResult};
pub use services::{ServiceError, ServiceFootprint, Tier};
pub use trajectory::{trajectory, Baseline, TrajectoryError, TrajectorySeries, YearPoint};
pub use uncertainty::{MonteCarloOptions, MonteCarloSummary, Stats};
pub use year_over_year::{year_over_year, MethodBreak, YearOverYear};
