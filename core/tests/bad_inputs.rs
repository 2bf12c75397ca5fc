//! The bad-input list of the foundation issue: each case gives a clear error or a rejected row
//! with its line and field; nothing panics; rows read = evaluated + rejected.

mod common;
use common::*;
use empreinte::{evaluate_bytes, evaluate_csv, Dataset, EvaluationOptions, Field, InventoryError};
use std::io::Cursor;

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn reject_of(csv: &str) -> (u64, Option<Field>, &'static str, String) {
    let r = eval(ds(), csv, 2024);
    assert_conserved(&r);
    assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
    let row = &r.rejected[0];
    (
        row.line,
        row.error.field(),
        row.error.code(),
        row.error.to_string(),
    )
}

fn file_error(bytes: &[u8]) -> InventoryError {
    match evaluate_csv(
        ds(),
        Cursor::new(bytes.to_vec()),
        &EvaluationOptions::new(2024),
    ) {
        Err(empreinte::EvaluateError::Inventory(e)) => e,
        other => panic!("expected an inventory error, got {other:?}"),
    }
}

#[test]
fn comma_separated_file_is_read() {
    let r = eval(
        ds(),
        "category,quantity,acquisition_year\nlaptop,2,2023\nmonitor,3,2022\n",
        2024,
    );
    assert_eq!(r.counts.rows_evaluated, 2);
    assert_eq!(r.counts.devices, 5);
}

#[test]
fn tab_separated_file_is_read() {
    let r = eval(ds(), "category\tquantity\nlaptop\t2\n", 2024);
    assert_eq!(r.counts.devices, 2);
}

#[test]
fn decimal_comma_in_semicolon_file() {
    let a = eval(
        ds(),
        "category;quantity;acquisition_year;lifetime_years;hours_per_day\nlaptop;1;2023;6,5;7,5\n",
        2024,
    );
    let b = eval(
        ds(),
        "category,quantity,acquisition_year,lifetime_years,hours_per_day\nlaptop,1,2023,6.5,7.5\n",
        2024,
    );
    assert_eq!(a.rejected.len(), 0);
    assert_eq!(climate(&a), climate(&b));
}

#[test]
fn unquoted_decimal_comma_in_comma_file_is_rejected_with_a_hint() {
    let (line, field, code, msg) = reject_of("category,quantity,lifetime_years\nlaptop,1,6,5\n");
    assert_eq!((line, field, code), (2, None, "field_count"));
    assert!(msg.contains("decimal comma"), "{msg}");
}

#[test]
fn utf8_bom_and_windows_1252_give_the_same_result() {
    let text = "Catégorie;Quantité;État;Année d'acquisition;Service\nÉcrans;2;neuf;2022;École\nOrdinateur portable;1;reconditionné;2023;Médiathèque\n";
    let plain = eval(ds(), text, 2024);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let with_bom = eval_bytes(ds(), bom, 2024);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "the test needs real 1252 bytes"
    );
    let legacy = eval_bytes(ds(), cp1252.into_owned(), 2024);
    for r in [&plain, &with_bom, &legacy] {
        assert_eq!(r.counts.rows_evaluated, 2, "{:?}", r.rejected);
        assert_eq!(climate(r), climate(&plain));
        assert_eq!(
            r.by_department
                .iter()
                .filter_map(|d| d.key.clone())
                .collect::<Vec<_>>(),
            vec!["École", "Médiathèque"]
        );
    }
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "category;quantity\nlaptop;2\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(eval_bytes(ds(), bytes, 2024).counts.devices, 2);
}

#[test]
fn unknown_category_with_suggestion() {
    let (line, field, code, msg) = reject_of("category;quantity\nordinateur portabel;1\n");
    assert_eq!(
        (line, field, code),
        (2, Some(Field::Category), "unknown_category")
    );
    assert!(
        msg.contains("did you mean") && msg.contains("laptop"),
        "{msg}"
    );
    let (_, _, code, msg) = reject_of("category;quantity\ngrille-pain;1\n");
    assert_eq!(code, "unknown_category");
    assert!(!msg.contains("did you mean"), "{msg}");
}

