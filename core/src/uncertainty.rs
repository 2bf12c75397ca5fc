//! Monte Carlo uncertainty: each factor of the dataset is drawn from a triangular distribution
//! (low, central, high), once per draw and not once per line, so lines sharing a factor share
//! its uncertainty. Seeded and reproducible on every platform (xoshiro256** seeded by
//! SplitMix64; only +, −, ×, ÷ and sqrt, all correctly rounded).
//!
//! Totals are linear in the factors: the evaluation accumulates, per breakdown, one coefficient
//! per factor (see `fleet::FactorTrace`), and each draw is a sparse dot product. Lifetimes and
//! powers stay at their central values: the draws cover the dataset's factors.

use crate::dataset::{Dataset, FactorRef, N_IND};
#[cfg(feature = "estate")]
use crate::estimate::Range;
use crate::fleet::FactorTrace;
use crate::indicator::{Indicator, Phase};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use crate::options::{MonteCarloOptions, MAX_DRAWS};

/// Mean and percentiles of a drawn figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stats {
    /// Mean of the draws.
    pub mean: f64,
    /// 5th percentile (linear interpolation between order statistics).
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Per indicator: the phases and the total (phases only for the whole fleet).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnTable {
    /// Indicators of the table, in reporting order.
    pub indicators: Vec<Indicator>,
    /// Per indicator: [manufacturing, distribution, use, end of life, total]; `None` when not drawn.
    pub cells: Vec<[Option<Stats>; 5]>,
}

impl DrawnTable {
    /// The total of one indicator; `None` when not drawn (not available, or not in the table).
    pub fn total(&self, indicator: Indicator) -> Option<Stats> {
        let i = self.indicators.iter().position(|x| *x == indicator)?;
        self.cells[i][4]
    }
}

impl Serialize for DrawnTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.indicators.len()))?;
        for (ind, row) in self.indicators.iter().zip(&self.cells) {
            let mut cells = serde_json::Map::new();
            for p in Phase::ALL {
                if let Some(st) = row[p.index()] {
                    cells.insert(p.id().into(), serde_json::to_value(st).unwrap_or_default());
                }
            }
            cells.insert(
                "total".into(),
                serde_json::to_value(row[4]).unwrap_or_default(),
            );
            m.serialize_entry(ind.id(), &cells)?;
        }
        m.end()
    }
}

/// A drawn breakdown group (category or department).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawnGroup {
    /// Category id or department name (`None`: lines without department).
    pub key: Option<String>,
    /// The drawn figures.
    pub impacts: DrawnTable,
}

/// The Monte Carlo result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloSummary {
    /// Number of draws.
    pub draws: u32,
    /// Seed used.
    pub seed: u64,
    /// How factors were drawn, in plain words.
    pub distribution: &'static str,
    /// Totals of the fleet, per phase and in total.
    pub totals: DrawnTable,
    /// Per category, totals only.
    pub by_category: Vec<DrawnGroup>,
    /// Per department, totals only.
    pub by_department: Vec<DrawnGroup>,
}

/// Coefficients per breakdown group and factor, accumulated line by line.
#[derive(Debug, Clone)]
pub(crate) struct Accumulator {
    n_factors: usize,
    /// Group 0 is the total, then one group per category, then departments as they come.
    coefficients: Vec<Vec<f64>>,
    n_categories: usize,
    /// Figures outside the fleet (an estate's hosting and services): (indicator, phase, range)
    /// per contribution, each drawn independently (triangular) into the totals.
    #[cfg(feature = "estate")]
    independent: Vec<(Indicator, Phase, Range)>,
}

impl Accumulator {
    pub fn new(ds: &Dataset) -> Accumulator {
        let n = ds.factors().len();
        Accumulator {
            n_factors: n,
            coefficients: vec![vec![0.0; n]; 1 + ds.categories().len()],
            n_categories: ds.categories().len(),
            #[cfg(feature = "estate")]
            independent: Vec::new(),
        }
    }

    /// Whether figures outside the fleet are drawn too.
    fn has_independent(&self) -> bool {
        #[cfg(feature = "estate")]
        return !self.independent.is_empty();
        #[cfg(not(feature = "estate"))]
        false
    }

    /// Adds a figure outside the fleet to the totals, drawn on its own range.
    #[cfg(feature = "estate")]
    pub fn add_independent(&mut self, indicator: Indicator, phase: Phase, range: Range) {
        self.independent.push((indicator, phase, range));
    }

