//! Aggregation by stratum: lines of the same category, condition, zone and department (and
//! whose use is known, or not) share one kernel of factors, and a line's footprint is linear in
//! what it contributes: devices × its share of the embodied impacts, and its kWh. A stratum sums
//! those scalars line by line (a handful of additions); at the end they are multiplied by the
//! kernel's factors once per stratum, and the totals, categories and departments are built from
//! the strata. No per-line vector of indicators × phases, no availability bookkeeping per line.

use crate::estimate::Range;
use crate::fleet::{greater, lesser, FactorTrace, Kernel, KernelCell, LineScalars};
use crate::indicator::Phase;
use crate::inventory::Condition;
use crate::report::GroupFootprint;
use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Stratum {
    pub category: usize,
    pub department: usize,
    /// The kernel of the stratum's category, condition and zone.
    pub kernel: usize,
    use_known: bool,
    lines: u64,
    devices: u64,
    /// Σ devices × share of the embodied impacts (lowest, central, highest).
    embodied: Range,
    /// Σ kWh: the lower bound, central, the upper bound (of lines whose use is known).
    kwh: Range,
}

/// What one phase of the stratum's lines is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Missing,
    Available,
    /// Included in the lines' manufacturing figure (lumped): known, not available separately.
    Included,
}

/// What puts lines in one stratum: the same kernel (category, condition, zone), department,
/// and use known or not (a line of a class without figures may measure its electricity and
/// another not: their use phase differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct StratumKey {
    pub category: u32,
    pub condition: Condition,
    pub zone: u32,
    pub department: u32,
    pub use_known: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Strata {
    index: HashMap<StratumKey, usize>,
    pub items: Vec<Stratum>,
    /// Bumped by [`Strata::clear`]: a stratum position remembered under another generation is
    /// stale.
    pub generation: u32,
}

impl Strata {
    /// Empties the strata (a new body of a many-bodies pass), keeping their storage.
    pub fn clear(&mut self) {
        self.index.clear();
        self.items.clear();
        self.generation += 1;
    }

    /// The stratum of a key, if a line already opened it.
    #[inline]
    pub fn find(&self, key: &StratumKey) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Opens the stratum of a key, whose lines use kernel `kernel`.
    pub fn insert(&mut self, key: StratumKey, kernel: usize) -> usize {
        self.items.push(Stratum {
            category: key.category as usize,
            department: key.department as usize,
            kernel,
            use_known: key.use_known,
            lines: 0,
            devices: 0,
            embodied: Range::ZERO,
            kwh: Range::ZERO,
        });
        self.index.insert(key, self.items.len() - 1);
        self.items.len() - 1
    }

    /// Adds a line's scalars to stratum `i`; returns the stratum's kernel.
    #[inline]
    pub fn add(&mut self, i: usize, quantity: u32, s: &LineScalars) -> usize {
        let st = &mut self.items[i];
        st.lines += 1;
        st.devices += u64::from(quantity);
        st.embodied = st.embodied + s.embodied;
        // A line whose electricity is not available adds none (its use phase is not
        // available either).
        // Finite: the use is known.
        if st.use_known {
            st.kwh.low += lesser(s.kwh.low, s.kwh.high);
            st.kwh.central += s.kwh.central;
            st.kwh.high += greater(s.kwh.low, s.kwh.high);
        }
        st.kernel
    }
}

/// A factor range times a sum of non-negative scalars: the low bound of a non-negative factor
/// goes with the low sum, of a negative one with the high sum (as each line's `min`/`max` would),
/// and zero stays +0.
fn times(f: Range, s: Range) -> Range {
    let (low, high) = (
        if f.low >= 0.0 { s.low } else { s.high },
        if f.high >= 0.0 { s.high } else { s.low },
    );
    Range::new(
        f.low * low + 0.0,
        f.central * s.central + 0.0,
        f.high * high + 0.0,
    )
}

/// A stratum's impacts: per dataset indicator slot, the four phases, with what each phase is.
pub(crate) struct StratumImpacts {
    lines: u64,
    devices: u64,
    kwh: f64,
    sums: Vec<[(Range, Cell); 4]>,
}

impl Stratum {
    /// Multiplies the stratum's scalars by its kernel's factors.
    pub fn impacts(&self, kernel: &Kernel) -> StratumImpacts {
        let sums = kernel
            .rows
            .iter()
            .map(|(_, cells)| {
                std::array::from_fn(|p| match (cells[p], p == Phase::Use.index()) {
                    (KernelCell::NotAvailable, _) => (Range::ZERO, Cell::Missing),
                    (KernelCell::Included, _) => (Range::ZERO, Cell::Included),
                    (KernelCell::Value(_, v), false) => (times(v, self.embodied), Cell::Available),
                    (KernelCell::Value(_, v), true) if self.use_known => {
                        (times(v, self.kwh), Cell::Available)
                    }
                    (KernelCell::Value(_, _), true) => (Range::ZERO, Cell::Missing),
                })
            })
            .collect();
        StratumImpacts {
            lines: self.lines,
            devices: self.devices,
            kwh: self.kwh.central,
            sums,
        }
    }

    /// The stratum's coefficient of each factor it uses (Monte Carlo draws the factors).
    pub fn traces(&self, kernel: &Kernel, out: &mut Vec<FactorTrace>) {
        out.clear();
        for (ind, cells) in &kernel.rows {
            for phase in Phase::ALL {
                let coefficient = match cells[phase.index()] {
                    KernelCell::Value(Some(_), _) if phase != Phase::Use => self.embodied.central,
                    KernelCell::Value(Some(_), _) if self.use_known => self.kwh.central,
                    _ => continue,
                };
                if let (KernelCell::Value(Some(factor), _), true) =
                    (cells[phase.index()], coefficient != 0.0)
                {
                    out.push(FactorTrace {
                        factor,
                        indicator: *ind,
                        phase,
                        coefficient,
                    });
                }
            }
        }
    }
}

impl StratumImpacts {
    /// Adds this stratum into a group's aggregates.
    pub fn merge_into(&self, g: &mut GroupFootprint) {
        g.lines += self.lines;
        g.devices += self.devices;
        g.electricity_kwh += self.kwh;
        for (slot, cells) in g.impacts.cells.iter_mut().enumerate() {
            let row = &self.sums[slot];
            let mut total = Range::ZERO;
            for p in Phase::ALL {
                let c = &mut cells[p.index()];
                match row[p.index()] {
                    (sum, Cell::Available) => {
                        c.range = c.range + sum;
                        c.n_available += self.lines;
                        total = total + sum;
                    }
                    (_, Cell::Included) => c.n_included += self.lines,
                    (_, Cell::Missing) => c.n_missing += self.lines,
                }
            }
            // In the total, an included phase is known (it is in manufacturing).
            let t = &mut cells[4];
            if row.iter().any(|(_, c)| *c != Cell::Missing) {
                t.range = t.range + total;
                t.n_available += self.lines;
            }
            if row.iter().any(|(_, c)| *c == Cell::Missing) {
                t.n_missing += self.lines;
            }
        }
    }
}
