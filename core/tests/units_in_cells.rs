//! Number cells as communes write them, with their unit or a placeholder for "not known": every
//! row evaluated, each figure the one the plain number gives; a unit the field does not take
//! still rejects its row, at its line and field.

use empreinte::{evaluate_bytes, Dataset, EvaluationOptions, Field};

fn evaluate(csv: &str) -> empreinte::Report {
    let mut options = EvaluationOptions::new(2025);
    options.keep_lines = true;
    evaluate_bytes(
        Dataset::embedded_default(),
        csv.as_bytes().to_vec(),
        &options,
    )
    .unwrap()
}

#[test]
fn units_and_placeholders_give_the_plain_numbers() {
    let header = "Type de matériel;Qté;État;Année d'acquisition;Durée de vie;Heures par jour;Jours/an;Puissance\n";
    let written = format!(
        "{header}PC portable;2 unités;Neuf;2021;5 ans;8h;220 j;\n\
         Écran;10;N/C;2020;60 mois;7,5 h/j;5 j/7;\n\
         Switch;3;neuf;NC;?;24h/24;7j/7;65 W\n\
         Vidéoprojecteur;2;neuf;2018;-;4 heures par jour;180 jours/an;0,3 kW\n"
    );
    let plain = format!(
        "{header}PC portable;2;Neuf;2021;5;8;220;\n\
         Écran;10;;2020;5;7,5;{};\n\
         Switch;3;neuf;;;24;365;65\n\
         Vidéoprojecteur;2;neuf;2018;;4;180;300\n",
        5.0 * 365.0 / 7.0
    );
    let (a, b) = (evaluate(&written), evaluate(&plain));
    assert_eq!(a.counts.rows_rejected, 0, "{:?}", a.rejected);
    assert_eq!(a.counts.rows_evaluated, 4);
    assert_eq!(a.totals, b.totals);
    let (la, lb) = (a.lines.unwrap(), b.lines.unwrap());
    for (x, y) in la.iter().zip(&lb) {
        assert_eq!(x.footprint, y.footprint);
    }
}

#[test]
fn units_a_field_does_not_take_reject_their_row() {
    let r = evaluate("category;hours_per_day;lifetime_years\nlaptop;8 kg;5\nlaptop;8;5 h\n");
    let got: Vec<_> = r
        .rejected
        .iter()
        .map(|x| (x.line, x.error.field(), x.error.code()))
        .collect();
    assert_eq!(
        got,
        [
            (2, Some(Field::HoursPerDay), "not_a_number"),
            (3, Some(Field::LifetimeYears), "not_a_number")
        ]
    );
}

#[test]
fn an_asset_register_with_a_designation_column() {
    // No column names the type: the designation says it (with a warning), the other headers as
    // an asset register writes them, numbers with their units.
    let csv = "Désignation;Nombre;Etat du matériel;Date de mise en service;Amortissement;\
               Utilisation quotidienne;Jours d'utilisation;Conso annuelle\n\
               Ordinateur portable;15 pcs;neuf (LLD);2022;48 mois;7 h;5 jours par semaine;\n\
               Imprimante multifonction;2;Location;N/C;5 ans;;;350 kWh/an\n\
               Serveur;1;neuf;2019;6 ans;24h/24;7j/7;1,2 MWh/an\n";
    let r = evaluate(csv);
    assert_eq!(r.counts.rows_evaluated, 3, "{:?}", r.rejected);
    assert!(r.warnings.iter().any(|w| w.code == "category_from_label"));
    assert!(
        !r.warnings.iter().any(|w| w.code == "ignored_column"),
        "{:?}",
        r.warnings
    );
    let lines = r.lines.unwrap();
    let classes: Vec<_> = lines.iter().map(|l| l.class).collect();
    assert_eq!(
        classes,
        [
            Some("laptop"),
            Some("multifunction_printer"),
            Some("server")
        ]
    );
}
