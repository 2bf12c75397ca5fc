//! Rows remembered by their text. How a row's category, model, condition, country and
//! department resolved (classification, zone, department group, strata) is kept under the bytes
//! of those cells, so that a later row with the same cells is evaluated from its numbers alone:
//! no text decoded, copied or looked up again. What the cells resolve to depends on their bytes
//! only, and a key is remembered only after a row with those bytes was read and evaluated by
//! the general path, so a remembered row is evaluated exactly as if it were read again.

use super::Evaluation;
use crate::fleet::{line_scalars, LineScalars, Resolved};
use crate::inventory::{
    Condition, CsvInventory, EquipmentLine, InventoryError, RejectedRow, RowError,
};
use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::hash::Hasher;

/// Keys remembered at most (distinct combinations of text cells); beyond, rows take the
/// general path.
const MAX_REMEMBERED: usize = 1 << 16;

/// Rows added per call of `add_rows`.
const ROWS_PER_CALL: usize = 4096;

/// How the text cells of a row resolved.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolution {
    resolved: Resolved,
    condition: Condition,
    department: usize,
    /// The strata of its lines whose use is not known, and known (with the strata's
    /// generation).
    strata: [Option<(u32, usize)>; 2],
}

impl Resolution {
    pub(super) fn new(
        resolved: Resolved,
        condition: Condition,
        department: usize,
        stratum: (u32, usize),
        s: &LineScalars,
    ) -> Resolution {
        let mut strata = [None; 2];
        strata[usize::from(s.use_known())] = Some(stratum);
        Resolution {
            resolved,
            condition,
            department,
            strata,
        }
    }
}

/// The keys remembered (by their hash, then compared), and what each resolved to.
#[derive(Debug, Default)]
pub(super) struct Remembered {
    /// The first key of each hash, then `next` in the chain of keys of that hash.
    first: HashMap<u64, usize>,
    next: Vec<Option<usize>>,
    keys: Vec<Box<[u8]>>,
    pub(super) items: Vec<Resolution>,
}

pub(super) fn hash_key(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    h.finish()
}

/// `a == b`.
#[cfg(not(target_arch = "wasm32"))]
fn same(a: &[u8], b: &[u8]) -> bool {
    a == b
}

/// `a == b`, eight bytes at a time (WebAssembly's `memcmp` goes byte by byte).
#[cfg(target_arch = "wasm32")]
fn same(a: &[u8], b: &[u8]) -> bool {
    use crate::csv_records::word;
    if a.len() != b.len() {
        return false;
    }
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail = wa.remainder() == wb.remainder();
    tail && wa.zip(wb).all(|(x, y)| word(x) == word(y))
}

impl Remembered {
    #[inline]
    pub(super) fn find(&self, hash: u64, key: &[u8]) -> Option<usize> {
        let mut k = self.first.get(&hash).copied();
        while let Some(i) = k {
            if same(&self.keys[i], key) {
                return Some(i);
            }
            k = self.next[i];
        }
        None
    }

    pub(super) fn insert(&mut self, hash: u64, key: &[u8], resolution: Resolution) {
        if self.items.len() >= MAX_REMEMBERED {
            return;
        }
        let k = self.items.len();
        self.next.push(self.first.insert(hash, k));
        self.keys.push(key.into());
        self.items.push(resolution);
    }
}

/// Whether every cell of a key (field, bytes, "\n") is UTF-8.
fn cells_are_text(key: &[u8]) -> bool {
    key.split(|b| *b == b'\n').all(|cell| {
        cell.split_first()
            .is_none_or(|(_, text)| std::str::from_utf8(text).is_ok())
    })
}

