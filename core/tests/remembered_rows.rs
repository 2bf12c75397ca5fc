//! `evaluate_csv` remembers how the text cells of a row resolved and evaluates a later row with
//! the same cells from its numbers alone. On random CSV inventories (repeated and odd cells,
//! errors of every kind, quoted cells) its report is exactly the report of reading every row
//! with `CsvInventory::next_into` and adding it with `Evaluation::add`.

use empreinte::inventory::{row_line, FrameColumn, Given};
use empreinte::{
    evaluate_csv, CellValue, CsvInventory, Dataset, EquipmentLine, Evaluation, EvaluationOptions,
    Field, MonteCarloOptions,
};
use proptest::prelude::*;

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

/// Every row read and added line by line: the general path.
fn line_by_line(csv: &str, options: &EvaluationOptions) -> serde_json::Value {
    let mut reader = CsvInventory::new(std::io::Cursor::new(csv.as_bytes().to_vec())).unwrap();
    let mut ev = Evaluation::new(ds(), options.clone()).unwrap();
    for w in reader.take_warnings() {
        ev.warn(w);
    }
    let mut line = EquipmentLine::new(String::new(), 1);
    while let Some(item) = reader.next_into(&mut line) {
        match item.unwrap() {
            Ok(n) => {
                let _ = ev.add(n, &line);
            }
            Err(row) => ev.reject(row),
        }
    }
    ev.add_blank_rows(reader.blank_rows());
    serde_json::to_value(ev.finish()).unwrap()
}

fn cell(pool: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(pool)
}

/// The text cells of a row: category, condition, country, department.
fn texts() -> impl Strategy<Value = [&'static str; 4]> {
    (
        cell(&[
            "PC portable",
            "Écran",
            "laptop",
            "smartphone",
            "Serveur",
            "Imprimante",
            " PC portable",
            "Écran\u{a0}",
            "\"Unité centrale\"",
            "grille-pain",
            "",
            "'=laptop",
            "Téléviseur",
        ]),
        cell(&[
            "neuf",
            "reconditionné",
            "réemploi",
            "",
            "Occasion",
            "usé",
            "conservé et réparé",
        ]),
        cell(&["FR", "DE", "", "Atlantis", "fr", "Belgique"]),
        cell(&[
            "Mairie",
            "École",
            "",
            "Crèche",
            "Mairie ",
            "\"DSI; réseau\"",
        ]),
    )
        .prop_map(|(c, s, p, d)| [c, s, p, d])
}

/// The number cells of a row: quantity, year, lifetime, hours.
fn numbers() -> impl Strategy<Value = [&'static str; 4]> {
    (
        cell(&["1", "3", "12", "0", "2,5", "-1", "", " 4", "1000001", "7"]),
        cell(&["2018", "2024", "2031", "", "15/03/2021", "1960", "2012"]),
        cell(&["", "4", "5,5", "0", "60", "x"]),
        cell(&["", "8", "9,5", "25"]),
    )
        .prop_map(|(q, y, l, h)| [q, y, l, h])
}

