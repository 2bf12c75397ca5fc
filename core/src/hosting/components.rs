//! Embodied impacts of server components and power of CPUs, memory and drives (BoaviztAPI 2.5.0
//! bottom-up model; component factors of UBA Texte 94/2021 in `hosting_components.csv`).

use super::power::{round_sig, token_sort_ratio, Load};
use super::spec::{Bank, CaseType, DiskKind, Drive, Resolved};
use super::*;

/// Die area statistics for a core count (BoaviztAPI: mean of the CPUs with that many cores; low =
/// min over the low core count, high = max over the high one; a least-squares line otherwise).
pub(crate) fn die_from_cores(
    h: &HostingTables,
    cores: Range,
    used: &mut Vec<String>,
) -> Result<Range, HostingError> {
    let row = |c: f64| h.die_by_cores.iter().find(|r| r.0 == c);
    used.push("hosting_cpu_die_by_cores.csv".into());
    match row(cores.central) {
        Some(r) => Ok(Range::new(
            row(cores.low).map_or(r.2, |x| x.2),
            r.1,
            row(cores.high).map_or(r.3, |x| x.3),
        )),
        None => {
            let a = param(h, "cpu_die_regression_intercept", used)?.central;
            let b = param(h, "cpu_die_regression_slope", used)?.central;
            let f = |c: f64| round_sig(a + b * c, 3);
            Ok(Range::new(f(cores.low), f(cores.central), f(cores.high)))
        }
    }
}

/// BoaviztAPI's power-curve lookup: manufacturer then model range by token-sort ratio >= 90;
/// one row left, or an exact model-range match among several.
pub(crate) fn lookup_profile(
    h: &HostingTables,
    manufacturer: &str,
    model_range: &str,
) -> Option<(f64, f64, f64, f64, String)> {
    let mut sub: Vec<_> = h.profiles.iter().collect();
    if !manufacturer.is_empty() {
        let t: Vec<_> = sub
            .iter()
            .copied()
            .filter(|p| token_sort_ratio(&p.manufacturer, manufacturer) >= 90.0)
            .collect();
        if !t.is_empty() {
            sub = t;
        }
    }
    if !model_range.is_empty() {
        let t: Vec<_> = sub
            .iter()
            .copied()
            .filter(|p| token_sort_ratio(&p.model_range, model_range) >= 90.0)
            .collect();
        if !t.is_empty() {
            sub = t;
        }
    }
    let pick = match sub.len() {
        1 => Some(sub[0]),
        n if n > 1 && !model_range.is_empty() => sub
            .iter()
            .copied()
            .find(|p| p.model_range.to_lowercase() == model_range.to_lowercase()),
        _ => None,
    };
    pick.map(|p| (p.a, p.b, p.c, p.d, p.model_range.clone()))
}

/// Per-component embodied impacts (before allocation), one indicator. `None` when a component has
/// no factor for it (BoaviztAPI then falls back to the generic server).
pub(crate) struct Components {
    pub assembly: Range,
    pub cpu: Range,
    pub rams: Vec<Range>,
    pub drives: Vec<(DiskKind, Range)>,
    pub psu: Range,
    pub case: Range,
    pub motherboard: Range,
}

