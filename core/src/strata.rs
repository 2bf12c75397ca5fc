//! Aggregation by stratum: lines of the same category, condition, zone and department (and
//! whose use is known, or not) have factors for exactly the same indicators and phases, so they
//! are summed together and the
//! totals, categories and departments are built from the strata at the end. One addition per
//! line instead of three, and no availability bookkeeping per line.

use crate::estimate::Range;
use crate::fleet::LineFootprint;
use crate::indicator::{Indicator, Phase};
use crate::report::GroupFootprint;
use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Stratum {
    pub category: usize,
    pub department: usize,
    lines: u64,
    devices: u64,
    kwh: f64,
    /// Per dataset indicator slot, the four phases.
    sums: Vec<[Range; 4]>,
    state: Vec<[Cell; 4]>,
}

/// What one phase of the stratum's lines is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Missing,
    Available,
    /// Included in the lines' manufacturing figure (lumped): known, not available separately.
    Included,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Strata {
    index: HashMap<(u32, u8, u32, u32), usize>,
    pub items: Vec<Stratum>,
}

impl Strata {
    pub fn add(&mut self, f: &LineFootprint, department: usize, indicators: &[Indicator]) {
        // A line of a class without figures may measure its electricity and another not: their
        // use phase differs, so they are apart.
        let use_known = f.electricity_kwh.is_finite();
        let key = (
            f.category.0,
            f.condition as u8 | (u8::from(use_known) << 4),
            f.zone.0,
            department as u32,
        );
        let i = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                self.items.push(Stratum {
                    category: f.category.0 as usize,
                    department,
                    lines: 0,
                    devices: 0,
                    kwh: 0.0,
                    sums: vec![[Range::ZERO; 4]; indicators.len()],
                    state: indicators
                        .iter()
                        .map(|ind| {
                            std::array::from_fn(|p| match f.impacts[*ind as usize][p] {
                                None => Cell::Missing,
                                Some(_) if f.included[*ind as usize] & (1 << p) != 0 => {
                                    Cell::Included
                                }
                                Some(_) => Cell::Available,
                            })
                        })
                        .collect(),
                });
                self.index.insert(key, self.items.len() - 1);
                self.items.len() - 1
            }
        };
        let s = &mut self.items[i];
        s.lines += 1;
        s.devices += f.quantity as u64;
        // A line whose electricity is not available adds none (its use phase is not
        // available either, and says so in the impacts).
        if f.electricity_kwh.is_finite() {
            s.kwh += f.electricity_kwh;
        }
        for (slot, ind) in indicators.iter().enumerate() {
            let row = &f.impacts[*ind as usize];
            let sums = &mut s.sums[slot];
            for p in 0..4 {
                if let Some(v) = row[p] {
                    sums[p] = sums[p] + v;
                }
            }
        }
    }
}

impl Stratum {
    /// Adds this stratum into a group's aggregates.
    pub fn merge_into(&self, g: &mut GroupFootprint) {
        g.lines += self.lines;
        g.devices += self.devices;
        g.electricity_kwh += self.kwh;
        for (slot, cells) in g.impacts.cells.iter_mut().enumerate() {
            let (sums, state) = (&self.sums[slot], &self.state[slot]);
            let mut total = Range::ZERO;
            for p in Phase::ALL {
                let c = &mut cells[p.index()];
                match state[p.index()] {
                    Cell::Available => {
                        c.range = c.range + sums[p.index()];
                        c.n_available += self.lines;
                        total = total + sums[p.index()];
                    }
                    Cell::Included => c.n_included += self.lines,
                    Cell::Missing => c.n_missing += self.lines,
                }
            }
            // In the total, an included phase is known (it is in manufacturing).
            let t = &mut cells[4];
            if state.iter().any(|c| *c != Cell::Missing) {
                t.range = t.range + total;
                t.n_available += self.lines;
            }
            if state.contains(&Cell::Missing) {
                t.n_missing += self.lines;
            }
        }
    }
}
