//! GLPI agent JSON inventories: every real sample of glpi-project/inventory_format
//! (tests/glpi/agent/, MIT), each item's category, year and its source asserted; malformed
//! input gives an invalid or unmapped item, never a panic.

use empreinte::glpi::{
    detect, GlpiFormat, GlpiImport, GlpiImporter, GlpiOptions, ItemStatus, UserMapping, YearSource,
};
use empreinte::{Dataset, EvaluationOptions};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/glpi")
        .join(name)
}

fn import_path(path: &Path) -> GlpiImport {
    let ds = Dataset::embedded_default();
    let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    imp.add_path(path).unwrap();
    imp.finish()
}

fn import_bytes(name: &str, bytes: &[u8]) -> GlpiImport {
    let ds = Dataset::embedded_default();
    let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    imp.add_bytes(name, bytes);
    imp.finish()
}

/// (file, itemtype, name, status, category, quantity, year, year source, code)
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    ItemStatus,
    Option<&'static str>,
    u32,
    Option<i32>,
    YearSource,
    &'static str,
);

const EXPECTED: &[Expected] = &[
    // A Dell XPS 13 laptop with no itemtype (older agents): GLPI takes it as a computer.
    (
        "computer_1.json",
        "Computer",
        "glpixps",
        ItemStatus::Mapped,
        Some("laptop"),
        1,
        Some(2016),
        YearSource::BiosDate,
        "chassis_type",
    ),
    // Its EDID says Sharp (a panel maker), 13.3": the laptop's own screen.
    (
        "computer_1.json",
        "Monitor",
        "DJCP6",
        ItemStatus::Excluded,
        None,
        1,
        Some(2015),
        YearSource::ManufactureDate,
        "built_in_display",
    ),
    // A print queue with no USB/parallel port: the network printer counts from its own inventory.
    (
        "computer_1.json",
        "Printer",
        "Officejet_Pro_8600_34AF9E_",
        ItemStatus::Excluded,
        None,
        1,
        None,
        YearSource::Unknown,
        "print_queue",
    ),
    (
        "computer_2.json",
        "Computer",
        "COMP1",
        ItemStatus::Mapped,
        Some("laptop"),
        1,
        Some(2016),
        YearSource::BiosDate,
        "chassis_type",
    ),
    // Cisco UCS 6248UP 48-Port fabric interconnect; its device id "foo" carries no date.
    (
        "networkequipment_1.json",
        "NetworkEquipment",
        "ucs6248up-cluster-pa3-B",
        ItemStatus::Mapped,
        Some("network_switch_rack"),
        1,
        None,
        YearSource::Unknown,
        "network_words",
    ),
    // A Catalyst 3750 stack: 8 chassis slots, 3 only provisioned → 5 switches.
    (
        "networkequipment_2.json",
        "NetworkEquipment",
        "3k-1-pa3.glpi-project.infra",
        ItemStatus::Mapped,
        Some("network_switch"),
        5,
        Some(2020),
        YearSource::FirstInventory,
        "model_series",
    ),
    // HP 2530-48G: nothing in the model names its kind; 52 Ethernet ports make it a switch.
    (
        "networkequipment_3.json",
        "NetworkEquipment",
        "HP-2530-48G",
        ItemStatus::Mapped,
        Some("network_switch_rack"),
        1,
        Some(2020),
        YearSource::FirstInventory,
        "model_series",
    ),
    // Android phone with SIM cards, no BIOS date: the year from the agent's device id.
    (
        "phone_1.json",
        "Phone",
        "Mi9TPro-TéléphoneM",
        ItemStatus::Mapped,
        Some("smartphone"),
        1,
        Some(2019),
        YearSource::FirstInventory,
        "phone_os",
    ),
    // HP LaserJet M507: single-function; no copy/scan/fax counter.
    (
        "printer_1.json",
        "Printer",
        "NPIF2BE10",
        ItemStatus::Mapped,
        Some("laser_printer"),
        1,
        Some(2020),
        YearSource::FirstInventory,
        "itemtype",
    ),
    // Canon MX 5970: the PIXMA MX line is multifunction.
    (
        "printer_2.json",
        "Printer",
        "MX5970",
        ItemStatus::Mapped,
        Some("multifunction_printer"),
        1,
        Some(2020),
        YearSource::FirstInventory,
        "printer_model",
    ),
];