/// Rows drawing their text cells from a few combinations, so that most repeat one.
fn rows() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(texts(), 1..6).prop_flat_map(|t| {
        let n = t.len();
        prop::collection::vec((0..n, numbers()), 1..150).prop_map(move |rows| {
            rows.iter()
                .map(|(i, [q, y, l, h])| {
                    let [c, s, p, d] = t[*i];
                    format!("{c};{q};{s};{y};{l};{h};{p};{d}")
                })
                .collect()
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn remembered_rows_read_as_every_row(
        rows in rows(),
        crlf in any::<bool>(),
        monte_carlo in any::<bool>(),
        year in 2025i32..2030,
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut csv = format!("Catégorie;Qté;État;Année;Durée de vie;Heures/jour;Pays;Service{end}");
        for r in &rows {
            csv.push_str(r);
            csv.push_str(end);
        }
        let mut options = EvaluationOptions::new(year);
        options.monte_carlo = monte_carlo.then_some(MonteCarloOptions { draws: 50, seed: 3 });
        let remembered = serde_json::to_value(
            evaluate_csv(ds(), std::io::Cursor::new(csv.clone().into_bytes()), &options).unwrap(),
        )
        .unwrap();
        prop_assert_eq!(remembered, line_by_line(&csv, &options), "{}", csv);
    }
}

/// A column of text cells given as codes into a few distinct values.
fn text_values(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<Given<'static>>> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(pool).prop_map(|t| Given::Value(CellValue::Text(t))),
            1 => Just(Given::Empty),
            1 => Just(Given::Invalid("a boolean")),
        ],
        1..5,
    )
}

fn figures(pool: &'static [f64]) -> impl Strategy<Value = f64> {
    prop::sample::select(pool)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Columns (a DataFrame's): `add_columns` remembers rows by their codes; its report is that
    /// of every row read by `row_line` and added.
    #[test]
    fn columns_remembered_read_as_every_row(
        cats in text_values(&["PC portable", "Écran", "smartphone", "grille-pain", " ", "Serveur", "laptop", "tablette"]),
        conds in text_values(&["neuf", "reconditionné", "usé", "réemploi", "reconditionné", "neuf"]),
        depts in text_values(&["Mairie", "École", "Crèche"]),
        rows in prop::collection::vec((0i64..6, 0i64..5, 0i64..5,
            figures(&[1.0, 3.0, 2.5, 0.0, f64::NAN, 12.0, 7.0, 2.0]),
            figures(&[2018.0, 2031.0, f64::NAN, 2021.5, 2012.0, 2020.0, 2023.0]),
            figures(&[f64::NAN, 4.0, 60.0, 5.5, f64::NAN]),
            prop::sample::select(vec![" ", "8", "9,5", "x", "25", "7"])), 1..200),
        numeric_departments in any::<bool>(),
    ) {
        let codes = |k: usize| -> Vec<i64> { rows.iter().map(|r| [r.0, r.1, r.2][k] - 1).collect() };
        let (c0, c1, c2) = (codes(0), codes(1), codes(2));
        let q: Vec<f64> = rows.iter().map(|r| r.3).collect();
        let y: Vec<f64> = rows.iter().map(|r| r.4).collect();
        let l: Vec<f64> = rows.iter().map(|r| r.5).collect();
        let hours: Vec<Given> = rows.iter().map(|r| Given::Value(CellValue::Text(r.6))).collect();
        // Departments as numbers: keys by the numbers' bits rather than codes.
        let dept_numbers: Vec<f64> = rows.iter().map(|r| [f64::NAN, 1.0, 2.0, 3.0, 4.0][r.2 as usize]).collect();
        let department = if numeric_departments {
            FrameColumn::Numbers(&dept_numbers)
        } else {
            FrameColumn::Codes(&c2, &depts)
        };
        let columns = [
            (Field::Category, FrameColumn::Codes(&c0, &cats)),
            (Field::Quantity, FrameColumn::Numbers(&q)),
            (Field::Condition, FrameColumn::Codes(&c1, &conds)),
            (Field::AcquisitionYear, FrameColumn::Numbers(&y)),
            (Field::LifetimeYears, FrameColumn::Numbers(&l)),
            (Field::HoursPerDay, FrameColumn::Cells(&hours)),
            (Field::Department, department),
        ];
        let options = EvaluationOptions::new(2025);
        let mut ev = Evaluation::new(ds(), options.clone()).unwrap();
        ev.add_columns(&columns, rows.len());
        let remembered = serde_json::to_value(ev.finish()).unwrap();
        let mut ev = Evaluation::new(ds(), options).unwrap();
        let (mut line, mut cells, mut blank) = (EquipmentLine::new("", 1), Vec::new(), 0);
        for row in 0..rows.len() {
            match row_line(&columns, row, &mut line, &mut cells) {
                None => blank += 1,
                Some(Ok(())) => { let _ = ev.add(row as u64 + 1, &line); }
                Some(Err(error)) => ev.reject(empreinte::RejectedRow { line: row as u64 + 1, error }),
            }
        }
        ev.add_blank_rows(blank);
        prop_assert_eq!(remembered, serde_json::to_value(ev.finish()).unwrap());
    }
}
