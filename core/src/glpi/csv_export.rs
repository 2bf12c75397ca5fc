//! CSV exports of GLPI search pages: `;`-separated (the user's setting), every field quoted,
//! UTF-8 (GLPI 10) or ISO-8859-1/Windows-1252 (GLPI 9 and earlier, `csv_export_charset`),
//! headers in the user's language ("Nom", "Entité", "Statut", "Fabricant", "Type", "Modèle",
//! "Lieu", "Date d'achat"...), fields of linked objects prefixed ("Système d'exploitation - Nom").

use super::mapping::{
    is_listed, multifunction_word, network_kind, type_name_category, GONE_STATUSES, STOCK_STATUSES,
    VIRTUAL_MACHINE_WORDS,
};
use super::{fields::year_in, Decision, GlpiImporter, ItemDraft, ItemStatus, YearSource};
use crate::names::normalize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Entity,
    Status,
    Manufacturer,
    Serial,
    Type,
    Model,
    Location,
    ItemType,
    PurchaseDate,
    InServiceDate,
    BiosDate,
    FirstInventory,
    /// Recognised GLPI column with nothing to map (last update, inventory number...).
    Marker,
}

fn role(header: &str) -> Option<Role> {
    let full = normalize(header);
    // Fields of linked objects: "Informations financières et administratives - Date d'achat".
    let last = header
        .rsplit(" - ")
        .next()
        .map(normalize)
        .unwrap_or_else(|| full.clone());
    let r = match full.as_str() {
        "nom" | "name" => Role::Name,
        "entite" | "entity" => Role::Entity,
        "statut" | "status" => Role::Status,
        "fabricant" | "manufacturer" => Role::Manufacturer,
        "numero de serie" | "serial number" | "serial" => Role::Serial,
        "type" => Role::Type,
        "modele" | "model" => Role::Model,
        "lieu" | "location" => Role::Location,
        "type d element" | "type d objet" | "item type" | "itemtype" | "element type" => {
            Role::ItemType
        }
        "derniere modification"
        | "last update"
        | "numero d inventaire"
        | "inventory number"
        | "usager"
        | "utilisateur"
        | "user"
        | "groupe"
        | "group"
        | "id" => Role::Marker,
        _ => match last.as_str() {
            "date d achat" | "purchase date" => Role::PurchaseDate,
            "date de mise en service" | "startup date" | "date de livraison" | "delivery date" => {
                Role::InServiceDate
            }
            "date de creation" | "creation date" => Role::FirstInventory,
            l if l.contains("bios") && l.contains("date") => Role::BiosDate,
            "date" if full.contains("bios") => Role::BiosDate,
            _ => return None,
        },
    };
    Some(r)
}

fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (text, encoding) = crate::text::decode_auto(bytes);
    (text.into_owned(), encoding.name())
}

fn separator(first_line: &str) -> u8 {
    crate::inventory::detect_separator(first_line)
}

fn headers_of(text: &str) -> Option<(Vec<String>, u8)> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let sep = separator(first);
    let mut r = crate::csv_records::Records::of_bytes(first.as_bytes(), sep);
    if !r.read().ok()? {
        return None;
    }
    let headers = r
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string());
    Some((headers.collect(), sep))
}

fn is_export_header(headers: &[String]) -> bool {
    let roles: Vec<Option<Role>> = headers.iter().map(|h| role(h)).collect();
    let ours = headers.iter().any(|h| {
        matches!(
            normalize(h).as_str(),
            "category" | "categorie" | "quantity" | "quantite" | "type de materiel"
        )
    });
    let markers = roles
        .iter()
        .flatten()
        .filter(|r| {
            matches!(
                r,
                Role::Entity
                    | Role::Status
                    | Role::Manufacturer
                    | Role::Serial
                    | Role::Model
                    | Role::Location
                    | Role::ItemType
                    | Role::Marker
            )
        })
        .count();
    !ours && roles.contains(&Some(Role::Name)) && markers >= 2
}

