//! Many bodies in one pass: a region's communes, an intercommunality's members, each with its
//! own inventory (or estate), evaluated one after the other by one evaluation that keeps what it
//! learns on the way (classifications, factor kernels, rows remembered by their text) and keeps
//! of each body only its counts and totals, handed back as soon as the body is read. Memory
//! stays bounded whatever the number of bodies and lines: a caller writes each body's figures
//! out and drops them.
//!
//! A body's figures are those [`crate::evaluate_csv`] gives for its inventory alone (the same
//! operations in the same order); the total of the pass is the sum of the bodies' figures.
//!
//! ```
//! use empreinte::bodies::Bodies;
//! use empreinte::{Dataset, EvaluationOptions, Indicator};
//!
//! let ds = Dataset::embedded_default();
//! let mut pass = Bodies::new(ds, EvaluationOptions::new(2025))?;
//! let a = pass.add_bytes("Saint-Aubin", b"category;quantity;acquisition_year\nlaptop;12;2022\n".to_vec());
//! let b = pass.add_bytes("Montclair", b"category;quantity\nsmartphone;40\nlaptop;x\n".to_vec());
//! assert_eq!((a.counts.devices, b.counts.rows_rejected), (12, 1));
//! let total = pass.finish();
//! assert_eq!((total.bodies, total.counts.devices), (2, 52));
//! assert!(total.totals.impacts.total(Indicator::ClimateChange).unwrap().central().unwrap() > 0.0);
//! # Ok::<(), empreinte::RowError>(())
//! ```

use crate::dataset::Dataset;
use crate::evaluate::Evaluation;
use crate::indicator::Indicator;
use crate::inventory::{CsvInventory, InventoryError, RejectedRow, RowError};
use crate::options::EvaluationOptions;
use crate::report::{Counts, GroupFootprint, Report};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The `schema` of a many-bodies document.
pub const SCHEMA: &str = "empreinte.bodies/1";

/// The files of a pass: a folder's inventories and estates (`.csv`, `.json`, `.toml`, by name),
/// or a list's files (one per line, relative to the list's folder; `#` starts a comment).
pub fn body_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|e| {
                        ["csv", "json", "toml"]
                            .iter()
                            .any(|x| e.eq_ignore_ascii_case(x))
                    })
            })
            .collect();
        files.sort();
        return Ok(files);
    }
    let list = std::fs::read_to_string(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| base.join(l))
        .collect())
}

/// A body's name: its file's name without the extension.
pub fn body_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into(),
    )
}

/// A whole many-bodies document, as `empreinte evaluate PATH --bodies --format json` writes it
/// (the command line streams the same keys).
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The reporting year.
    pub reporting_year: i32,
    /// The dataset.
    pub dataset: &'a crate::dataset::DatasetInfo,
    /// Every body, in order.
    pub bodies: &'a [BodyFootprint],
    /// Their total.
    pub total: &'a BodiesTotal,
}

/// Rejected rows listed per body (the rest are counted).
pub const REJECTED_LISTED: usize = 20;

/// One body's figures. In JSON: `body`, `error` (when it failed), `counts`, `lines`,
/// `devices`, `electricity_kwh`, `totals` (each indicator's total over its phases, as a
/// report's) and `rejected` (when rows were).
#[derive(Debug, Clone, PartialEq)]
pub struct BodyFootprint {
    /// The body's name (a file's name without its extension).
    pub body: String,
    /// Rows read, evaluated and rejected; devices.
    pub counts: Counts,
    /// Totals by indicator and phase, as the body's own report gives them.
    pub totals: GroupFootprint,
    /// The first rows rejected ([`REJECTED_LISTED`] at most; `counts` has them all).
    pub rejected: Vec<RejectedRow>,
    /// Why the body could not be evaluated at all (its figures are then left out of the total).
    pub error: Option<BodyError>,
}

/// Why a body could not be evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyError {
    /// The error's stable code (`empty_inventory`, `missing_column`, `estate`...).
    pub code: &'static str,
    /// What was wrong.
    pub message: String,
}

/// The total of a pass: the sum of its bodies' figures (in JSON, its totals by phase as well).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodiesTotal {
    /// Bodies read.
    pub bodies: u64,
    /// Bodies that could not be evaluated (left out of the figures).
    pub failed: u64,
    /// Rows and devices of every body.
    pub counts: Counts,
    /// Totals of every body, by indicator and phase.
    pub totals: GroupFootprint,
}

