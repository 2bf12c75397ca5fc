//! GLPI CSV search exports as GLPI writes them (tests/glpi/csv/): `;`, every field quoted,
//! French or English headers, UTF-8 (GLPI 10), UTF-8 with BOM, Windows-1252 (GLPI 9).

use empreinte::glpi::DepartmentFrom;
use empreinte::glpi::{
    detect, is_glpi_path, GlpiFormat, GlpiImport, GlpiImporter, GlpiOptions, ItemStatus,
    UserMapping, YearSource,
};
use empreinte::{evaluate_csv, Dataset, EvaluationOptions};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/glpi")
        .join(name)
}

fn import_with(paths: &[&str], mapping: UserMapping, options: GlpiOptions) -> GlpiImport {
    let ds = Dataset::embedded_default();
    let mut imp = GlpiImporter::new(ds, mapping, options);
    for p in paths {
        imp.add_path(&fixture(p)).unwrap();
    }
    imp.finish()
}

fn import(path: &str) -> GlpiImport {
    import_with(&[path], UserMapping::default(), GlpiOptions::default())
}

/// (name, status, category, year, year source, department, code)
type Row = (
    &'static str,
    ItemStatus,
    Option<&'static str>,
    Option<i32>,
    YearSource,
    Option<&'static str>,
    &'static str,
);

fn check(import: &GlpiImport, expected: &[Row]) {
    assert_eq!(import.items.len(), expected.len(), "{:#?}", import.items);
    for (item, e) in import.items.iter().zip(expected) {
        let (name, status, category, year, source, dept, code) = *e;
        let what = format!("{name}: {item:#?}");
        assert_eq!(item.name.as_deref(), Some(name), "{what}");
        assert_eq!(item.status, status, "{what}");
        assert_eq!(item.category.as_deref(), category, "{what}");
        assert_eq!(item.acquisition_year, year, "{what}");
        assert_eq!(item.year_source, source, "{what}");
        assert_eq!(item.department.as_deref(), dept, "{what}");
        assert_eq!(item.code, code, "{what}");
    }
}

use ItemStatus::{Excluded, Mapped, Unmapped};
use YearSource::{FirstInventory, InServiceDate, PurchaseDate, Unknown};

