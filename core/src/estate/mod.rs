//! The whole digital estate in one evaluation: the fleet (inventories, GLPI), hosting (server
//! rooms, cloud instances) and services (websites, e-mail, video, transfers, any three-tier
//! service), by scope, with ranges.
//!
//! - The fleet is evaluated as `evaluate` does; its servers are hosting (their class runs in
//!   a room) and take the room's PUE.
//! - A room server with the name of an inventory line is the same server: counted once, in
//!   the room, with a warning naming it.
//! - Services used by the body's agents leave their terminals out when the estate has a fleet
//!   (the fleet counts those devices), and the report says so.
//! - The estate total is the fleet's total plus every hosting and service entry, in the
//!   order of the description.
//!
//! ```
//! use empreinte::estate::{evaluate_estate, Estate, InMemoryFiles};
//! use empreinte::{Dataset, EvaluationOptions, Indicator};
//!
//! let estate = Estate::from_toml("estate.toml", r#"
//!     year = 2025
//!     [commune]
//!     name = "Saint-Aubin"
//!     [[fleet]]
//!     path = "parc.csv"
//!     [[services]]
//!     name = "Messagerie"
//!     email = { uses = 50000 }
//! "#)?;
//! let files = InMemoryFiles::from([("parc.csv", "category;quantity\nlaptop;10\n")]);
//! let report = evaluate_estate(Dataset::embedded_default(), &estate, &files, &EvaluationOptions::default())?;
//! let scopes = &report.estate.as_ref().unwrap().by_scope;
//! assert_eq!(scopes.len(), 3);
//! assert!(report.totals.impacts.total(Indicator::ClimateChange).unwrap().central().unwrap() > 0.0);
//! # Ok::<(), empreinte::estate::EstateError>(())
//! ```

mod error;
mod evaluate;
mod files;
mod request;

pub use error::EstateError;
#[cfg(feature = "numecoeval")]
pub(crate) use evaluate::{estate_options, finish_estate, FleetPart};
pub use evaluate::{evaluate_estate, evaluate_estate_with, room_usage};
pub use files::{EstateFiles, Folder, InMemoryFiles};
pub use request::{
    is_estate, CloudEntry, Estate, FleetSource, Room, RoomServer, ServiceEntry, MAX_ENTRIES,
    MAX_ESTATE_BYTES,
};
// What an evaluation adds to the report is the report's (`Report::estate`), with the body it
// describes.
pub use crate::report::estate::{
    Commune, EstateScope, EstateSection, HostingEntryResult, ScopeFootprint, ServiceEntryResult,
    SourceResult, SourcedRejection, Users,
};
