//! CSV output of `evaluate`, `compare`, `scenario` and `trajectory`: long format, units in the
//! headers, numbers as Rust writes them (shortest round trip). Every row goes through the core's
//! `csv_safe::Writer`: text cells (labels, departments, offer and scenario names) that a
//! spreadsheet would run as formulas get an apostrophe; numbers stay numbers.

use empreinte::csv_safe::{
    Cell::{self, Number, Text},
    Writer,
};
use empreinte::report::LineReport;
use empreinte::scenario::Delta;
use empreinte::{
    Comparison, Estimate, GroupFootprint, ImpactTable, Phase, Range, Report, ScenarioResult,
    TrajectorySeries,
};
use std::io::{self, Write};

fn bounds(v: Option<Range>) -> [String; 3] {
    v.map_or(Default::default(), |r| {
        [r.low.to_string(), r.central.to_string(), r.high.to_string()]
    })
}

/// `available`, `partial`, `not_available`, `included_in_manufacturing` or `use_phase_only`;
/// the figures of a cell without a number are empty.
fn status(e: &Estimate) -> &'static str {
    e.availability().id()
}

/// The four phases then the total of one indicator of a table (not available where the table
/// lacks the indicator, never a zero).
fn phases<'a>(
    t: &'a ImpactTable,
    ind: empreinte::Indicator,
) -> impl Iterator<Item = (&'static str, Estimate)> + 'a {
    let missing = Estimate {
        scope: empreinte::Scope::NotCovered,
        ..Estimate::default()
    };
    Phase::ALL
        .iter()
        .map(move |p| (p.id(), t.get(ind, *p)))
        .chain(std::iter::once(("total", t.total(ind))))
        .map(move |(id, e)| (id, e.copied().unwrap_or(missing)))
}

/// `evaluate --format csv`: one row per scope (total, category, department; line with
/// `--lines`), key, indicator and phase. With `--lines` three columns follow: the line's
/// category, department and label (empty on the other rows).
pub fn report(r: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut w = Writer::from_writer(out);
    let mut header = vec![
        "scope",
        "key",
        "indicator",
        "phase",
        "unit",
        "status",
        "low",
        "central",
        "high",
        "devices",
    ];
    let with_lines = r.lines.is_some();
    if with_lines {
        header.extend(["category", "department", "label"]);
    }
    w.header(&header)?;
    let mut table = |scope: &str,
                     key: Cell<'_>,
                     devices: Option<u64>,
                     t: &ImpactTable,
                     line: Option<&LineReport>|
     -> io::Result<()> {
        let devices = devices.map_or(String::new(), |d| d.to_string());
        for ind in t.indicators() {
            for (phase, e) in phases(t, *ind) {
                let [lo, c, hi] = bounds(e.value());
                let mut row = vec![
                    Text(scope),
                    key,
                    Text(ind.id()),
                    Text(phase),
                    Text(ind.unit()),
                    Text(status(&e)),
                    Number(&lo),
                    Number(&c),
                    Number(&hi),
                    Number(&devices),
                ];
                if with_lines {
                    row.extend(match line {
                        Some(l) => [
                            Text(&l.category),
                            Text(l.department.as_deref().unwrap_or("")),
                            Text(l.label.as_deref().unwrap_or("")),
                        ],
                        None => [Text(""); 3],
                    });
                }
                w.row(&row)?;
            }
        }
        Ok(())
    };
    table(
        "total",
        group(&r.totals),
        Some(r.totals.devices),
        &r.totals.impacts,
        None,
    )?;
    // An estate: fleet, hosting, services (`devices` empty; the scopes sum to the total).
    for s in r.estate.iter().flat_map(|e| &e.by_scope) {
        table("estate_scope", Text(s.scope.id()), None, &s.impacts, None)?;
    }
    for g in &r.by_category {
        table("category", group(g), Some(g.devices), &g.impacts, None)?;
    }
    for g in &r.by_department {
        table("department", group(g), Some(g.devices), &g.impacts, None)?;
    }
    for l in r.lines.iter().flatten() {
        let n = l.footprint.line.to_string();
        let q = u64::from(l.footprint.quantity);
        table("line", Number(&n), Some(q), &l.impacts(), Some(l))?;
    }
    // With `--previous`: the change since last year, split (`devices` empty).
    if let Some(y) = &r.year_over_year {
        for (key, t) in [
            ("fleet_effect", &y.fleet_effect),
            ("ageing_effect", &y.ageing_effect),
            ("reference_effect", &y.reference_effect),
            ("total_change", &y.total_change),
        ] {
            table("year_over_year", Text(key), None, t, None)?;
        }
    }
    w.flush()
}

fn group(g: &GroupFootprint) -> Cell<'_> {
    Text(g.key.as_deref().unwrap_or(""))
}