#[test]
fn computers_glpi10_utf8() {
    let import = import("csv/ordinateurs-glpi10.csv");
    check(
        &import,
        &[
            (
                "PC-ACCUEIL-01",
                Mapped,
                Some("desktop"),
                Some(2021),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            // No purchase date: the year GLPI first saw it ("Date de création").
            (
                "PC-ACCUEIL-02",
                Mapped,
                Some("desktop"),
                Some(2021),
                FirstInventory,
                Some("Mairie"),
                "type_name",
            ),
            (
                "PORT-DGS",
                Mapped,
                Some("laptop"),
                Some(2022),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "PORT-ECOLE-CM2",
                Mapped,
                Some("laptop"),
                None,
                Unknown,
                Some("École Jules-Ferry"),
                "type_name",
            ),
            (
                "AIO-MEDIATHEQUE",
                Mapped,
                Some("all_in_one"),
                Some(2020),
                PurchaseDate,
                Some("Médiathèque"),
                "type_name",
            ),
            (
                "VM-SRV-FICHIERS",
                Excluded,
                None,
                None,
                Unknown,
                Some("Mairie"),
                "virtual_machine",
            ),
            (
                "SRV-AD-01",
                Mapped,
                Some("server"),
                Some(2019),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "PC-ANCIEN-07",
                Excluded,
                None,
                Some(2014),
                PurchaseDate,
                Some("Mairie"),
                "disposed",
            ),
            (
                "TAB-ELUS-01",
                Mapped,
                Some("tablet"),
                Some(2023),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            // Root entity only: the department comes from the location's first level.
            (
                "PC-SANS-TYPE",
                Unmapped,
                None,
                None,
                Unknown,
                Some("Centre technique municipal"),
                "no_type",
            ),
        ],
    );
    let aio = &import.items[4];
    assert!(aio.in_stock);
    let line = aio.line().unwrap();
    assert_eq!(
        line.hours_per_day.map(|h| h.value),
        Some(0.0),
        "in stock: no use"
    );
    assert!(
        import.items[0].source.ends_with("ordinateurs-glpi10.csv:2"),
        "{}",
        import.items[0].source
    );
}

#[test]
fn all_assets_glpi9_windows_1252() {
    let bytes = std::fs::read(fixture("csv/tous-les-materiels-glpi9-windows1252.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must be Windows-1252"
    );
    let import = import("csv/tous-les-materiels-glpi9-windows1252.csv");
    check(
        &import,
        &[
            (
                "ECR-ACCUEIL-01",
                Mapped,
                Some("monitor"),
                Some(2021),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            // No type: the item type (Moniteur) is enough; the in-service date gives the year.
            (
                "ECR-ACCUEIL-02",
                Mapped,
                Some("monitor"),
                Some(2021),
                InServiceDate,
                Some("Mairie"),
                "itemtype",
            ),
            (
                "ECR-ÉCOLE-01",
                Mapped,
                Some("monitor"),
                None,
                Unknown,
                Some("École Jules-Ferry"),
                "type_name",
            ),
            (
                "IMP-COMPTA",
                Mapped,
                Some("laser_printer"),
                Some(2019),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "COPIEUR-RDC",
                Mapped,
                Some("copier_a3"),
                Some(2020),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "MFC-ÉCOLE",
                Mapped,
                Some("multifunction_printer"),
                Some(2018),
                PurchaseDate,
                Some("École Jules-Ferry"),
                "type_name",
            ),
            (
                "SW-MAIRIE-CORE",
                Mapped,
                Some("network_switch_rack"),
                Some(2016),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "FW-MAIRIE",
                Mapped,
                Some("firewall"),
                Some(2022),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "BORNE-MÉDIATHÈQUE",
                Mapped,
                Some("wifi_access_point"),
                Some(2023),
                PurchaseDate,
                Some("Médiathèque"),
                "type_name",
            ),
            (
                "ONDULEUR-BAIE",
                Mapped,
                Some("ups"),
                Some(2019),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "POSTE-ACCUEIL",
                Mapped,
                Some("ip_phone"),
                Some(2022),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "MOBILE-ASTREINTE",
                Mapped,
                Some("smartphone"),
                Some(2022),
                PurchaseDate,
                Some("Services techniques"),
                "type_name",
            ),
            (
                "MOBILE-ASTREINTE-BIS",
                Excluded,
                None,
                Some(2022),
                PurchaseDate,
                Some("Services techniques"),
                "disposed",
            ),
            (
                "VIDÉOPROJ-CONSEIL",
                Mapped,
                Some("projector"),
                Some(2021),
                PurchaseDate,
                Some("Mairie"),
                "type_name",
            ),
            (
                "BADGEUSE-ENTRÉE",
                Mapped,
                Some("badge_reader"),
                None,
                Unknown,
                Some("Mairie"),
                "type_name",
            ),
        ],
    );
    let itemtypes: Vec<&str> = import.items.iter().map(|i| i.itemtype.as_str()).collect();
    assert_eq!(itemtypes[0], "Monitor");
    assert_eq!(itemtypes[6], "NetworkEquipment");
    assert_eq!(itemtypes[13], "Peripheral");
    assert!(import.items[13].detail.contains("Vidéoprojecteur"));
}

#[test]
fn network_glpi10_english_with_bom() {
    let import = import("csv/network-glpi10-english-bom.csv");
    check(
        &import,
        &[
            (
                "sw-library-01",
                Mapped,
                Some("network_switch"),
                Some(2019),
                PurchaseDate,
                Some("Library"),
                "type_name",
            ),
            (
                "rt-townhall",
                Mapped,
                Some("router"),
                Some(2018),
                PurchaseDate,
                Some("Town hall"),
                "type_name",
            ),
            (
                "ap-school-1",
                Unmapped,
                None,
                Some(2021),
                PurchaseDate,
                Some("Schools"),
                "no_type",
            ),
            (
                "nas-backup",
                Mapped,
                Some("nas"),
                Some(2021),
                PurchaseDate,
                Some("Town hall"),
                "type_name",
            ),
            (
                "mystery-box",
                Unmapped,
                None,
                None,
                Unknown,
                Some("Town hall"),
                "unknown_type",
            ),
        ],
    );
}

#[test]
fn user_mapping_wins() {
    let ds = Dataset::embedded_default();
    let bytes = std::fs::read(fixture("mapping/mapping-commune.csv")).unwrap();
    let mapping = UserMapping::from_bytes("mapping-commune.csv", &bytes, ds).unwrap();
    assert_eq!(mapping.len(), 6);
    let import = import_with(
        &[
            "csv/network-glpi10-english-bom.csv",
            "csv/tous-les-materiels-glpi9-windows1252.csv",
        ],
        mapping,
        GlpiOptions::default(),
    );
    let by_name = |n: &str| {
        import
            .items
            .iter()
            .find(|i| i.name.as_deref() == Some(n))
            .unwrap()
    };
    assert_eq!(
        by_name("ap-school-1").category.as_deref(),
        Some("wifi_access_point")
    );
    assert_eq!(by_name("ap-school-1").code, "user_mapping_model");
    assert_eq!(by_name("mystery-box").category.as_deref(), Some("router"));
    assert_eq!(by_name("mystery-box").code, "user_mapping_type");
    assert_eq!(by_name("ONDULEUR-BAIE").code, "ignored_by_mapping");
    assert_eq!(by_name("BADGEUSE-ENTRÉE").status, ItemStatus::Excluded);
    assert_eq!(import.counts().unmapped, 0);
}

#[test]
fn bad_mapping_is_a_clear_error() {
    let ds = Dataset::embedded_default();
    let err = UserMapping::from_csv("m.csv", "model;category\nX1;portabel\n", ds).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("line 2") && msg.contains("portabel") && msg.contains("did you mean"),
        "{msg}"
    );
    let err = UserMapping::from_csv("m.csv", "X1\n", ds).unwrap_err();
    assert!(err.to_string().contains("two columns"), "{err}");
}

#[test]
fn department_from_location() {
    let import = import_with(
        &["csv/ordinateurs-glpi10.csv"],
        UserMapping::default(),
        GlpiOptions {
            department_from: DepartmentFrom::Location,
        },
    );
    assert_eq!(
        import.items[0].department.as_deref(),
        Some("Hôtel de ville")
    );
    assert_eq!(
        import.items[3].department.as_deref(),
        Some("École Jules-Ferry")
    );
}

#[test]
fn detection_of_exports() {
    for f in [
        "csv/ordinateurs-glpi10.csv",
        "csv/tous-les-materiels-glpi9-windows1252.csv",
        "csv/network-glpi10-english-bom.csv",
    ] {
        let bytes = std::fs::read(fixture(f)).unwrap();
        assert_eq!(detect(&bytes), Some(GlpiFormat::CsvExport), "{f}");
    }
    // empreinte's own inventories, even with "Nom" or "Lieu" columns, are not GLPI exports.
    for own in [
        "category;quantity;department\nlaptop;2;Mairie\n",
        "Type de matériel;Qté;Nom;Lieu\nPC portable;2;x;y\n",
        "category,quantity,condition,acquisition_year,hours_per_day,department,label,acquisition_year_source,glpi_itemtype,glpi_serial,glpi_source,mapping_rule\n",
    ] {
        assert_eq!(detect(own.as_bytes()), None, "{own}");
    }
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/communes");
    for f in [
        "ville-montclair.csv",
        "village-saint-aubin.csv",
        "ville-montclair-excel-1252.csv",
    ] {
        let bytes = std::fs::read(examples.join(f)).unwrap();
        assert_eq!(detect(&bytes), None, "{f}");
    }
}

#[test]
fn detection_of_paths() {
    // A folder of GLPI files, an agent inventory, an export: GLPI input.
    for f in [
        "csv",
        "agent",
        "agent/computer_1.json",
        "csv/ordinateurs-glpi10.csv",
    ] {
        assert!(is_glpi_path(&fixture(f)), "{f}");
    }
    // An inventory, a missing file: not.
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/communes");
    assert!(!is_glpi_path(&examples.join("ville-montclair.csv")));
    assert!(!is_glpi_path(&fixture("no-such-file.csv")));
}

#[test]
fn malformed_exports_never_panic() {
    let ds = Dataset::embedded_default();
    let cases: &[&[u8]] = &[
        b"\"Nom\";\"Entit\xe9\";\"Statut\"\n",
        b"\"Nom\";\"Statut\";\"Fabricant\"\n\"a\";\"En service\"\n\"b\";\"x\";\"y\";\"z\";\"extra\"\n",
        b"\"Nom\";\"Statut\";\"Fabricant\";\"Type\"\n\"unterminated;\"x\n",
        b"\"Nom\";\"Statut\";\"Fabricant\";\"Type\"\n;;;\n\"PC\";\"En service\";\"Dell\";\"Portable\"\n",
    ];
    for bytes in cases {
        let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
        imp.add_bytes("x.csv", bytes);
        let import = imp.finish();
        assert!(
            !import.items.is_empty(),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    imp.add_bytes("x.csv", cases[0]);
    assert_eq!(imp.finish().items[0].code, "empty_export");
    let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    imp.add_bytes("x.csv", cases[3]);
    let import = imp.finish();
    assert_eq!(import.items.len(), 1, "the blank row is skipped");
    assert_eq!(import.items[0].category.as_deref(), Some("laptop"));
}

/// The reviewable CSV evaluates to the same figures as the import itself.
#[test]
fn reviewable_csv_round_trip() {
    let ds = Dataset::embedded_default();
    let import = import_with(
        &["agent", "csv"],
        UserMapping::default(),
        GlpiOptions::default(),
    );
    let options = EvaluationOptions::new(2025);
    let direct = import.evaluate(ds, &options).unwrap();
    let csv = import.to_csv();
    assert!(csv.starts_with(
        "category,quantity,condition,acquisition_year,hours_per_day,department,label,"
    ));
    let from_csv = evaluate_csv(ds, std::io::Cursor::new(csv.into_bytes()), &options).unwrap();
    assert_eq!(from_csv.counts.rows_evaluated, direct.counts.rows_evaluated);
    assert_eq!(from_csv.counts.devices, direct.counts.devices);
    assert_eq!(from_csv.totals.impacts, direct.totals.impacts);
    // Every item is evaluated, rejected (unmapped/invalid) or a warning (excluded).
    let c = import.counts();
    assert_eq!(direct.counts.rows_evaluated, c.mapped);
    assert_eq!(direct.counts.rows_rejected, c.unmapped + c.invalid);
    assert!(direct
        .rejected
        .iter()
        .all(|r| r.error.code() == "unmapped_item" && r.error.to_string().contains("[glpi_")));
    // The switch in the Windows-1252 export has the agent inventory's serial: counted once.
    assert!(import
        .items
        .iter()
        .any(|i| i.code == "duplicate" && i.detail.contains("CN5BFP62CP")));
    let not_counted = import.not_counted_csv();
    assert_eq!(
        not_counted.lines().count() as u64,
        1 + c.excluded + c.unmapped + c.invalid
    );
}

/// What the review reads of an import: the mapped items as lines numbered by item, the unmapped
/// and invalid items as the rows `evaluate` rejects, the excluded ones as the items left out; the
/// lines and rows evaluated again give the import's own report.
#[test]
fn an_import_as_the_review_reads_it() {
    let imp = import_with(
        &["csv"],
        UserMapping::default(),
        GlpiOptions {
            department_from: DepartmentFrom::EntityThenLocation,
        },
    );
    let c = imp.counts();
    let inv = imp.to_inventory();
    assert_eq!(inv.lines.len() as u64, c.mapped);
    assert_eq!(inv.rejected.len() as u64, c.unmapped + c.invalid);
    assert!(c.unmapped + c.invalid > 0 && c.excluded > 0, "{c:?}");
    let left = empreinte::review::left_out(&imp);
    assert_eq!(left.len() as u64, c.excluded);
    assert!(left
        .iter()
        .all(|l| !l.reason.is_empty() && !l.source.is_empty()));

    let ds = Dataset::embedded_default();
    let options = EvaluationOptions::new(2025);
    let direct = imp.evaluate(ds, &options).unwrap();
    let again =
        empreinte::scenario::evaluate_numbered(ds, &inv.lines, &inv.rejected, &options).unwrap();
    assert_eq!(again.totals, direct.totals);
    assert_eq!(again.counts, direct.counts);
    assert_eq!(again.rejected, direct.rejected);
}