pub(crate) fn components(
    h: &HostingTables,
    s: &Resolved,
    ind: Indicator,
    used: &mut Vec<String>,
) -> Option<Components> {
    let f = |comp: &str, term: &str| -> Option<f64> {
        h.components
            .iter()
            .find(|c| c.component == comp && c.term == term && c.indicator == ind)
            .map(|c| c.value.central)
    };
    let mark = |used: &mut Vec<String>, comp: &str| {
        for c in h
            .components
            .iter()
            .filter(|c| c.component == comp && c.indicator == ind)
        {
            if !used.contains(&c.id) {
                used.push(c.id.clone());
            }
        }
    };
    let units =
        |u: Range, x: Range| Range::new(x.low * u.low, x.central * u.central, x.high * u.high);
    let (cpu_die, cpu_fixed) = (f("cpu", "per_die_area")?, f("cpu", "fixed")?);
    let (ram_die, ram_fixed) = (f("ram", "per_die_area")?, f("ram", "fixed")?);
    let (ssd_die, ssd_fixed) = (f("ssd", "per_die_area")?, f("ssd", "fixed")?);
    let hdd = f("hdd", "fixed")?;
    let psu = f("power_supply", "per_kg")?;
    let rack = f("case_rack", "fixed")?;
    let blade = f("case_blade", "enclosure_16_slots")? / 16.0 + f("case_blade", "fixed")?;
    let (mb, asm) = (f("motherboard", "fixed")?, f("assembly", "fixed")?);
    for c in [
        "assembly",
        "cpu",
        "ram",
        "ssd",
        "hdd",
        "power_supply",
        "case_rack",
        "case_blade",
        "motherboard",
    ] {
        mark(used, c);
    }
    let die = s.die;
    let cpu = units(
        s.cpu_units,
        Range::new(
            die.low * cpu_die + cpu_fixed,
            die.central * cpu_die + cpu_fixed,
            die.high * cpu_die + cpu_fixed,
        ),
    );
    let bank = |b: &Bank, per: f64, fixed: f64| {
        units(
            b.units,
            Range::new(
                (b.capacity.low / b.density.high) * per + fixed,
                (b.capacity.central / b.density.central) * per + fixed,
                (b.capacity.high / b.density.low) * per + fixed,
            ),
        )
    };
    let rams = s.rams.iter().map(|b| bank(b, ram_die, ram_fixed)).collect();
    let drives = s
        .drives
        .iter()
        .map(|d| {
            let r = match d.kind {
                DiskKind::Ssd => bank(
                    &Bank {
                        units: d.units,
                        capacity: d.capacity,
                        density: d.density,
                    },
                    ssd_die,
                    ssd_fixed,
                ),
                DiskKind::Hdd => units(d.units, Range::exact(hdd)),
            };
            (d.kind, r)
        })
        .collect();
    let psu = units(
        s.psu_units,
        Range::new(
            s.psu_weight.low * psu,
            s.psu_weight.central * psu,
            s.psu_weight.high * psu,
        ),
    );
    // An archetype's enclosure spans rack and blade (BoaviztAPI); a given one is exact.
    let own = if s.case == CaseType::Blade {
        blade
    } else {
        rack
    };
    let other = if s.case == CaseType::Blade {
        rack
    } else {
        blade
    };
    let case = if s.case_from_archetype {
        if other > own {
            Range::new(own, own, other)
        } else {
            Range::new(other, own, own)
        }
    } else {
        Range::exact(own)
    };
    Some(Components {
        assembly: Range::exact(asm),
        cpu,
        rams,
        drives,
        psu,
        case,
        motherboard: Range::exact(mb),
    })
}

/// CPU power of all the CPUs (W), rounded as BoaviztAPI does.
pub(crate) fn cpu_power(
    h: &HostingTables,
    s: &Resolved,
    used: &mut Vec<String>,
) -> Result<Range, HostingError> {
    let min_power = param(h, "cpu_min_power", used)?.central;
    let per_cpu = s.load.apply(|l| s.curve.power(l, min_power));
    Ok(Range::new(
        round_sig(per_cpu.low, 5) * s.cpu_units.low,
        round_sig(per_cpu.central, 5) * s.cpu_units.central,
        round_sig(per_cpu.high, 5) * s.cpu_units.high,
    ))
}

/// Power of one memory bank (W); `dimm_gb`: DIMM size assumed (cloud), else the module's capacity.
pub(crate) fn ram_power(
    h: &HostingTables,
    b: &Bank,
    load: &Load,
    dimm_gb: Option<f64>,
    used: &mut Vec<String>,
) -> Result<Range, HostingError> {
    let base = param(h, "ram_dimm_base_power", used)?.central;
    let per_gb = param(h, "ram_dimm_power_per_gb", used)?.central;
    let idle = param(h, "ram_idle_power_ratio", used)?.central;
    let dimm = dimm_gb.unwrap_or(b.capacity.central);
    let per_unit = if dimm != 0.0 {
        b.capacity.central / dimm
    } else {
        0.0
    };
    let a = base + per_gb * dimm;
    let p = load.apply(|l| a * (idle + (1.0 - idle) * l / 100.0));
    Ok(Range::new(
        round_sig(p.low, 5) * b.units.low * per_unit,
        round_sig(p.central, 5) * b.units.central * per_unit,
        round_sig(p.high, 5) * b.units.high * per_unit,
    ))
}

/// Power of a set of drives (W).
pub(crate) fn drive_power(
    h: &HostingTables,
    d: &Drive,
    used: &mut Vec<String>,
) -> Result<Range, HostingError> {
    let p = param(
        h,
        if d.kind == DiskKind::Ssd {
            "ssd_power"
        } else {
            "hdd_power"
        },
        used,
    )?;
    Ok(p.scale(d.units.central))
}
