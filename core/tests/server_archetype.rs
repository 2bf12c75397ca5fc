//! One server, one answer, whichever door (issue 14): in the Boavizta set, the `server` class an
//! inventory names is the bottom-up default archetype (`empreinte server --dataset boavizta-2.5`)
//! for the indicators that have component factors and a device figure to replace (climate
//! change: the component figure replaces BoaviztAPI's generic 3 660 kg), and its power is that
//! archetype's at its default load. Primary energy has component factors too, but the set has no
//! device manufacturing for it: one class would not cover the phase, so the fleet leaves it out
//! (its use phase is the same either way).
//!
//! The figures are derived here, by the hosting model itself, into
//! `reference-data/tools/derived/boavizta_server_archetype.csv`, which the dataset generator
//! reads (`generate.py`): the model is written once, in Rust. This test fails when the file and
//! the model drift apart; `UPDATE_DERIVED=1` rewrites the file (then run
//! `python3 reference-data/tools/generate.py` and `scripts/sync-embedded-data.sh`).

use empreinte::hosting::{server_footprint, HostingUsage, ServerConfig, ServerSpec};
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, Indicator, Phase};
use uom::si::f64::Time;
use uom::si::time::hour;

const DERIVED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../reference-data/tools/derived/boavizta_server_archetype.csv"
);
const ARCHETYPE: &str = "platform_compute_medium";

fn boavizta() -> &'static Dataset {
    Dataset::embedded("boavizta-2.5").unwrap()
}

/// The derived file's text, from the model: the archetype's whole manufacturing (a duration past
/// its lifetime carries all of it, once) per indicator with component factors, and its IT power.
fn derived() -> String {
    let mut usage = HostingUsage::one_year(2025);
    usage.duration = Time::new::<hour>(10.0 * 8760.0);
    let f = server_footprint(
        boavizta(),
        &ServerSpec::BottomUp(ServerConfig::default()),
        &usage,
    )
    .unwrap();
    assert_eq!(f.embodied_share.low, 1.0);
    let mut out = String::from("archetype,figure,indicator,value,low,high,unit,factors\n");
    for ind in Indicator::ALL {
        let suffix = format!(".{}", ind.id());
        let components: Vec<&str> = f
            .factors_used
            .iter()
            .filter(|id| id.starts_with("hosting.") && id.ends_with(&suffix))
            .map(String::as_str)
            .collect();
        if components.is_empty() {
            continue; // the generic server's figure (BoaviztAPI's fallback)
        }
        let m = f.impact(ind, Phase::Manufacturing).unwrap();
        out.push_str(&format!(
            "{ARCHETYPE},manufacturing,{},{},{},{},{},{}\n",
            ind.id(),
            m.central,
            m.low,
            m.high,
            ind.unit(),
            components.join("|")
        ));
    }
    let p = f.it_power_w;
    out.push_str(&format!(
        "{ARCHETYPE},it_power_w,,{},{},{},W,\n",
        p.central, p.low, p.high
    ));
    out
}

#[test]
fn the_derived_archetype_file_follows_the_model() {
    let text = derived();
    if std::env::var_os("UPDATE_DERIVED").is_some() {
        std::fs::write(DERIVED, &text).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(DERIVED).unwrap_or_default();
    assert_eq!(
        on_disk, text,
        "{DERIVED} is stale: run UPDATE_DERIVED=1 cargo test -p empreinte --test server_archetype, \
         then python3 reference-data/tools/generate.py and scripts/sync-embedded-data.sh"
    );
}

/// A server line of an inventory, in the Boavizta set, is the bottom-up archetype in its room:
/// its manufacturing and use per year, its electricity, are `empreinte server`'s for one year.
/// The sources give no distribution or end of life for server components: not available, and a
/// total holding servers is partial (a lower bound), never a zero.
#[test]
fn the_boavizta_inventory_server_is_the_bottom_up_archetype() {
    let ds = boavizta();
    let hosted = server_footprint(
        ds,
        &ServerSpec::BottomUp(ServerConfig::default()),
        &HostingUsage::one_year(2025),
    )
    .unwrap();
    let report = evaluate_csv(
        ds,
        std::io::Cursor::new("category;quantity;acquisition_year\nServeur;1;2025\n"),
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
    assert!(close(
        report.totals.electricity_kwh,
        hosted.electricity_kwh.central
    ));
    let pe = |p| {
        report
            .totals
            .impacts
            .get(Indicator::PrimaryEnergy, p)
            .unwrap()
            .value()
    };
    assert!(close(
        pe(Phase::Use).unwrap().central,
        hosted
            .impact(Indicator::PrimaryEnergy, Phase::Use)
            .unwrap()
            .central
    ));
    assert_eq!(pe(Phase::Manufacturing), None);
    {
        let ind = Indicator::ClimateChange;
        let phase = |p| report.totals.impacts.get(ind, p).unwrap();
        for p in [Phase::Manufacturing, Phase::Use] {
            let (ours, theirs) = (phase(p).value().unwrap(), hosted.impact(ind, p).unwrap());
            assert!(
                close(ours.central, theirs.central),
                "{ind:?} {p:?}: {} vs {}",
                ours.central,
                theirs.central
            );
            assert!(ours.low <= ours.central && ours.central <= ours.high);
        }
        for p in [Phase::Distribution, Phase::EndOfLife] {
            assert_eq!(hosted.impact(ind, p), None);
            assert_eq!(phase(p).value(), None, "{ind:?} {p:?}");
        }
    }
    // Climate: BoaviztAPI's generic 3 660 kg is no longer what a server line carries.
    let made = report
        .totals
        .impacts
        .get(Indicator::ClimateChange, Phase::Manufacturing)
        .unwrap()
        .value()
        .unwrap();
    assert!(made.central < 3660.0 / 4.0 / 2.0, "{}", made.central);
    // Indicators without component factors keep the generic server's figure, one lump.
    let acid = report
        .totals
        .impacts
        .get(Indicator::Acidification, Phase::EndOfLife)
        .unwrap();
    assert_eq!(acid.availability().id(), "included_in_manufacturing");
}
