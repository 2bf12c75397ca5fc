//! A dataset that breaks its own schema fails to load, with a message naming what and where.

mod common;
use empreinte::{Dataset, DatasetError};
use std::fs;
use std::path::Path;

fn copy_fixture(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn broken(name: &str, file: &str, edit: impl Fn(String) -> String) -> DatasetError {
    let dir = std::env::temp_dir().join(format!("empreinte-ds-{name}-{}", std::process::id()));
    copy_fixture(&dir);
    let p = dir.join(file);
    fs::write(&p, edit(fs::read_to_string(&p).unwrap())).unwrap();
    let err = Dataset::from_dir(&dir).expect_err("must fail");
    let _ = fs::remove_dir_all(&dir);
    err
}

#[test]
fn the_fixture_loads() {
    let ds = common::mini();
    assert_eq!(ds.id(), "mini-test");
    let with_figures = ds
        .categories()
        .iter()
        .filter(|c| c.coverage != empreinte::dataset::Coverage::NotAvailable);
    assert_eq!(with_figures.count(), 3);
}

#[test]
fn a_missing_source_row_names_the_factor() {
    let err = broken("source", "sources.csv", |t| {
        t.lines()
            .filter(|l| !l.starts_with("base-empreinte"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert_eq!(err.code(), "dataset_unknown_source");
    let msg = err.to_string();
    assert!(msg.contains("FR.2024.climate_change"), "{msg}");
    assert!(msg.contains("base-empreinte"), "{msg}");
    assert_eq!(err.file(), Some("electricity.csv"));
    assert_eq!(err.line(), Some(2));
}

#[test]
fn every_embedded_source_row_is_needed() {
    // Removing any cited source from the default dataset makes it fail, naming a factor or category.
    let root = common::repo_root().join("reference-data/ademe-negaoctet-2022");
    let sources = fs::read_to_string(root.join("sources.csv")).unwrap();
    let cited: Vec<String> = sources
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect();
    let dir = std::env::temp_dir().join(format!("empreinte-ds-all-{}", std::process::id()));
    for id in cited {
        fs::create_dir_all(&dir).unwrap();
        for e in fs::read_dir(&root).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
        let kept: Vec<&str> = sources
            .lines()
            .filter(|l| !l.starts_with(&format!("{id},")))
            .collect();
        fs::write(dir.join("sources.csv"), kept.join("\n")).unwrap();
        match Dataset::from_dir(&dir) {
            Err(e) => assert_eq!(e.code(), "dataset_unknown_source", "{id}: {e}"),
            // A source cited only in a class's text (the duty cycle of a yearly energy, a
            // lifetime range) is needed by that citation.
            Ok(ds) => assert!(
                ds.categories()
                    .iter()
                    .any(|c| c.source_row.contains(&format!("{id}: "))),
                "source {id} is listed but cited by nothing"
            ),
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn every_source_cited_in_a_class_text_is_listed() {
    let ds = Dataset::embedded_default();
    let listed: Vec<&str> = ds.sources().iter().map(|s| s.id.as_str()).collect();
    for id in ["energy-star-computers-5", "energy-star-imaging"] {
        assert!(listed.contains(&id), "{id}");
        assert!(
            ds.categories()
                .iter()
                .any(|c| c.source_row.contains(&format!("{id}: "))),
            "{id} cited"
        );
    }
}

#[test]
fn wrong_unit() {
    let err = broken("unit", "embodied.csv", |t| {
        t.replacen(",kgCO2e,primary", ",gCO2e,primary", 1)
    });
    assert_eq!(err.code(), "dataset_unit_mismatch");
    assert!(err.to_string().contains("kgCO2e"), "{err}");
}

#[test]
fn range_out_of_order() {
    let err = broken("range", "embodied.csv", |t| {
        t.replace("climate_change,170,150,200", "climate_change,170,180,200")
    });
    assert_eq!(err.code(), "dataset_range_order");
    assert!(err
        .to_string()
        .contains("laptop.manufacturing.climate_change"));
}

#[test]
fn duplicate_factor_and_unknown_category() {
    let err = broken("dup", "embodied.csv", |t| {
        let line = t.lines().nth(1).unwrap().to_string();
        format!("{t}{line}\n")
    });
    assert_eq!(err.code(), "dataset_duplicate");
    let err = broken("cat", "embodied.csv", |t| {
        t.replacen(
            "\nmonitor.manufacturing.climate_change,monitor",
            "\nmonitor.manufacturing.climate_change,moniteur-x",
            1,
        )
    });
    assert_eq!(err.code(), "dataset_unknown_reference");
    assert!(err.to_string().contains("moniteur-x"));
}

#[test]
fn not_a_number_and_bad_package() {
    let err = broken("nan", "electricity.csv", |t| {
        t.replace("0.0519,0.0519,0.0519", "NaN,0.0519,0.0519")
    });
    assert_eq!(err.code(), "dataset_invalid_value");
    assert_eq!(err.line(), Some(2));
    let err = broken("pkg", "datapackage.json", |t| {
        t.replace("\"schema_version\": 1", "\"schema_version\": 9")
    });
    assert_eq!(err.code(), "dataset_package");
}

#[test]
fn a_category_without_climate_change_is_incomplete() {
    let err = broken("incomplete", "embodied.csv", |t| {
        t.lines()
            .filter(|l| !l.starts_with("smartphone."))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert_eq!(err.code(), "dataset_incomplete");
    assert!(err.to_string().contains("smartphone"));
}

#[test]
fn unknown_embedded_id() {
    let err = Dataset::embedded("negaoctet-2099").unwrap_err();
    assert_eq!(err.code(), "unknown_dataset");
    assert!(err.to_string().contains("ademe-negaoctet-2022"));
}

/// A dataset file saved with Windows line ends names the same line in its errors.
#[test]
fn errors_name_the_line_whatever_the_line_ends() {
    for eol in ["\r\n", "\n"] {
        let err = broken(&format!("eol{}", eol.len()), "zones.csv", |t| {
            let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
            lines.push("DE,DEU,Allemagne bis,Germany bis,".into()); // line 4: a zone twice
            lines.join(eol)
        });
        assert_eq!(err.line(), Some(4), "{eol:?}: {err}");
    }
}