    /// Adds a line's traces to the total, its category and its department (by insertion index).
    pub fn add(&mut self, category: usize, department: usize, traces: &[FactorTrace]) {
        let dept_group = 1 + self.n_categories + department;
        while self.coefficients.len() <= dept_group {
            self.coefficients.push(vec![0.0; self.n_factors]);
        }
        for t in traces {
            let f = t.factor.0 as usize;
            self.coefficients[0][f] += t.coefficient;
            self.coefficients[1 + category][f] += t.coefficient;
            self.coefficients[dept_group][f] += t.coefficient;
        }
    }

    /// Runs the draws. `categories` and `departments` give each group's key and whether the
    /// deterministic figure is available (per indicator), in report order with their group index.
    pub fn run(
        &self,
        ds: &Dataset,
        opts: MonteCarloOptions,
        available: &dyn Fn(usize, Indicator, usize) -> bool,
        use_only: &dyn Fn(Indicator) -> bool,
        categories: &[(Option<String>, usize)],
        departments: &[(Option<String>, usize)],
    ) -> MonteCarloSummary {
        let inds = ds.indicators();
        // Factors in use, and each group's sparse coefficients over them.
        let used: Vec<usize> = (0..self.n_factors)
            .filter(|f| self.coefficients[0][*f] != 0.0)
            .collect();
        let sparse: Vec<Vec<(usize, f64)>> = self
            .coefficients
            .iter()
            .map(|c| {
                used.iter()
                    .enumerate()
                    .filter(|(_, f)| c[**f] != 0.0)
                    .map(|(k, f)| (k, c[*f]))
                    .collect()
            })
            .collect();
        let slot: Vec<(usize, usize)> = used
            .iter()
            .map(|f| {
                let fac = ds.factor(FactorRef(*f as u32));
                (
                    inds.iter().position(|i| *i == fac.indicator).unwrap_or(0),
                    fac.phase.index(),
                )
            })
            .collect();
        let groups: Vec<usize> = std::iter::once(0)
            .chain(categories.iter().map(|(_, g)| *g))
            .chain(departments.iter().map(|(_, g)| *g))
            .collect();
        // samples[group position][indicator][phase or total] -> draws
        let n = opts.draws as usize;
        let mut samples: Vec<Vec<[Vec<f64>; 5]>> = groups
            .iter()
            .enumerate()
            .map(|(gi, _)| {
                (0..inds.len())
                    .map(|_| {
                        std::array::from_fn(|k| {
                            if gi == 0 || k == 4 {
                                Vec::with_capacity(n)
                            } else {
                                Vec::new()
                            }
                        })
                    })
                    .collect()
            })
            .collect();
        let mut rng = Xoshiro256::seed(opts.seed);
        let mut values = vec![0.0; used.len()];
        #[cfg(feature = "estate")]
        let mut extra = vec![0.0; self.independent.len()];
        let mut sums = vec![[0.0f64; 4]; N_IND.min(inds.len().max(1))];
        for _ in 0..n {
            for (k, f) in used.iter().enumerate() {
                let r = ds.factor(FactorRef(*f as u32)).value;
                values[k] = triangular(unit(&mut rng), r.low, r.central, r.high);
            }
            // Drawn after the factors: without them the sequence is the fleet's alone.
            #[cfg(feature = "estate")]
            for (k, (_, _, r)) in self.independent.iter().enumerate() {
                extra[k] = triangular(unit(&mut rng), r.low, r.central, r.high);
            }
            for (gi, g) in groups.iter().enumerate() {
                for s in sums.iter_mut() {
                    *s = [0.0; 4];
                }
                for (k, c) in &sparse[*g] {
                    let (i, p) = slot[*k];
                    sums[i][p] += c * values[*k];
                }
                #[cfg(feature = "estate")]
                if gi == 0 {
                    for ((ind, p, _), v) in self.independent.iter().zip(&extra) {
                        if let Some(i) = inds.iter().position(|x| x == ind) {
                            sums[i][p.index()] += v;
                        }
                    }
                }
                for (i, s) in sums.iter().enumerate() {
                    let cell = &mut samples[gi][i];
                    if gi == 0 {
                        for p in 0..4 {
                            cell[p].push(s[p]);
                        }
                    }
                    // A total given as the use phase alone (asked for) draws the use phase alone.
                    cell[4].push(if use_only(inds[i]) {
                        s[2]
                    } else {
                        s[0] + s[1] + s[2] + s[3]
                    });
                }
            }
        }
        let table = |gi: usize, group: usize| DrawnTable {
            indicators: inds.to_vec(),
            cells: (0..inds.len())
                .map(|i| {
                    std::array::from_fn(|k| {
                        let ok = available(group, inds[i], k);
                        (ok && !samples[gi][i][k].is_empty()).then(|| stats(&samples[gi][i][k]))
                    })
                })
                .collect(),
        };
        MonteCarloSummary {
            draws: opts.draws,
            seed: opts.seed,
            distribution: if !self.has_independent() {
                "triangular(low, central, high) per dataset factor; lifetimes and powers at their central values"
            } else {
                "triangular(low, central, high) per dataset factor, lifetimes and powers at their central values; each hosting and service figure of the estate triangular on its own range, independently, in the totals only"
            },
            totals: table(0, 0),
            by_category: categories
                .iter()
                .enumerate()
                .map(|(k, (key, g))| DrawnGroup {
                    key: key.clone(),
                    impacts: table(1 + k, *g),
                })
                .collect(),
            by_department: departments
                .iter()
                .enumerate()
                .map(|(k, (key, g))| DrawnGroup {
                    key: key.clone(),
                    impacts: table(1 + categories.len() + k, *g),
                })
                .collect(),
        }
    }

