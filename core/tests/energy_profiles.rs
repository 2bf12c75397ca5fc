//! Energy as the data gives it (issue 14): a class whose figure is a typical energy consumption
//! (TEC, kWh a year) keeps it as its default, hours entered scale the on-mode share of its duty
//! cycle (ENERGY STAR's, cited in the dataset) instead of dividing the year, printers keep their
//! yearly energy whatever the hours, and measured kWh still wins.

use empreinte::{Dataset, EvaluationOptions, Report};

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn with_lines(csv: &str) -> Report {
    let mut o = EvaluationOptions::new(2025);
    o.keep_lines = true;
    empreinte::evaluate_csv(ds(), std::io::Cursor::new(csv.to_string()), &o).unwrap()
}

fn kwh(r: &Report) -> Vec<f64> {
    r.lines
        .as_ref()
        .unwrap()
        .iter()
        .map(|l| l.footprint.electricity_kwh)
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// The class's yearly energy at its default hours, in kWh.
fn yearly(id: &str) -> (f64, f64) {
    let c = ds().category(ds().find_category(id).unwrap());
    (
        c.power_w.central * c.hours_per_day * c.days_per_year / 1000.0,
        c.hours_per_day * c.days_per_year,
    )
}

#[test]
fn an_interactive_display_used_6_hours_180_days_keeps_the_on_mode_share_of_its_tec() {
    let (tec, on_hours) = yearly("interactive_display");
    // The median TEC of Dell's interactive displays (commune-coverage: 304 kWh/yr) is the default.
    assert!((tec - 304.4).abs() < 0.5, "{tec}");
    // On 40 % of the year (ENERGY STAR desktop weighting: 9.6 h a day).
    assert!(close(on_hours, 0.40 * 8760.0), "{on_hours}");
    let r = with_lines("category;quantity;hours_per_day;days_per_year\nécran interactif;1;;\nécran interactif;1;6;180\n");
    let k = kwh(&r);
    assert!(close(k[0], tec), "{k:?}");
    // 1 080 h of 3 504 on-mode hours: 93.8 kWh, not 304 × 1 080 / 8 760 = 37.5.
    assert!(close(k[1], tec * 1080.0 / on_hours), "{k:?}");
    assert!((k[1] - 93.8).abs() < 0.1, "{k:?}");
}

#[test]
fn desk_and_notebook_classes_of_a_tec_give_it_back_at_their_default_hours() {
    for (id, on_share) in [
        ("thin_client", 0.40),
        ("signage_display", 0.40),
        ("chromebook", 0.30),
        ("rugged_laptop", 0.30),
    ] {
        let (_, on_hours) = yearly(id);
        assert!(close(on_hours, on_share * 8760.0), "{id}: {on_hours}");
        // Hours entered scale the on-mode energy: twice the hours, twice the kWh.
        let csv =
            format!("category;quantity;hours_per_day;days_per_year\n{id};1;4;200\n{id};1;8;200\n");
        let k = kwh(&with_lines(&csv));
        assert!(close(k[1], 2.0 * k[0]), "{id}: {k:?}");
    }
}

#[test]
fn printers_keep_their_yearly_energy_whatever_the_hours_and_say_so() {
    let (tec, _) = yearly("multifunction_printer");
    let r = with_lines(
        "category;quantity;hours_per_day;days_per_year;power_w;energy_kwh_per_year\n\
         imprimante multifonction;1;8;220;;\n\
         imprimante multifonction;1;;;;\n\
         imprimante multifonction;1;8;220;50;\n\
         imprimante multifonction;1;8;220;;100\n",
    );
    let k = kwh(&r);
    assert!(close(k[0], tec) && close(k[1], tec), "{k:?}");
    // A power given describes the device: power × the hours given.
    assert!(close(k[2], 50.0 * 8.0 * 220.0 / 1000.0), "{k:?}");
    // Measured kWh wins.
    assert!(close(k[3], 100.0), "{k:?}");
    let said: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == "hours_not_used")
        .map(|w| w.line)
        .collect();
    assert_eq!(
        said,
        vec![Some(2)],
        "only the line whose hours were set aside"
    );
    // The dataset says which model each class uses and cites the duty cycle.
    let c = ds().category(ds().find_category("multifunction_printer").unwrap());
    assert!(c.yearly_energy && c.source_row.contains("energy-star-imaging"));
    let c = ds().category(ds().find_category("interactive_display").unwrap());
    assert!(!c.yearly_energy && c.source_row.contains("energy-star-computers-5"));
}

#[test]
fn always_on_classes_still_scale_over_the_whole_year() {
    // A Wi-Fi access point's TEC is a year of 24 h days: 12 h a day is half of it.
    let (tec, on_hours) = yearly("wifi_access_point");
    assert!(close(on_hours, 8760.0));
    let k = kwh(&with_lines(
        "category;quantity;hours_per_day;days_per_year\nborne wifi;1;12;365\n",
    ));
    assert!(close(k[0], tec / 2.0), "{k:?}");
}