/// Whether the first bytes are the header row of a GLPI CSV export.
pub(super) fn looks_like_export(head: &[u8]) -> bool {
    let end = head.iter().position(|b| *b == b'\n').unwrap_or(head.len());
    let (text, _) = decode(&head[..end]);
    headers_of(&text).is_some_and(|(h, _)| is_export_header(&h))
}

/// GLPI's item type names in French and English → the internal item type.
fn canonical_itemtype(text: &str) -> String {
    match crate::names::match_key(text).as_str() {
        "ordinateur" | "computer" => "Computer",
        "moniteur" | "monitor" | "ecran" => "Monitor",
        "imprimante" | "printer" => "Printer",
        "materielreseau"
        | "equipementreseau"
        | "networkdevice"
        | "networkequipment"
        | "networkingequipment" => "NetworkEquipment",
        "telephone" | "phone" => "Phone",
        "peripherique" | "device" | "peripheral" => "Peripheral",
        _ => return text.to_string(),
    }
    .to_string()
}

/// First value of a multi-valued cell (GLPI joins them with new lines or `$$##$$`).
fn first_value(cell: &str) -> Option<String> {
    cell.split(['\n', '\r'])
        .flat_map(|v| v.split("$$##$$"))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

pub(super) fn import(imp: &mut GlpiImporter<'_>, source: &str, bytes: &[u8]) {
    let (text, _encoding) = decode(bytes);
    let Some((headers, sep)) = headers_of(&text) else {
        imp.invalid(source, "not_glpi", "no header row".into());
        return;
    };
    let roles: Vec<Option<Role>> = headers.iter().map(|h| role(h)).collect();
    let col = |r: Role| roles.iter().position(|x| *x == Some(r));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = 0u64;
    let mut header_seen = false;
    let mut record = csv::StringRecord::new();
    // Line numbers from byte offsets (counted incrementally).
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    loop {
        // The parser stops before the previous record's '\n': skip line ends to the record's start.
        let mut byte = (reader.position().byte() as usize).min(text.len());
        while byte < text.len() && matches!(text.as_bytes()[byte], b'\r' | b'\n') {
            byte += 1;
        }
        line_at += text.as_bytes()[counted_to..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = byte;
        let line = line_at;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                imp.invalid(&format!("{source}:{line}"), "invalid_csv", e.to_string());
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        rows += 1;
        let cell = |r: Role| col(r).and_then(|c| record.get(c)).and_then(first_value);
        let itemtype = cell(Role::ItemType).map(|t| canonical_itemtype(&t));
        let mut d = ItemDraft::new(
            &format!("{source}:{line}"),
            itemtype.as_deref().unwrap_or(""),
        );
        d.name = cell(Role::Name);
        d.manufacturer = cell(Role::Manufacturer);
        d.model = cell(Role::Model);
        d.serial = cell(Role::Serial);
        d.department = imp.department(
            cell(Role::Entity).as_deref(),
            cell(Role::Location).as_deref(),
        );
        let y = |r: Role| cell(r).as_deref().and_then(year_in);
        d.year_from(&[
            (y(Role::PurchaseDate), YearSource::PurchaseDate),
            (y(Role::InServiceDate), YearSource::InServiceDate),
            (y(Role::BiosDate), YearSource::BiosDate),
            (y(Role::FirstInventory), YearSource::FirstInventory),
        ]);
        let status = cell(Role::Status).unwrap_or_default();
        let kind = cell(Role::Type).unwrap_or_default();
        d.in_stock = is_listed(STOCK_STATUSES, &status);
        let mut decision = if is_listed(GONE_STATUSES, &status) {
            Decision::not_counted(
                ItemStatus::Excluded,
                "disposed",
                format!("status {status:?}: no longer in the fleet"),
            )
        } else if let Some(rule) =
            imp.user_rule(&d, &[kind.as_str(), itemtype.as_deref().unwrap_or("")])
        {
            rule
        } else if let Some(w) = virtual_machine_word(&d) {
            Decision::not_counted(
                ItemStatus::Excluded,
                "virtual_machine",
                format!("virtual machine (manufacturer or model says {w:?}): no device of its own; its host is counted"),
            )
        } else {
            decide(imp, &d, &kind, itemtype.as_deref())
        };
        if decision.status == ItemStatus::Mapped && decision.category.as_deref() == Some("printer")
        {
            if let Some(w) = multifunction_word([d.model.as_deref().unwrap_or("")]) {
                decision = Decision::mapped(
                    "multifunction_printer",
                    "printer_model",
                    format!(
                        "{}; the model names a multifunction device ({w:?})",
                        decision.detail
                    ),
                );
            }
        }
        if d.in_stock && decision.status == ItemStatus::Mapped {
            decision.detail.push_str(&format!(
                "; status {status:?}: counted (bought), with no use"
            ));
        }
        imp.push(d, decision);
    }
    if rows == 0 {
        imp.invalid(
            source,
            "empty_export",
            "the export has a header row but no item".into(),
        );
    }
}

fn virtual_machine_word(d: &ItemDraft) -> Option<&'static str> {
    let text = format!(
        " {} {} ",
        normalize(d.manufacturer.as_deref().unwrap_or("")),
        normalize(d.model.as_deref().unwrap_or(""))
    );
    VIRTUAL_MACHINE_WORDS
        .iter()
        .find(|w| text.contains(&format!(" {w} ")))
        .copied()
}

fn decide(imp: &GlpiImporter<'_>, d: &ItemDraft, kind: &str, itemtype: Option<&str>) -> Decision {
    let it = itemtype.unwrap_or("");
    if !kind.is_empty() {
        if let Some(cat) = type_name_category(kind) {
            return Decision::mapped(cat, "type_name", format!("type {kind:?}"));
        }
        if let Ok(c) = imp.ds.classify(kind, d.model.as_deref()) {
            let id = imp.ds.category(c.category).id.clone();
            return Decision::mapped(id, "type_name", format!("type {kind:?}: {}", c.rule));
        }
    }
    if let Some(cat) = super::mapping::itemtype_category(it) {
        return Decision::mapped(cat, "itemtype", format!("item type {it}"));
    }
    match it {
        "Printer" => {
            return Decision::mapped(
                "printer",
                "itemtype",
                format!(
                    "item type Printer{}",
                    if kind.is_empty() {
                        String::new()
                    } else {
                        format!(", type {kind:?}")
                    }
                ),
            );
        }
        "NetworkEquipment" => {
            let texts = [
                kind,
                d.model.as_deref().unwrap_or(""),
                d.name.as_deref().unwrap_or(""),
            ];
            if let Some(model) = d.model.as_deref().filter(|m| !m.trim().is_empty()) {
                if let Ok(c) = imp.ds.classify("", Some(model)) {
                    let id = imp.ds.category(c.category).id.clone();
                    return Decision::mapped(id, "model_series", c.rule);
                }
            }
            if let Some((cat, word)) = network_kind(texts) {
                return Decision::mapped(
                    cat,
                    "network_words",
                    format!("network equipment whose type, model or name names a {cat} ({word:?})"),
                );
            }
        }
        _ => {}
    }
    if kind.is_empty() {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "no_type",
            format!(
                "no type{}: the kind of device is unknown; give it a type in GLPI or map its model with a mapping file",
                if it.is_empty() { String::new() } else { format!(" (item type {it})") }
            ),
        )
    } else {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "unknown_type",
            format!(
                "type {kind:?}{} matches no category{}; map it with a mapping file",
                if it.is_empty() {
                    String::new()
                } else {
                    format!(" (item type {it})")
                },
                imp.ds
                    .suggest_category(kind)
                    .map(|s| format!(" (closest: {s})"))
                    .unwrap_or_default()
            ),
        )
    }
}