    /// Group index of a department by insertion order.
    pub fn department_group(&self, insertion_index: usize) -> usize {
        1 + self.n_categories + insertion_index
    }

    pub fn category_group(&self, category: usize) -> usize {
        1 + category
    }
}

/// A uniform draw in [0, 1) from 53 random bits.
fn unit(rng: &mut Xoshiro256) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The draws' generator: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom
/// number generators", ACM TOMS 47(4), 2021), seeded by SplitMix64 as its authors recommend.
/// A simulation generator, not a cryptographic one: small (a ChaCha block function was 5 KB of
/// WebAssembly), fast, and the same sequence on every platform for a seed.
struct Xoshiro256([u64; 4]);

impl Xoshiro256 {
    fn seed(seed: u64) -> Xoshiro256 {
        let mut x = seed;
        let mut next = || {
            // SplitMix64 (Steele, Lea and Flood, OOPSLA 2014; constants from the paper).
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }
}

/// Inverse CDF of the triangular distribution with mode `c` on [a, b].
pub fn triangular(u: f64, a: f64, c: f64, b: f64) -> f64 {
    if b <= a {
        return c;
    }
    let split = (c - a) / (b - a);
    if u < split {
        a + (u * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
    }
}

/// Mean and the 5th, 50th and 95th percentiles (linear interpolation between order statistics).
fn stats(xs: &[f64]) -> Stats {
    let mut v = xs.to_vec();
    crate::sort::sort_by(&mut v, |a, b| a.total_cmp(b));
    let q = |p: f64| {
        let h = (v.len() - 1) as f64 * p;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        v[lo] + (h - lo as f64) * (v[hi] - v[lo])
    };
    Stats {
        mean: v.iter().sum::<f64>() / v.len() as f64,
        p5: q(0.05),
        p50: q(0.5),
        p95: q(0.95),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_generator_is_xoshiro256starstar_seeded_by_splitmix64() {
        // SplitMix64 from 0 gives e220a8397b1dcdaf, 6e789e6aa1b965f4... (its reference
        // outputs); the first xoshiro256** outputs from that state, computed independently.
        let mut rng = super::Xoshiro256::seed(0);
        assert_eq!(rng.0[0], 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.0[3], 0xf88b_b8a8_724c_81ec);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                0x99ec_5f36_cb75_f2b4,
                0xbf6e_1f78_4956_452a,
                0x1a5f_849d_4933_e6e0
            ]
        );
    }

    use super::*;

    #[test]
    fn triangular_bounds_and_mode() {
        assert_eq!(triangular(0.0, 1.0, 2.0, 4.0), 1.0);
        assert!((triangular(1.0 - 1e-12, 1.0, 2.0, 4.0) - 4.0).abs() < 1e-5);
        assert_eq!(triangular(0.3, 2.0, 2.0, 2.0), 2.0);
        // The CDF at the mode is (c - a) / (b - a).
        assert!((triangular(1.0 / 3.0, 1.0, 2.0, 4.0) - 2.0).abs() < 1e-12);
    }

    #[test]
    fn percentiles() {
        let s = stats(&(0..101).map(f64::from).collect::<Vec<_>>());
        assert_eq!((s.mean, s.p5, s.p50, s.p95), (50.0, 5.0, 50.0, 95.0));
    }
}
