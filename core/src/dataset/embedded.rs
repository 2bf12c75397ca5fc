//! Datasets compiled into the library. `core/data/` is a crate-local copy of
//! `reference-data/` (so `cargo package` works); a test fails when the two drift apart.

use super::{Dataset, DatasetError, DatasetFiles};
use std::sync::OnceLock;

#[cfg(feature = "boavizta")]
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

/// The default set's files, compacted by `build.rs` (`compact.rs`: derivable cells blank,
/// notes left out without the `notes` feature).
macro_rules! default_files {
    () => {
        DatasetFiles {
            datapackage: include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/datapackage.json"
            )),
            sources: include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/sources.csv"
            )),
            zones: include_str!("../../data/ademe-negaoctet-2022/zones.csv"),
            categories: include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/categories.csv"
            )),
            embodied: include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/embodied.csv"
            )),
            refurbishment: Some(include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/refurbishment.csv"
            ))),
            electricity: include_str!(concat!(
                env!("OUT_DIR"),
                "/ademe-negaoctet-2022/electricity.csv"
            )),
        }
    };
}

pub(crate) fn default_dataset() -> &'static Dataset {
    static CELL: OnceLock<Dataset> = OnceLock::new();
    CELL.get_or_init(|| with_service_tables(load(default_files!(), DEFAULT_ID)))
}

/// The network table (digital services) and the hosting sites (PUE by kind of site).
#[cfg(feature = "service-tables")]
fn with_service_tables(ds: Dataset) -> Dataset {
    match ds.with_network_table(include_str!("../../data/ademe-negaoctet-2022/network.csv")) {
        Ok(d) => d,
        Err(e) => unreachable!("embedded network table of {DEFAULT_ID} is invalid: {e}"),
    }
    .with_hosting_tables(&[
        Some(include_str!(
            "../../data/ademe-negaoctet-2022/hosting_sites.csv"
        )),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ])
    .unwrap_or_else(|e| unreachable!("embedded hosting tables of {DEFAULT_ID} are invalid: {e}"))
}

/// Without the `service-tables` feature the default dataset evaluates equipment only.
#[cfg(not(feature = "service-tables"))]
fn with_service_tables(ds: Dataset) -> Dataset {
    ds
}

#[cfg(feature = "boavizta")]
fn boavizta() -> &'static Dataset {
    static CELL: OnceLock<Dataset> = OnceLock::new();
    CELL.get_or_init(|| {
        macro_rules! hosting {
            ($f:literal) => {
                Some(include_str!(concat!("../../data/boavizta-2.5/", $f)))
            };
        }
        // Order of super::HOSTING_FILES.
        let files = [
            hosting!("hosting_sites.csv"),
            hosting!("hosting_parameters.csv"),
            hosting!("hosting_components.csv"),
            hosting!("hosting_servers.csv"),
            hosting!("hosting_cpus.csv"),
            hosting!("hosting_cpu_die_by_cores.csv"),
            hosting!("hosting_cpu_profiles.csv"),
            hosting!("hosting_memory_types.csv"),
            hosting!("hosting_cloud_instances.csv"),
            hosting!("hosting_cloud_regions.csv"),
        ];
        load(embedded_files!("boavizta-2.5"), "boavizta-2.5")
            .with_hosting_tables(&files)
            .unwrap_or_else(|e| {
                unreachable!("embedded hosting tables of boavizta-2.5 are invalid: {e}")
            })
    })
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
