//! Power of a server's CPUs and memory from their load.
//!
//! CPU: `P(load) = a·ln(b·(load + c)) + d` watts, load in %, floored at 1 W (BoaviztAPI 2.5.0's
//! curve; parameters by model range from `hosting_cpu_profiles.csv`). When the TDP is known, the
//! curve is refitted through the points (0 %, 0.12·TDP), (10 %, 0.32·TDP), (50 %, 0.75·TDP),
//! (100 %, 1.02·TDP) by least squares, with the bounds BoaviztAPI gives its fit (each parameter
//! within ±2|p| of the model-range curve, a, b, c ≥ 0). BoaviztAPI fits with scipy's `curve_fit`;
//! here the fit is solved exactly instead: `a·ln(b·(x + c)) + d = a·ln(x + c) + k` with
//! `k = a·ln b + d`, so for a given `c` the best `(a, k)` is a linear least-squares problem, and `c`
//! is found by golden-section search over its bounds with a fixed number of steps. Deterministic;
//! its results agree with scipy's to about 1e-9 (the peer suite checks it).
//!
//! `ln` is `libm::log` (a pure-Rust port of musl's), so native and WebAssembly builds give the
//! same bits; no other transcendental function is used.
//!
//! Memory (BoaviztAPI 2.5.0): one DIMM draws `(3.0 + 0.055·GB)·(0.7 + 0.3·load/100)` watts.
//! Powers are rounded to 5 significant figures as BoaviztAPI does before they are summed.

use crate::estimate::Range;

/// Exact powers of ten (each literal is the double nearest to it, as `math.pow(10, n)` gives).
const POW10: [f64; 61] = [
    1e-30, 1e-29, 1e-28, 1e-27, 1e-26, 1e-25, 1e-24, 1e-23, 1e-22, 1e-21, 1e-20, 1e-19, 1e-18,
    1e-17, 1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4,
    1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
    1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
    1e30,
];

fn pow10(e: i32) -> f64 {
    POW10[(e.clamp(-30, 30) + 30) as usize]
}

/// Rounds to `p` significant figures the way BoaviztAPI's `round_to_sigfig` does (nearest, ties
/// upwards in magnitude), with the same floating-point operations. Values outside 1e-25..1e25
/// are returned unchanged.
pub fn round_sig(x: f64, p: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    let x = x.abs();
    if !(1e-25..1e25).contains(&x) {
        return sign * x;
    }
    // Largest e with 10^e <= x.
    let mut e = -30;
    while e < 30 && pow10(e + 1) <= x {
        e += 1;
    }
    let mut tens = pow10(e - p + 1);
    let mut n = (x / tens).floor();
    if n < pow10(p - 1) {
        e -= 1;
        tens = pow10(e - p + 1);
        n = (x / tens).floor();
    }
    if ((n + 1.0) * tens - x).abs() <= (n * tens - x).abs() {
        n += 1.0;
    }
    if n >= pow10(p) {
        n /= 10.0;
        e += 1;
    }
    let text = format!("{}e{}", n as u64, e - p + 1);
    sign * crate::decimal::parse_f64(&text).unwrap_or(x)
}

/// Natural logarithm, identical on every target.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// A CPU power curve: `P(load) = a·ln(b·(load + c)) + d`, or after a TDP fit `a·ln(load + c) + k`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CpuCurve {
    /// Coefficient `a` (W).
    pub a: f64,
    /// Coefficient `b` (per %; 1 after a TDP fit).
    pub b: f64,
    /// Coefficient `c` (%).
    pub c: f64,
    /// Coefficient `d` (W; `k` after a TDP fit).
    pub d: f64,
    /// True when the curve was fitted to the TDP (then `b = 1` and `d` holds `k`).
    pub fitted_to_tdp: bool,
}

impl CpuCurve {
    /// Power (W) of one CPU at a load (%), floored at `min_power`.
    pub fn power(&self, load: f64, min_power: f64) -> f64 {
        let p = if self.fitted_to_tdp {
            self.a * ln(load + self.c) + self.d
        } else {
            self.a * ln(self.b * (load + self.c)) + self.d
        };
        p.max(min_power)
    }
}

/// Time shares and loads of a workload: `[(time %, load %)]`, or one load all the time.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Load {
    /// One load (%) with its range (low, central, high).
    Constant(Range),
    /// Shares of time (%) at given loads (%); the shares need not sum to 100.
    Profile(Vec<(f64, f64)>),
}

impl Load {
    /// Applies a per-load power function: the range of powers at the low, central and high load
    /// (a profile has no range).
    pub fn apply(&self, f: impl Fn(f64) -> f64) -> Range {
        match self {
            Load::Constant(r) => Range::new(f(r.low), f(r.central), f(r.high)),
            Load::Profile(shares) => {
                let mut total = 0.0;
                for &(time, load) in shares {
                    total += (time / 100.0) * f(load);
                }
                Range::exact(total)
            }
        }
    }
}

const GOLDEN_STEPS: usize = 200;