impl Serialize for BodyFootprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Totals<'a>(&'a GroupFootprint);
        impl Serialize for Totals<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let t = &self.0.impacts;
                let mut m = s.serialize_map(Some(t.indicators().len()))?;
                for ind in t.indicators() {
                    m.serialize_entry(ind.id(), &t.total(*ind))?;
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("BodyFootprint", 8)?;
        st.serialize_field("body", &self.body)?;
        match &self.error {
            Some(e) => st.serialize_field("error", e)?,
            None => st.skip_field("error")?,
        }
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("lines", &self.totals.lines)?;
        st.serialize_field("devices", &self.totals.devices)?;
        st.serialize_field("electricity_kwh", &self.totals.electricity_kwh)?;
        st.serialize_field("totals", &Totals(&self.totals))?;
        if self.rejected.is_empty() {
            st.skip_field("rejected")?;
        } else {
            st.serialize_field("rejected", &self.rejected)?;
        }
        st.end()
    }
}

/// The columns of a table of bodies (CSV, a DataFrame), one row per body: `body`, `status`
/// (`ok`, or the code of the body's error), the counts, the kWh, then each indicator's total
/// (central value; empty when not available), named `indicator (unit)`.
pub fn table_header(indicators: &[Indicator]) -> Vec<String> {
    let mut h: Vec<String> = [
        "body",
        "status",
        "rows_read",
        "rows_evaluated",
        "rows_rejected",
        "devices",
        "electricity_kwh",
    ]
    .map(String::from)
    .to_vec();
    h.extend(
        indicators
            .iter()
            .map(|i| format!("{} ({})", i.id(), i.unit())),
    );
    h
}

/// A row of [`table_header`]'s table: the body's name, its status and its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow<'a> {
    /// The body (or `total`).
    pub body: &'a str,
    /// `ok`, or the code of the body's error.
    pub status: &'static str,
    /// The counts and the kWh, then each indicator's total (`None`: not available).
    pub numbers: Vec<Option<f64>>,
}

fn row<'a>(
    body: &'a str,
    status: &'static str,
    counts: &Counts,
    t: &GroupFootprint,
) -> TableRow<'a> {
    let mut numbers: Vec<Option<f64>> = [
        counts.rows_read,
        counts.rows_evaluated,
        counts.rows_rejected,
        counts.devices,
    ]
    .map(|n| Some(n as f64))
    .to_vec();
    numbers.push(Some(t.electricity_kwh));
    numbers.extend(
        t.impacts
            .indicators()
            .iter()
            .map(|i| t.impacts.total(*i).and_then(|e| e.central())),
    );
    TableRow {
        body,
        status,
        numbers,
    }
}

impl BodyFootprint {
    /// The body's row of [`table_header`]'s table.
    pub fn table_row(&self) -> TableRow<'_> {
        let status = self.error.as_ref().map_or("ok", |e| e.code);
        row(&self.body, status, &self.counts, &self.totals)
    }
}

impl BodiesTotal {
    /// The total's row of [`table_header`]'s table (`body` is `total`).
    pub fn table_row(&self) -> TableRow<'_> {
        row("total", "ok", &self.counts, &self.totals)
    }
}

/// A many-bodies pass in progress (see the module documentation).
#[derive(Debug)]
pub struct Bodies<'d> {
    ev: Evaluation<'d>,
    total: BodiesTotal,
}

impl<'d> Bodies<'d> {
    /// Starts a pass. Monte Carlo is refused (evaluate a body alone to draw it); per-line
    /// results are not kept.
    pub fn new(ds: &'d Dataset, mut options: EvaluationOptions) -> Result<Bodies<'d>, RowError> {
        if let Some(mc) = options.monte_carlo {
            return Err(RowError::InvalidOption {
                option: "monte_carlo",
                value: mc.draws.to_string(),
                expected:
                    "no Monte Carlo in a many-bodies pass (evaluate one body alone to draw it)"
                        .into(),
            });
        }
        options.keep_lines = false;
        let ev = Evaluation::new(ds, options)?;
        Ok(Bodies {
            ev,
            total: BodiesTotal {
                bodies: 0,
                failed: 0,
                counts: Counts::default(),
                totals: GroupFootprint::new(None, ds.indicators()),
            },
        })
    }

    /// Evaluates a body's CSV inventory, streaming.
    pub fn add_csv<R: Read + 'static>(&mut self, body: &str, input: R) -> BodyFootprint {
        let read = CsvInventory::new(input).and_then(|mut r| self.ev.add_csv(&mut r));
        self.close(body, read.err())
    }

