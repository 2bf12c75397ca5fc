//! Entry points of the fuzz targets (see `entry.rs`).
pub mod entry;
