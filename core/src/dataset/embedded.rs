//! Datasets compiled into the library. `core/data/` is a crate-local copy of
//! `reference-data/` (so `cargo package` works); a test fails when the two drift apart.

use super::{Dataset, DatasetError, DatasetFiles};
use std::sync::OnceLock;

macro_rules! embedded_files {
    ($dir:literal) => {
        DatasetFiles {
            datapackage: include_str!(concat!("../../data/", $dir, "/datapackage.json")),
            sources: include_str!(concat!("../../data/", $dir, "/sources.csv")),
            zones: include_str!(concat!("../../data/", $dir, "/zones.csv")),
            categories: include_str!(concat!("../../data/", $dir, "/categories.csv")),
            embodied: include_str!(concat!("../../data/", $dir, "/embodied.csv")),
            refurbishment: Some(include_str!(concat!(
                "../../data/",
                $dir,
                "/refurbishment.csv"
            ))),
            electricity: include_str!(concat!("../../data/", $dir, "/electricity.csv")),
        }
    };
}

/// Id of the default dataset for French communes.
pub const DEFAULT_ID: &str = "ademe-negaoctet-2022";

/// Ids of the datasets compiled into this build.
#[cfg(feature = "boavizta")]
pub const EMBEDDED_IDS: &[&str] = &[DEFAULT_ID, "boavizta-2.5"];
/// Ids of the datasets compiled into this build.
#[cfg(not(feature = "boavizta"))]
pub const EMBEDDED_IDS: &[&str] = &[DEFAULT_ID];

fn load(files: DatasetFiles<'static>, id: &str) -> Dataset {
    match Dataset::from_files(&files) {
        Ok(d) => d,
        // The embedded files are validated by the test suite; reaching this is a build defect.
        Err(e) => unreachable!("embedded dataset {id} is invalid: {e}"),
    }
}

pub(crate) fn default_dataset() -> &'static Dataset {
    static CELL: OnceLock<Dataset> = OnceLock::new();
    CELL.get_or_init(|| load(embedded_files!("ademe-negaoctet-2022"), DEFAULT_ID))
}

#[cfg(feature = "boavizta")]
fn boavizta() -> &'static Dataset {
    static CELL: OnceLock<Dataset> = OnceLock::new();
    CELL.get_or_init(|| load(embedded_files!("boavizta-2.5"), "boavizta-2.5"))
}

pub(crate) fn by_id(id: &str) -> Result<&'static Dataset, DatasetError> {
    match id {
        DEFAULT_ID => Ok(default_dataset()),
        #[cfg(feature = "boavizta")]
        "boavizta-2.5" => Ok(boavizta()),
        _ => Err(DatasetError::UnknownDataset {
            id: id.to_string(),
            known: EMBEDDED_IDS.join(", "),
        }),
    }
}