#[test]
fn every_sample_every_item() {
    let import = import_path(&fixture("agent"));
    let items: Vec<_> = import.items.iter().collect();
    assert_eq!(items.len(), EXPECTED.len(), "{items:#?}");
    for (item, e) in items.iter().zip(EXPECTED) {
        let (file, itemtype, name, status, category, quantity, year, source, code) = *e;
        let what = format!("{file} {name}: {item:#?}");
        assert!(item.source.ends_with(file), "{what}");
        assert_eq!(item.itemtype, itemtype, "{what}");
        assert_eq!(item.name.as_deref(), Some(name), "{what}");
        assert_eq!(item.status, status, "{what}");
        assert_eq!(item.category.as_deref(), category, "{what}");
        assert_eq!(item.quantity, quantity, "{what}");
        assert_eq!(item.acquisition_year, year, "{what}");
        assert_eq!(item.year_source, source, "{what}");
        assert_eq!(item.code, code, "{what}");
        assert!(!item.detail.is_empty(), "{what}");
    }
    // The folder's LICENSE and PROVENANCE.md are listed, not silently ignored.
    assert_eq!(import.skipped_files.len(), 2);
    let c = import.counts();
    assert_eq!(
        (c.files, c.items, c.mapped, c.excluded, c.unmapped, c.invalid),
        (8, 10, 8, 2, 0, 0)
    );
    assert_eq!(c.devices, 12);
}

#[test]
fn samples_details() {
    let import = import_path(&fixture("agent"));
    let by_name = |n: &str| {
        import
            .items
            .iter()
            .find(|i| i.name.as_deref() == Some(n))
            .unwrap()
    };
    let xps = by_name("glpixps");
    assert_eq!(xps.serial.as_deref(), Some("640HP72"));
    assert_eq!(xps.model.as_deref(), Some("XPS 13 9350"));
    assert_eq!(xps.department.as_deref(), Some("000005"), "the agent's tag");
    assert!(
        by_name("DJCP6").detail.contains("13.2\""),
        "{}",
        by_name("DJCP6").detail
    );
    let stack = by_name("3k-1-pa3.glpi-project.infra");
    assert!(stack.detail.contains("3 provisioned"), "{}", stack.detail);
    assert_eq!(
        stack.department.as_deref(),
        Some("paris.pa3"),
        "SNMP location"
    );
    assert_eq!(by_name("MX5970").label(), "MX5970 (Canon MX 5970)");
}

#[test]
fn evaluation_counts_every_item() {
    let ds = Dataset::embedded_default();
    let import = import_path(&fixture("agent"));
    let report = import.evaluate(ds, &EvaluationOptions::new(2025)).unwrap();
    assert_eq!(report.counts.rows_evaluated, 8);
    assert_eq!(report.counts.rows_rejected, 0);
    assert_eq!(report.counts.devices, 12);
    let excluded = report
        .warnings
        .iter()
        .filter(|w| w.code == "glpi_excluded")
        .count();
    assert_eq!(excluded, 2);
    assert!(report.climate_change_kgco2e().unwrap() > 0.0);
}

#[test]
fn detection() {
    for f in [
        "computer_1.json",
        "networkequipment_2.json",
        "phone_1.json",
        "printer_2.json",
    ] {
        let bytes = std::fs::read(fixture("agent").join(f)).unwrap();
        assert_eq!(detect(&bytes), Some(GlpiFormat::AgentJson), "{f}");
    }
    assert_eq!(detect(b"[{\"category\": \"laptop\"}]"), None);
    assert_eq!(detect(b"{\"lines\": [{\"category\": \"laptop\"}]}"), None);
    assert_eq!(detect(b"category;quantity\nlaptop;2\n"), None);
}

fn single(import: &GlpiImport) -> &empreinte::glpi::GlpiItem {
    assert_eq!(import.items.len(), 1, "{:#?}", import.items);
    &import.items[0]
}

#[test]
fn truncated_json_is_an_invalid_item() {
    let bytes = std::fs::read(fixture("agent/computer_1.json")).unwrap();
    for cut in [bytes.len() / 2, 200, 20] {
        let import = import_bytes("cut.json", &bytes[..cut]);
        let item = single(&import);
        assert_eq!(item.status, ItemStatus::Invalid);
        assert!(item.detail.contains("line"), "{}", item.detail);
        if cut > 100 {
            assert_eq!(item.code, "invalid_json");
            assert!(item.detail.contains("truncated"), "{}", item.detail);
        }
    }
}

#[test]
fn unknown_itemtype_is_unmapped_with_reason() {
    let json = br#"{"itemtype": "Rack", "deviceid": "baie-2021-03-04-05-06-07", "content": {"versionclient": "x"}}"#;
    let import = import_bytes("rack.json", json);
    let item = single(&import);
    assert_eq!(item.status, ItemStatus::Unmapped);
    assert_eq!(item.code, "unknown_itemtype");
    assert!(item.detail.contains("\"Rack\""), "{}", item.detail);
    assert_eq!(item.acquisition_year, Some(2021));
    // "Unmanaged" (network discovery) too.
    let json = br#"{"itemtype": "Unmanaged", "content": {"network_device": {"type": "Unmanaged", "name": "x"}}}"#;
    assert_eq!(
        single(&import_bytes("u.json", json)).status,
        ItemStatus::Unmapped
    );
}