    /// Evaluates a body's inventory given as bytes: CSV or JSON (told apart by the first
    /// character), as [`crate::evaluate_bytes`] reads them.
    pub fn add_bytes(&mut self, body: &str, bytes: Vec<u8>) -> BodyFootprint {
        let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if matches!(
            content.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'[') | Some(b'{')
        ) {
            let read = std::str::from_utf8(content)
                .map_err(|e| InventoryError::NotText {
                    detail: format!(
                        "a JSON inventory must be UTF-8 (invalid byte at {})",
                        e.valid_up_to()
                    ),
                })
                .and_then(|text| {
                    let mut warnings = Vec::new();
                    let items = crate::inventory::read_json(text, &mut warnings)?;
                    warnings.into_iter().for_each(|w| self.ev.warn(w));
                    self.ev.add_items(items);
                    Ok(())
                });
            return self.close(body, read.err());
        }
        self.add_csv(body, std::io::Cursor::new(bytes))
    }

    /// Adds a body evaluated apart (an estate, evaluated with its hosting and services): its
    /// report's counts and totals.
    pub fn add_report(&mut self, body: &str, report: &Report) -> BodyFootprint {
        let mut rejected = report.rejected.clone();
        rejected.truncate(REJECTED_LISTED);
        self.record(BodyFootprint {
            body: body.to_string(),
            counts: report.counts,
            totals: report.totals.clone(),
            rejected,
            error: None,
        })
    }

    /// Evaluates a body's file, named after it: a CSV inventory (streamed), a JSON one, or an
    /// estate (`.toml`, or JSON describing one), evaluated with its hosting and services.
    pub fn add_path(&mut self, path: &Path) -> BodyFootprint {
        let body = body_name(path);
        #[cfg(feature = "estate")]
        if let Some(b) = self.add_if_estate(&body, path) {
            return b;
        }
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let read = if is_json {
            std::fs::read(path).map(|bytes| self.add_bytes(&body, bytes))
        } else {
            std::fs::File::open(path)
                .map(|f| self.add_csv(&body, std::io::BufReader::with_capacity(1 << 16, f)))
        };
        read.unwrap_or_else(|e| self.add_failure(&body, "read_error", e.to_string()))
    }

    /// The body of an estate file, evaluated apart; `None` for a file that is not one.
    #[cfg(feature = "estate")]
    fn add_if_estate(&mut self, body: &str, path: &Path) -> Option<BodyFootprint> {
        use crate::estate::{evaluate_estate, is_estate, Estate, Folder};
        let mut head = Vec::new();
        if let Ok(f) = std::fs::File::open(path) {
            let _ = f.take(4096).read_to_end(&mut head);
        }
        let name = path.display().to_string();
        if !is_estate(&name, &head) {
            return None;
        }
        let evaluated = std::fs::read_to_string(path)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|text| Estate::parse(&name, &text).map_err(|e| e.to_string()))
            .and_then(|estate| {
                let folder = Folder::new(path.parent().unwrap_or(Path::new(".")));
                evaluate_estate(self.ev.dataset(), &estate, &folder, self.ev.options())
                    .map_err(|e| e.to_string())
            });
        Some(match evaluated {
            Ok(report) => self.add_report(body, &report),
            Err(message) => self.add_failure(body, "estate", message),
        })
    }

    /// Records a body that could not be evaluated at all (a file that cannot be read, an estate
    /// in error): counted as failed.
    pub fn add_failure(
        &mut self,
        body: &str,
        code: &'static str,
        message: String,
    ) -> BodyFootprint {
        self.record(BodyFootprint {
            body: body.to_string(),
            counts: Counts::default(),
            totals: GroupFootprint::new(None, self.ev.dataset().indicators()),
            rejected: Vec::new(),
            error: Some(BodyError { code, message }),
        })
    }

    /// Closes the body read last.
    fn close(&mut self, body: &str, error: Option<InventoryError>) -> BodyFootprint {
        let (counts, totals, mut rejected) = self.ev.close_body();
        if let Some(e) = error {
            return self.add_failure(body, e.code(), e.to_string());
        }
        rejected.truncate(REJECTED_LISTED);
        self.record(BodyFootprint {
            body: body.to_string(),
            counts,
            totals,
            rejected,
            error: None,
        })
    }

    fn record(&mut self, b: BodyFootprint) -> BodyFootprint {
        let t = &mut self.total;
        t.bodies += 1;
        if b.error.is_some() {
            t.failed += 1;
            return b;
        }
        let c = &mut t.counts;
        c.rows_read += b.counts.rows_read;
        c.rows_evaluated += b.counts.rows_evaluated;
        c.rows_rejected += b.counts.rows_rejected;
        c.rows_not_available += b.counts.rows_not_available;
        c.devices_not_available += b.counts.devices_not_available;
        c.blank_rows += b.counts.blank_rows;
        c.devices += b.counts.devices;
        t.totals.add(&b.totals);
        b
    }

    /// The dataset of the pass.
    pub fn dataset(&self) -> &'d Dataset {
        self.ev.dataset()
    }

    /// The total so far.
    pub fn total(&self) -> &BodiesTotal {
        &self.total
    }

    /// Ends the pass: the total.
    pub fn finish(self) -> BodiesTotal {
        self.total
    }
}