#[test]
fn quantities_negative_nan_huge_zero_fractional() {
    for (q, code) in [
        ("-2", "out_of_range"),
        ("NaN", "not_a_number"),
        ("1e12", "out_of_range"),
        ("1000000000000", "out_of_range"),
        ("0", "out_of_range"),
        ("2,5", "not_whole"),
        ("inf", "not_a_number"),
        ("deux", "not_a_number"),
    ] {
        let (line, field, c, msg) =
            reject_of(&format!("category;quantity\nlaptop;1\nlaptop;{q}\n"));
        assert_eq!(
            (line, field, c),
            (3, Some(Field::Quantity), code),
            "{q}: {msg}"
        );
    }
}

#[test]
fn lifetime_zero_or_negative() {
    for v in ["0", "-1", "0,0", "51"] {
        let (line, field, code, msg) = reject_of(&format!("category;lifetime_years\nlaptop;{v}\n"));
        assert_eq!(
            (line, field, code),
            (2, Some(Field::LifetimeYears), "out_of_range"),
            "{v}"
        );
        assert!(msg.contains("at most 50 years"), "{msg}");
    }
}

#[test]
fn acquisition_year_in_the_future() {
    let (line, field, code, msg) = reject_of("category;acquisition_year\nlaptop;2031\n");
    assert_eq!(
        (line, field, code),
        (2, Some(Field::AcquisitionYear), "acquisition_in_future")
    );
    assert!(msg.contains("2031") && msg.contains("2024"), "{msg}");
}

#[test]
fn other_out_of_range_usage() {
    for (col, v, field) in [
        ("hours_per_day", "25", Field::HoursPerDay),
        ("days_per_year", "400", Field::DaysPerYear),
        ("power_w", "-5", Field::PowerW),
        ("energy_kwh_per_year", "1e9", Field::EnergyKwhPerYear),
    ] {
        let (_, f, code, _) = reject_of(&format!("category;{col}\nlaptop;{v}\n"));
        assert_eq!((f, code), (Some(field), "out_of_range"), "{col}");
    }
}

#[test]
fn unknown_country_and_condition() {
    let (_, field, code, msg) = reject_of("category;country\nlaptop;Allemagnee\n");
    assert_eq!((field, code), (Some(Field::Country), "unknown_country"));
    assert!(msg.contains("did you mean"), "{msg}");
    let (_, field, code, _) = reject_of("category;condition\nlaptop;cassé\n");
    assert_eq!((field, code), (Some(Field::Condition), "unknown_condition"));
}

#[test]
fn missing_required_column() {
    let e = file_error(b"Quantite;Service\n2;Mairie\n");
    assert_eq!(e.code(), "missing_column");
    assert_eq!(e.field(), Some("category"));
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("\"Quantite\""), "{e}");
}

#[test]
fn duplicate_columns() {
    let e = file_error("category;Catégorie\nlaptop;laptop\n".as_bytes());
    assert_eq!(e.code(), "duplicate_column");
}

#[test]
fn empty_files() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let e = match evaluate_bytes(ds(), bytes.to_vec(), &EvaluationOptions::new(2024)) {
            Err(empreinte::EvaluateError::Inventory(e)) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(e.code(), "empty_inventory");
    }
    // A header alone is a valid, empty inventory.
    let r = eval(ds(), "category;quantity\n", 2024);
    assert_eq!(r.counts.rows_read, 0);
}

#[test]
fn a_ten_megabyte_field() {
    let big = "x".repeat(10 * 1024 * 1024);
    let (line, field, code, msg) = reject_of(&format!("category;quantity\n{big};1\n"));
    assert_eq!((line, field, code), (2, Some(Field::Category), "too_long"));
    assert!(msg.len() < 500, "the message must not echo the field");
}