#[test]
fn missing_hardware_section_is_unmapped() {
    let json = br#"{"itemtype": "Computer", "deviceid": "pc-2022-01-02-03-04-05",
        "content": {"bios": {"smodel": "OptiPlex 7090", "ssn": "ABC1234", "bdate": "2021-05-06"}, "versionclient": "GLPI-Agent_v1.4"}}"#;
    let import = import_bytes("nohw.json", json);
    let item = single(&import);
    assert_eq!(item.status, ItemStatus::Unmapped);
    assert_eq!(item.code, "no_hardware");
    assert_eq!(item.acquisition_year, Some(2021));
    assert_eq!(item.year_source, YearSource::BiosDate);
    // A mapping by model fixes it.
    let ds = Dataset::embedded_default();
    let mapping =
        UserMapping::from_csv("m.csv", "model;category\nOptiPlex 7090;PC fixe\n", ds).unwrap();
    let mut imp = GlpiImporter::new(ds, mapping, GlpiOptions::default());
    imp.add_bytes("nohw.json", json);
    let import = imp.finish();
    assert_eq!(single(&import).category.as_deref(), Some("desktop"));
    assert_eq!(single(&import).code, "user_mapping_model");
}

#[test]
fn odd_shapes_never_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"   ",
        b"{}",
        b"null",
        b"{\"content\": null, \"itemtype\": \"Computer\"}",
        b"{\"content\": \"text\", \"itemtype\": \"Computer\"}",
        b"{\"content\": {\"hardware\": 3}, \"itemtype\": \"Computer\"}",
        b"{\"content\": {\"hardware\": {}, \"monitors\": [{}, {\"base64\": \"!!\"}]}, \"itemtype\": \"Computer\"}",
        b"{\"content\": {\"network_device\": {\"type\": 7}}, \"itemtype\": \"NetworkEquipment\"}",
        b"{\"content\": {\"pagecounters\": {\"copytotal\": \"12\"}, \"network_device\": {\"type\": \"Printer\"}}, \"itemtype\": \"Printer\"}",
        b"{\"content\": {}, \"itemtype\": \"Phone\"}",
        b"\xff\xfe\x00garbage",
        b"{\"content\": {\"hardware\": {\"chassis_type\": \"Docking Station\", \"vmsystem\": \"Physical\"}}, \"itemtype\": \"Computer\", \"deviceid\": 42}",
    ];
    for bytes in cases {
        let import = import_bytes("odd.json", bytes);
        assert!(
            !import.items.is_empty(),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        for item in &import.items {
            assert!(!item.detail.is_empty());
        }
    }
    let copier = import_bytes("c.json", cases[9]);
    assert_eq!(
        single(&copier).category.as_deref(),
        Some("multifunction_printer")
    );
    assert_eq!(single(&copier).code, "printer_counters");
}

#[test]
fn virtual_machines_are_excluded() {
    let json = br#"{"itemtype": "Computer", "content": {"hardware": {"name": "vm-01", "vmsystem": "VMware", "chassis_type": "Other"}}}"#;
    let import = import_bytes("vm.json", json);
    assert_eq!(single(&import).status, ItemStatus::Excluded);
    assert_eq!(single(&import).code, "virtual_machine");
}

#[test]
fn duplicates_are_counted_once() {
    let ds = Dataset::embedded_default();
    let mut imp = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    let bytes = std::fs::read(fixture("agent/computer_2.json")).unwrap();
    imp.add_bytes("first.json", &bytes);
    imp.add_bytes("again.json", &bytes);
    let import = imp.finish();
    assert_eq!(import.items[0].status, ItemStatus::Mapped);
    assert_eq!(import.items[1].status, ItemStatus::Excluded);
    assert_eq!(import.items[1].code, "duplicate");
    assert!(import.items[1].detail.contains("2FAGP34"));
}

/// A 50 MB inventory (a software list padded to 50 MB) is read in full; 50 MB of junk is an
/// invalid item with a clear message.
#[test]
fn fifty_megabytes() {
    let dir = std::env::temp_dir().join(format!("empreinte-glpi-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut big = String::with_capacity(51 << 20);
    big.push_str(r#"{"itemtype": "Computer", "deviceid": "big-2023-01-02-03-04-05", "content": {"hardware": {"name": "big", "chassis_type": "Desktop"}, "softwares": ["#);
    let entry = r#"{"name": "Logiciel de démonstration avec un nom assez long", "version": "1.2.3.4", "publisher": "Éditeur"},"#;
    while big.len() < 50 << 20 {
        big.push_str(entry);
    }
    big.pop();
    big.push_str("]}}");
    let path = dir.join("big.json");
    std::fs::write(&path, &big).unwrap();
    let import = import_path(&path);
    let item = single(&import);
    assert_eq!(item.category.as_deref(), Some("desktop"));
    assert_eq!(item.acquisition_year, Some(2023));

    let junk = dir.join("junk.json");
    std::fs::write(&junk, vec![b'{'; 50 << 20]).unwrap();
    let import = import_path(&junk);
    assert_eq!(single(&import).status, ItemStatus::Invalid);
    let _ = std::fs::remove_dir_all(&dir);
}