/// `compare --format csv`: per offer, indicator and phase, per year of service.
pub fn compare(c: &Comparison, out: &mut impl Write) -> io::Result<()> {
    let mut w = Writer::from_writer(out);
    w.header(&[
        "offer",
        "indicator",
        "phase",
        "unit",
        "status",
        "low_per_year",
        "central_per_year",
        "high_per_year",
    ])?;
    for o in &c.offers {
        for ind in &o.indicators {
            let row = &o.per_year[*ind as usize];
            for (phase, v, included) in Phase::ALL
                .iter()
                .map(|p| {
                    let included = o.included[*ind as usize] & (1 << p.index()) != 0;
                    (p.id(), row[p.index()], included)
                })
                .chain([("total", row[4], false)])
            {
                // Empty figures: not available, or included in manufacturing (the status says).
                let status = match (v, included) {
                    (_, true) => "included_in_manufacturing",
                    (Some(_), false) => "available",
                    (None, false) => "not_available",
                };
                let [lo, mid, hi] = bounds(v.filter(|_| !included));
                w.row(&[
                    Text(&o.name),
                    Text(ind.id()),
                    Text(phase),
                    Text(ind.unit()),
                    Text(status),
                    Number(&lo),
                    Number(&mid),
                    Number(&hi),
                ])?;
            }
        }
    }
    w.flush()
}

/// `scenario --format csv`: per scope (total, category, department), key, indicator and phase,
/// the baseline, the scenario and the change (scenario − baseline), each low, central, high.
/// `status` is the change's (partial when either side lacks a factor for some lines).
pub fn scenario(r: &ScenarioResult, out: &mut impl Write) -> io::Result<()> {
    let mut w = Writer::from_writer(out);
    w.header(&[
        "scenario",
        "scope",
        "key",
        "indicator",
        "phase",
        "unit",
        "status",
        "baseline_low",
        "baseline_central",
        "baseline_high",
        "scenario_low",
        "scenario_central",
        "scenario_high",
        "change_low",
        "change_central",
        "change_high",
    ])?;
    let mut delta = |scope: &str, d: &Delta| -> io::Result<()> {
        let key = d.key.as_deref().unwrap_or("");
        for ind in d.change.indicators() {
            let sides = [
                phases(&d.baseline, *ind).collect::<Vec<_>>(),
                phases(&d.scenario, *ind).collect(),
                phases(&d.change, *ind).collect(),
            ];
            for (k, (phase, change)) in sides[2].iter().enumerate() {
                let figures = sides.each_ref().map(|s| bounds(s[k].1.value()));
                let mut row = vec![
                    Text(&r.name),
                    Text(scope),
                    Text(key),
                    Text(ind.id()),
                    Text(phase),
                    Text(ind.unit()),
                    Text(status(change)),
                ];
                row.extend(figures.iter().flatten().map(|v| Number(v)));
                w.row(&row)?;
            }
        }
        Ok(())
    };
    delta("total", &r.totals)?;
    for d in &r.by_category {
        delta("category", d)?;
    }
    for d in &r.by_department {
        delta("department", d)?;
    }
    w.flush()
}

/// `trajectory --format csv`: one row per series and year; the climate figure is empty and its
/// status says `not_available` when the year has none.
pub fn trajectory(
    series: &[TrajectorySeries],
    climate: impl Fn(&empreinte::YearPoint) -> Option<Estimate>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut w = Writer::from_writer(out);
    w.header(&[
        "series",
        "year",
        "devices",
        "purchases",
        "refurbished_purchases",
        "electricity_kwh",
        "climate_change_kgco2e",
        "climate_change_status",
    ])?;
    for s in series {
        for p in &s.years {
            let e = climate(p);
            let figures = [
                p.year.to_string(),
                p.devices.to_string(),
                p.purchases.to_string(),
                p.refurbished_purchases.to_string(),
                p.electricity_kwh.to_string(),
                e.and_then(|e| e.central())
                    .map_or(String::new(), |v| v.to_string()),
            ];
            let mut row = vec![Text(&s.name)];
            row.extend(figures.iter().map(|v| Number(v)));
            row.push(Text(e.as_ref().map_or("not_available", status)));
            w.row(&row)?;
        }
    }
    w.flush()
}