#[test]
fn binary_files_are_not_inventories() {
    for (bytes, hint) in [
        (&b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"[..], "PDF"),
        (b"PK\x03\x04\x14\x00", "xlsx"),
        (b"cat\x00egory", "binary"),
    ] {
        let e = file_error(bytes);
        assert_eq!(e.code(), "not_text");
        assert!(e.to_string().contains(hint), "{e}");
    }
}

#[test]
fn blank_rows_are_skipped_and_counted() {
    let r = eval(
        ds(),
        "category;quantity\nlaptop;1\n;;\n\nmonitor;1\n;\n",
        2024,
    );
    assert_eq!(r.counts.rows_evaluated, 2);
    assert_eq!(r.counts.blank_rows, 2);
    assert_conserved(&r);
}

#[test]
fn invalid_utf8_in_a_utf8_file_rejects_only_its_row() {
    // Valid UTF-8 up to the sniffed block, then a stray Latin-1 byte far down the file.
    let mut text = String::from("category;department\n");
    for _ in 0..5000 {
        text.push_str("laptop;Mairie\n");
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"laptop;\xE9cole\n");
    let r = eval_bytes(ds(), bytes, 2024);
    assert_conserved(&r);
    assert_eq!(r.counts.rows_evaluated, 5000);
    assert_eq!(r.rejected[0].line, 5002);
    assert_eq!(r.rejected[0].error.field(), Some(Field::Department));
}

#[test]
fn json_inventories() {
    let opts = EvaluationOptions::new(2024);
    let r = empreinte::evaluate_json(ds(), r#"[{"Catégorie": "PC portable", "Qté": 2, "année d'acquisition": "2023"}, {"category": "laptop", "quantity": -1}, 42]"#, &opts).unwrap();
    assert_conserved(&r);
    assert_eq!(r.counts.rows_evaluated, 1);
    assert_eq!(
        r.rejected.iter().map(|x| x.line).collect::<Vec<_>>(),
        vec![2, 3]
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = empreinte::evaluate_json(ds(), &deep, &opts).unwrap_err();
    assert_eq!(e.code(), "invalid_json");
    let e = empreinte::evaluate_json(ds(), "[{\"category\": \"laptop\"", &opts).unwrap_err();
    assert_eq!(e.code(), "invalid_json");
}

#[test]
fn every_sample_commune_evaluates_completely() {
    let dir = repo_root().join("examples/communes");
    for name in [
        "village-saint-aubin.csv",
        "ville-montclair.csv",
        "ville-montclair-excel-1252.csv",
        "ville-montclair.json",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let r = evaluate_bytes(ds(), bytes, &EvaluationOptions::new(2025)).unwrap();
        assert_conserved(&r);
        assert_eq!(r.counts.rows_rejected, 0, "{name}: {:?}", r.rejected);
        assert!(climate(&r) > 0.0);
    }
}

/// A bad row is named by its line in the file whatever the line ends: Excel's CRLF, Unix LF,
/// old Mac CR, past the reader's first buffers (CRLF pairs split across reads).
#[test]
fn line_numbers_do_not_depend_on_line_ends() {
    for eol in ["\r\n", "\n", "\r"] {
        let mut csv = format!("categorie;quantite;libelle{eol}");
        for i in 0..20_000 {
            csv.push_str(&format!("laptop;1;poste {i}{eol}"));
        }
        csv.push_str(&format!("monitor;deux;a{eol}laptop;2;b{eol}"));
        let r = empreinte::evaluate_bytes(
            empreinte::Dataset::embedded_default(),
            csv.into_bytes(),
            &empreinte::EvaluationOptions::new(2025),
        )
        .unwrap();
        assert_eq!(r.counts.rows_read, 20_002, "{eol:?}");
        assert_eq!(r.rejected.len(), 1, "{eol:?}");
        assert_eq!(r.rejected[0].line, 20_002, "{eol:?}");
    }
}

/// A rejected row is named by the line it is on in the file, past blank lines (a spreadsheet user
/// looks for that line), whatever the line ends and quoted cells before it.
#[test]
fn rejected_rows_name_their_own_line_past_blank_lines() {
    for eol in ["\n", "\r\n", "\r"] {
        let csv = [
            "category;quantity",
            "laptop;1",
            "",
            "",
            "\"desktop\";2",
            "",
            "laptop;x",
        ]
        .join(eol);
        let (line, field, _, _) = reject_of(&csv);
        assert_eq!((line, field), (7, Some(Field::Quantity)), "{eol:?}");
    }
}