impl Evaluation<'_> {
    /// Adds every row of a CSV inventory (its warnings, lines, rejected and blank rows),
    /// streaming. A row whose text cells were seen before is evaluated from its numbers alone.
    pub fn add_csv(&mut self, reader: &mut CsvInventory) -> Result<(), InventoryError> {
        for w in reader.take_warnings() {
            self.warn(w);
        }
        let mut line = EquipmentLine::new(String::new(), 1);
        let mut key = Vec::new();
        let blank_before = reader.blank_rows();
        while self.add_rows(reader, &mut line, &mut key, ROWS_PER_CALL)? {}
        self.add_blank_rows(reader.blank_rows() - blank_before);
        Ok(())
    }

    /// Adds up to `rows` rows; `false` at the end of the inventory. In batches so that in
    /// WebAssembly the loop itself is compiled again by the optimising tier once it is hot (V8
    /// does not replace a function while it runs).
    #[inline(never)]
    fn add_rows(
        &mut self,
        reader: &mut CsvInventory,
        line: &mut EquipmentLine,
        key: &mut Vec<u8>,
        rows: usize,
    ) -> Result<bool, InventoryError> {
        for _ in 0..rows {
            let Some(n) = reader.advance() else {
                return Ok(false);
            };
            let n = n?;
            // A key to remember the row under: its text cells, not seen before.
            let mut unseen = None;
            if self.remembers() && reader.plain_row(key, line) {
                let hash = hash_key(key);
                match self.remembered.find(hash, key) {
                    Some(k) => {
                        let _ = self.add_remembered(n, line, k);
                        continue;
                    }
                    None => unseen = Some(hash),
                }
            }
            match reader.decode(line) {
                Ok(()) => {
                    if let (true, Some(hash)) = (self.add(n, line).is_ok(), unseen) {
                        self.remember(hash, key);
                    }
                }
                Err(error) => self.reject(RejectedRow { line: n, error }),
            }
        }
        Ok(true)
    }

    /// Whether rows can be remembered: only their aggregates are kept (per-line results need
    /// every line's text).
    pub(super) fn remembers(&self) -> bool {
        self.lines.is_none()
    }

    /// Remembers how the line added last resolved, under the key of its text cells. A key with
    /// a cell that is not UTF-8 is not remembered (its row was read without the cell).
    fn remember(&mut self, hash: u64, key: &[u8]) {
        let Some(last) = self.last else { return };
        if cells_are_text(key) {
            self.remembered.insert(hash, key, last);
        }
    }

    /// Adds a line whose text cells resolved as remembered resolution `k`: `line` holds the
    /// row's numbers (its text fields are not read). The same as [`Evaluation::add`] of the whole
    /// row.
    fn add_remembered(
        &mut self,
        line_no: u64,
        line: &mut EquipmentLine,
        k: usize,
    ) -> Result<(), RowError> {
        let mut e = self.remembered.items[k];
        let added = self.add_resolved(line_no, line, &mut e);
        self.remembered.items[k] = e;
        added
    }

    /// Adds a line whose text cells resolved as `e` (`line` holds the row's numbers; its text
    /// fields are not read): the same as [`Evaluation::add`] of the whole row. Keeps the
    /// strata it opens in `e`.
    pub(super) fn add_resolved(
        &mut self,
        line_no: u64,
        line: &mut EquipmentLine,
        e: &mut Resolution,
    ) -> Result<(), RowError> {
        line.condition = e.condition;
        let s = match line_scalars(self.ds, line, e.resolved.category, &self.options) {
            Ok(s) => s,
            Err(error) => {
                self.reject(RejectedRow {
                    line: line_no,
                    error: error.clone(),
                });
                return Err(error);
            }
        };
        self.count(line_no, line, &e.resolved, &s);
        let known = usize::from(s.use_known());
        let generation = self.strata.generation;
        let i = match e.strata[known] {
            Some((g, i)) if g == generation => i,
            _ => {
                let i = self.stratum(&e.resolved, e.condition, e.department, known == 1);
                e.strata[known] = Some((generation, i));
                i
            }
        };
        let kernel = self.strata.add(i, line.quantity, &s);
        self.kernel_lines[kernel] += 1;
        Ok(())
    }
}