/// Fits the curve through the TDP points, within BoaviztAPI's bounds around `base`.
pub fn fit_to_tdp(base: (f64, f64, f64, f64), tdp: f64, points: &[(f64, f64); 4]) -> CpuCurve {
    let (a0, b0, c0, d0) = base;
    let bound = |p: f64, floor: f64| ((p - 2.0 * p.abs()).max(floor), p + 2.0 * p.abs());
    let (a_lo, a_hi) = bound(a0, 0.0);
    let (c_lo, c_hi) = bound(c0, 0.0);
    let (_, b_hi) = bound(b0, 0.0);
    let (_, d_hi) = bound(d0, f64::NEG_INFINITY);
    let xs: [f64; 4] = [points[0].0, points[1].0, points[2].0, points[3].0];
    let ys: [f64; 4] = [
        tdp * points[0].1,
        tdp * points[1].1,
        tdp * points[2].1,
        tdp * points[3].1,
    ];
    // Best (a, k) for a given c, and the sum of squared residuals.
    let solve = |c: f64| -> (f64, f64, f64) {
        let l: [f64; 4] = [ln(xs[0] + c), ln(xs[1] + c), ln(xs[2] + c), ln(xs[3] + c)];
        let ml = (l[0] + l[1] + l[2] + l[3]) / 4.0;
        let my = (ys[0] + ys[1] + ys[2] + ys[3]) / 4.0;
        let mut sxy = 0.0;
        let mut sxx = 0.0;
        for i in 0..4 {
            sxy += (l[i] - ml) * (ys[i] - my);
            sxx += (l[i] - ml) * (l[i] - ml);
        }
        let mut a = (sxy / sxx).clamp(a_lo, a_hi);
        let mut k = my - a * ml;
        // k = a·ln b + d cannot exceed a·ln(b_max) + d_max.
        let k_hi = a * ln(b_hi) + d_hi;
        if k > k_hi {
            k = k_hi;
            let mut num = 0.0;
            for i in 0..4 {
                num += l[i] * (ys[i] - k);
            }
            let den: f64 = l.iter().map(|v| v * v).sum();
            a = (num / den).clamp(a_lo, a_hi);
        }
        let mut s = 0.0;
        for i in 0..4 {
            let r = a * l[i] + k - ys[i];
            s += r * r;
        }
        (a, k, s)
    };
    let phi = 0.618_033_988_749_894_9;
    let (mut lo, mut hi) = (c_lo, c_hi);
    let mut x1 = hi - phi * (hi - lo);
    let mut x2 = lo + phi * (hi - lo);
    let mut f1 = solve(x1).2;
    let mut f2 = solve(x2).2;
    for _ in 0..GOLDEN_STEPS {
        if f1 <= f2 {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - phi * (hi - lo);
            f1 = solve(x1).2;
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + phi * (hi - lo);
            f2 = solve(x2).2;
        }
    }
    let c = (lo + hi) / 2.0;
    let (a, k, _) = solve(c);
    CpuCurve {
        a,
        b: 1.0,
        c,
        d: k,
        fitted_to_tdp: true,
    }
}

/// Indel similarity of two strings in percent (rapidfuzz `ratio`): `100·(1 − indel/(len1+len2))`.
fn ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 100.0;
    }
    // Longest common subsequence.
    let mut prev = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    let lcs = prev[b.len()];
    let total = a.len() + b.len();
    100.0 * (2 * lcs) as f64 / total as f64
}

/// rapidfuzz `token_sort_ratio` of lower-cased strings: words sorted, then the indel similarity
/// in percent (rapidfuzz `ratio`).
pub fn token_sort_ratio(a: &str, b: &str) -> f64 {
    let sorted = |s: &str| {
        let lower = s.to_lowercase();
        let mut w: Vec<&str> = lower.split_whitespace().collect();
        w.sort_unstable();
        w.join(" ")
    };
    ratio(&sorted(a), &sorted(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_boaviztapi() {
        assert_eq!(round_sig(182.2456, 5), 182.25);
        assert_eq!(round_sig(0.012345678, 5), 0.012346);
        assert_eq!(round_sig(522.5, 3), 523.0);
        assert_eq!(round_sig(99999.6, 5), 100000.0);
        assert_eq!(round_sig(-4.56789, 3), -4.57);
    }

    #[test]
    fn token_sort_ratio_matches_rapidfuzz() {
        assert_eq!(token_sort_ratio("Xeon Gold", "xeon gold"), 100.0);
        assert!((token_sort_ratio("xeon e", "xeon e5") - 92.307_692_307_692_3).abs() < 1e-9);
    }

    #[test]
    fn tdp_fit_is_scale_free() {
        let pts = [(0.0, 0.12), (10.0, 0.32), (50.0, 0.75), (100.0, 1.02)];
        let base = (171.2, 0.0354, 36.89, -10.13);
        let c240 = fit_to_tdp(base, 240.0, &pts);
        // scipy's curve_fit result for this case (BoaviztAPI 2.5.0): 28.6208197671 W at 0 %.
        assert!((c240.power(0.0, 1.0) / 28.620_819_767_111_026 - 1.0).abs() < 1e-8);
        assert!((c240.c - 20.451_103).abs() < 1e-5);
    }
}
