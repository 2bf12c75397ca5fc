//! GLPI agent JSON inventories (schema: glpi-project/inventory_format): computers with their
//! monitors and local printers, network equipment, printers, phones.

use super::fields::{decode_edid, deviceid_year, year_in, PANEL_MAKER_IDS, PANEL_MAKER_NAMES};
use super::mapping::{
    chassis_target, multifunction_word, network_kind, network_type_target, type_name_category,
    Target, MULTIFUNCTION_COUNTERS,
};
use super::{Decision, GlpiImporter, ItemDraft, ItemStatus, YearSource};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

/// Only the parts of an inventory the import reads; everything else (software lists, ports'
/// counters...) is skipped without being kept in memory.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Doc {
    itemtype: Option<Value>,
    deviceid: Option<Value>,
    tag: Option<Value>,
    content: Option<Content>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Content {
    hardware: Option<Obj>,
    bios: Option<Obj>,
    operatingsystem: Option<Obj>,
    monitors: Option<Vec<Obj>>,
    printers: Option<Vec<Obj>>,
    network_device: Option<Obj>,
    network_ports: Option<Vec<Port>>,
    network_components: Option<Vec<Obj>>,
    firmwares: Option<Vec<Obj>>,
    pagecounters: Option<Obj>,
    simcards: Option<IgnoredAny>,
}

type Obj = serde_json::Map<String, Value>;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Port {
    iftype: Option<Value>,
}

/// A scalar as text (agents send some numbers as strings and the reverse).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn get(o: Option<&Obj>, key: &str) -> Option<String> {
    text(o?.get(key))
}

pub(super) fn import(imp: &mut GlpiImporter<'_>, source: &str, bytes: &[u8]) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc: Doc = match serde_json::from_slice(body) {
        Ok(d) => d,
        Err(e) => {
            let what = if e.is_eof() {
                "truncated JSON (the file ends in the middle of the inventory)"
            } else {
                "invalid GLPI inventory JSON"
            };
            imp.invalid(
                source,
                "invalid_json",
                format!("{what} at line {}, column {}: {e}", e.line(), e.column()),
            );
            return;
        }
    };
    let content = doc.content.unwrap_or_default();
    let deviceid = text(doc.deviceid.as_ref());
    let tag = text(doc.tag.as_ref());
    let itemtype = text(doc.itemtype.as_ref());
    let first_inventory = deviceid.as_deref().and_then(deviceid_year);
    let location = get(content.network_device.as_ref(), "location");
    let department = imp.department(tag.as_deref(), location.as_deref());
    let ctx = Ctx {
        source,
        deviceid: deviceid.clone(),
        department,
        first_inventory,
    };
    match itemtype.as_deref() {
        // Agents before GLPI 10 send no itemtype; GLPI then takes the inventory as a computer's.
        None | Some("Computer") => computer(imp, &ctx, &content, itemtype.is_none()),
        Some("NetworkEquipment") => network(imp, &ctx, &content, "NetworkEquipment"),
        Some("Printer") => printer(imp, &ctx, &content),
        Some("Phone") => phone(imp, &ctx, &content),
        Some(other) => {
            let mut d = ctx.draft(other, &content);
            d.year_from(&[(ctx.first_inventory, YearSource::FirstInventory)]);
            let t = get(content.network_device.as_ref(), "type");
            let decision = imp.user_rule(&d, &[other, t.as_deref().unwrap_or("")]).unwrap_or_else(|| {
                Decision::not_counted(
                    ItemStatus::Unmapped,
                    "unknown_itemtype",
                    format!("item type {other:?} is not one the import knows (Computer, NetworkEquipment, Printer, Phone); map its model or type with a mapping file"),
                )
            });
            imp.push(d, decision);
        }
    }
}

struct Ctx<'a> {
    source: &'a str,
    deviceid: Option<String>,
    department: Option<String>,
    first_inventory: Option<i32>,
}

impl Ctx<'_> {
    /// The common fields: name, manufacturer, model, serial, from bios or network_device.
    fn draft(&self, itemtype: &str, c: &Content) -> ItemDraft {
        let mut d = ItemDraft::new(self.source, itemtype);
        let (hw, bios, nd) = (
            c.hardware.as_ref(),
            c.bios.as_ref(),
            c.network_device.as_ref(),
        );
        d.name = get(hw, "name")
            .or_else(|| get(nd, "name"))
            .or_else(|| self.deviceid.clone());
        d.manufacturer = get(bios, "smanufacturer")
            .or_else(|| get(bios, "mmanufacturer"))
            .or_else(|| get(nd, "manufacturer"));
        d.model = get(bios, "smodel")
            .or_else(|| get(bios, "mmodel"))
            .or_else(|| get(nd, "model"));
        d.serial = get(bios, "ssn")
            .or_else(|| get(nd, "serial"))
            .or_else(|| get(bios, "msn"));
        d.department = self.department.clone();
        d
    }
}

fn is_server_os(c: &Content) -> Option<String> {
    let os = get(c.operatingsystem.as_ref(), "full_name")
        .or_else(|| get(c.operatingsystem.as_ref(), "name"))?;
    crate::names::normalize(&os)
        .split(' ')
        .any(|w| w == "server")
        .then_some(os)
}

fn computer(imp: &mut GlpiImporter<'_>, ctx: &Ctx<'_>, c: &Content, no_itemtype: bool) {
    let mut d = ctx.draft("Computer", c);
    let bios_year = get(c.bios.as_ref(), "bdate").as_deref().and_then(year_in);
    d.year_from(&[
        (bios_year, YearSource::BiosDate),
        (ctx.first_inventory, YearSource::FirstInventory),
    ]);
    let chassis = get(c.hardware.as_ref(), "chassis_type");
    let vm = get(c.hardware.as_ref(), "vmsystem").filter(|v| !v.eq_ignore_ascii_case("physical"));
    let assumed = if no_itemtype {
        " (no itemtype: a computer inventory, as GLPI takes it)"
    } else {
        ""
    };
    let decision = if let Some(rule) = imp.user_rule(&d, &[chassis.as_deref().unwrap_or("")]) {
        rule
    } else if let Some(vm) = vm {
        Decision::not_counted(
            ItemStatus::Excluded,
            "virtual_machine",
            format!("virtual machine (hardware.vmsystem = {vm:?}): no device of its own; its host is counted"),
        )
    } else if c.hardware.is_none() {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "no_hardware",
            format!("the inventory has no hardware section (content.hardware){assumed}: the chassis is unknown; map its model with a mapping file"),
        )
    } else {
        let server_os = is_server_os(c);
        match chassis.as_deref() {
            Some(ch) => match chassis_target(ch) {
                Some(Target::Category(cat)) if server_os.is_some() && matches!(cat, "desktop") => {
                    Decision::mapped(
                        "server",
                        "server_os",
                        format!("chassis_type {ch:?} running {:?}", server_os.unwrap_or_default()),
                    )
                }
                Some(Target::Category(cat)) => {
                    Decision::mapped(cat, "chassis_type", format!("chassis_type {ch:?}{assumed}"))
                }
                Some(Target::NoCategory(why)) => Decision::not_counted(
                    ItemStatus::Unmapped,
                    "unknown_chassis",
                    format!("chassis_type {ch:?}: {why}; map its model with a mapping file"),
                ),
                None => match type_name_category(ch) {
                    Some(cat) => Decision::mapped(cat, "chassis_type", format!("chassis_type {ch:?}")),
                    None => Decision::not_counted(
                        ItemStatus::Unmapped,
                        "unknown_chassis",
                        format!("chassis_type {ch:?} is not a known chassis type; map it with a mapping file"),
                    ),
                },
            },
            None if server_os.is_some() => Decision::mapped(
                "server",
                "server_os",
                format!("no chassis_type, operating system {:?}", server_os.unwrap_or_default()),
            ),
            None => Decision::not_counted(
                ItemStatus::Unmapped,
                "no_chassis",
                "no chassis_type in the hardware section: the kind of computer is unknown; map its model with a mapping file".into(),
            ),
        }
    };
    let host = (decision.status == ItemStatus::Mapped)
        .then(|| decision.category.as_deref().unwrap_or("").to_string());
    let host_label = d.label();
    let is_vm = decision.code == "virtual_machine";
    imp.push(d, decision);
    if is_vm {
        return;
    }
    for m in c.monitors.iter().flatten() {
        monitor(imp, ctx, m, host.as_deref(), &host_label);
    }
    for p in c.printers.iter().flatten() {
        local_printer(imp, ctx, p, &host_label);
    }
}

fn monitor(
    imp: &mut GlpiImporter<'_>,
    ctx: &Ctx<'_>,
    m: &Obj,
    host: Option<&str>,
    host_label: &str,
) {
    let mut d = ItemDraft::new(ctx.source, "Monitor");
    let m = Some(m);
    let edid = get(m, "base64").as_deref().and_then(decode_edid);
    d.name = get(m, "caption").or_else(|| get(m, "name"));
    d.manufacturer =
        get(m, "manufacturer").or_else(|| edid.as_ref().map(|e| e.manufacturer.clone()));
    d.model = get(m, "caption").or_else(|| get(m, "name"));
    d.serial = get(m, "serial").or_else(|| get(m, "altserial"));
    d.department = ctx.department.clone();
    d.year_from(&[
        (
            edid.as_ref().and_then(|e| e.year),
            YearSource::ManufactureDate,
        ),
        (
            get(m, "description").as_deref().and_then(year_in),
            YearSource::ManufactureDate,
        ),
    ]);
    let maker_id = edid.as_ref().map(|e| e.manufacturer.as_str()).unwrap_or("");
    let maker_name = crate::names::normalize(&d.manufacturer.clone().unwrap_or_default());
    let panel_maker = PANEL_MAKER_IDS.contains(&maker_id)
        || PANEL_MAKER_NAMES
            .iter()
            .any(|n| format!(" {maker_name} ").contains(&format!(" {n} ")));
    let diagonal = edid.as_ref().and_then(|e| e.diagonal_inches);
    let small = diagonal.is_some_and(|x| x < 18.0);
    let built_in = match host {
        Some("laptop") | Some("tablet") => panel_maker || small,
        Some("all_in_one") => panel_maker,
        _ => false,
    };
    let size = diagonal.map(|x| format!("{x:.1}\" ")).unwrap_or_default();
    let decision = if let Some(rule) = imp.user_rule(&d, &[]) {
        rule
    } else if built_in {
        Decision::not_counted(
            ItemStatus::Excluded,
            "built_in_display",
            format!(
                "built-in {size}screen of {host_label} ({}{}): part of the {} already counted",
                d.manufacturer.as_deref().unwrap_or(maker_id),
                if panel_maker { ", a panel maker" } else { "" },
                host.unwrap_or("device")
            ),
        )
    } else {
        Decision::mapped(
            "monitor",
            "attached_monitor",
            format!(
                "monitor attached to {host_label}{}",
                if size.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", size.trim())
                }
            ),
        )
    };
    imp.push(d, decision);
}

const VIRTUAL_PRINTER_WORDS: &[&str] = &[
    "pdf", "xps", "onenote", "fax", "send to", "print to", "snagit", "cutepdf", "bullzip",
];

fn local_printer(imp: &mut GlpiImporter<'_>, ctx: &Ctx<'_>, p: &Obj, host_label: &str) {
    let mut d = ItemDraft::new(ctx.source, "Printer");
    let p = Some(p);
    d.name = get(p, "name");
    d.model = get(p, "driver").or_else(|| get(p, "description"));
    d.serial = get(p, "serial");
    d.department = ctx.department.clone();
    let port = get(p, "port").unwrap_or_default();
    let port_key = port.to_ascii_lowercase();
    let texts: Vec<String> = [get(p, "name"), get(p, "driver"), get(p, "description")]
        .into_iter()
        .flatten()
        .collect();
    let all = crate::names::normalize(&texts.join(" "));
    let is_virtual = VIRTUAL_PRINTER_WORDS
        .iter()
        .any(|w| format!(" {all} ").contains(&format!(" {w} ")));
    let is_local = ["usb", "lpt", "dot4", "com"]
        .iter()
        .any(|k| port_key.starts_with(k))
        || port_key.contains("usb://");
    let decision = if let Some(rule) = imp.user_rule(&d, &[]) {
        rule
    } else if is_virtual {
        Decision::not_counted(
            ItemStatus::Excluded,
            "virtual_printer",
            format!("virtual printer on {host_label}: no device"),
        )
    } else if !is_local {
        Decision::not_counted(
            ItemStatus::Excluded,
            "print_queue",
            format!(
                "print queue on {host_label} ({}): not a locally connected printer (no USB or parallel port); a network printer is counted from its own GLPI inventory",
                if port.is_empty() { "no port given".to_string() } else { format!("port {port}") }
            ),
        )
    } else {
        match multifunction_word(texts.iter().map(String::as_str)) {
            Some(w) => Decision::mapped(
                "multifunction_printer",
                "printer_model",
                format!("printer on {host_label} port {port}, multifunction by its name ({w:?})"),
            ),
            None => Decision::mapped(
                "printer",
                "local_printer",
                format!("printer on {host_label} port {port}"),
            ),
        }
    };
    imp.push(d, decision);
}

fn printer(imp: &mut GlpiImporter<'_>, ctx: &Ctx<'_>, c: &Content) {
    let mut d = ctx.draft("Printer", c);
    d.year_from(&[(ctx.first_inventory, YearSource::FirstInventory)]);
    let nd = c.network_device.as_ref();
    let texts: Vec<String> = [get(nd, "model"), get(nd, "description")]
        .into_iter()
        .flatten()
        .chain(
            c.firmwares
                .iter()
                .flatten()
                .filter_map(|f| get(Some(f), "name")),
        )
        .collect();
    let counter = c.pagecounters.as_ref().and_then(|pc| {
        MULTIFUNCTION_COUNTERS.iter().find(|k| {
            pc.get(**k)
                .and_then(|v| {
                    v.as_f64()
                        .or_else(|| v.as_str().and_then(crate::decimal::parse_f64))
                })
                .is_some_and(|n| n > 0.0)
        })
    });
    let t = get(nd, "type");
    let decision = if let Some(rule) = imp.user_rule(&d, &[t.as_deref().unwrap_or("")]) {
        rule
    } else if let Some(k) = counter {
        Decision::mapped(
            "multifunction_printer",
            "printer_counters",
            format!("printer keeping a {k:?} page counter (copy/scan/fax): multifunction"),
        )
    } else if let Some(w) = multifunction_word(texts.iter().map(String::as_str)) {
        Decision::mapped(
            "multifunction_printer",
            "printer_model",
            format!("printer whose model names a multifunction device ({w:?})"),
        )
    } else {
        Decision::mapped(
            "printer",
            "itemtype",
            "itemtype Printer; no copy, scan or fax counter and no multifunction model name".into(),
        )
    };
    imp.push(d, decision);
}

/// Physical chassis of a stack: `chassis` components with a serial, not merely provisioned.
fn stack_chassis(c: &Content) -> (u32, u32) {
    let (mut present, mut provisioned) = (0, 0);
    for comp in c.network_components.iter().flatten() {
        let comp = Some(comp);
        if get(comp, "type").as_deref() != Some("chassis") {
            continue;
        }
        let desc = get(comp, "description").unwrap_or_default().to_lowercase();
        if get(comp, "serial").is_some() && !desc.contains("provisioned") {
            present += 1;
        } else {
            provisioned += 1;
        }
    }
    (present, provisioned)
}

fn network(imp: &mut GlpiImporter<'_>, ctx: &Ctx<'_>, c: &Content, itemtype: &str) {
    let mut d = ctx.draft(itemtype, c);
    d.year_from(&[(ctx.first_inventory, YearSource::FirstInventory)]);
    let nd = c.network_device.as_ref();
    let t = get(nd, "type");
    let texts: Vec<String> = [get(nd, "model"), get(nd, "description"), get(nd, "name")]
        .into_iter()
        .flatten()
        .collect();
    let ethernet = c
        .network_ports
        .iter()
        .flatten()
        .filter(|p| {
            text(p.iftype.as_ref())
                .and_then(|s| s.parse::<u32>().ok())
                .is_some_and(|n| matches!(n, 6 | 62 | 69 | 117))
        })
        .count();
    let mut decision = if let Some(rule) = imp.user_rule(&d, &[t.as_deref().unwrap_or("")]) {
        rule
    } else if nd.is_none() {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "no_network_device",
            "network inventory without its network_device section: the kind of device is unknown"
                .into(),
        )
    } else if let Some(target) = t.as_deref().and_then(network_type_target) {
        let t = t.clone().unwrap_or_default();
        match target {
            Target::Category(cat) => {
                Decision::mapped(cat, "network_type", format!("network_device.type {t:?}"))
            }
            Target::NoCategory(why) => Decision::not_counted(
                ItemStatus::Unmapped,
                "unknown_network_kind",
                format!("network_device.type {t:?}: {why}"),
            ),
        }
    } else if t.as_deref() == Some("Printer") {
        return printer(imp, ctx, c);
    } else if let Some(c) = texts.iter().find_map(|t| imp.ds.classify("", Some(t)).ok()) {
        let id = imp.ds.category(c.category).id.clone();
        Decision::mapped(id, "model_series", c.rule)
    } else if let Some((cat, word)) = network_kind(texts.iter().map(String::as_str)) {
        Decision::mapped(
            cat,
            "network_words",
            format!("model or description names a {cat} ({word:?})"),
        )
    } else if ethernet >= 8 {
        Decision::mapped(
            "network_switch",
            "network_ports",
            format!("{ethernet} Ethernet ports: a switch"),
        )
    } else {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "unknown_network_kind",
            format!(
                "network equipment of unknown kind (model {:?}, {ethernet} Ethernet ports); map its model with a mapping file",
                d.model.as_deref().unwrap_or("")
            ),
        )
    };
    if decision.status == ItemStatus::Mapped {
        let (present, provisioned) = stack_chassis(c);
        if present >= 2 {
            decision.quantity = present;
            decision.detail.push_str(&format!(
                "; a stack of {present} chassis{}",
                if provisioned > 0 {
                    format!(" ({provisioned} provisioned slots without hardware not counted)")
                } else {
                    String::new()
                }
            ));
        }
    }
    imp.push(d, decision);
}

fn phone(imp: &mut GlpiImporter<'_>, ctx: &Ctx<'_>, c: &Content) {
    let mut d = ctx.draft("Phone", c);
    let bios_year = get(c.bios.as_ref(), "bdate").as_deref().and_then(year_in);
    d.year_from(&[
        (bios_year, YearSource::BiosDate),
        (ctx.first_inventory, YearSource::FirstInventory),
    ]);
    let os = get(c.operatingsystem.as_ref(), "full_name")
        .or_else(|| get(c.operatingsystem.as_ref(), "name"))
        .unwrap_or_default();
    let os_key = crate::names::normalize(&os);
    let model_key = crate::names::normalize(d.model.as_deref().unwrap_or(""));
    let t = get(c.network_device.as_ref(), "type");
    let decision = if let Some(rule) = imp.user_rule(&d, &[t.as_deref().unwrap_or("")]) {
        rule
    } else if os_key.contains("ipados") || model_key.contains("ipad") {
        Decision::mapped("tablet", "phone_os", format!("iPad ({os:?})"))
    } else if ["android", "ios", "iphone"]
        .iter()
        .any(|w| os_key.split(' ').any(|x| x == *w))
        || c.simcards.is_some()
    {
        Decision::mapped(
            "smartphone",
            "phone_os",
            format!(
                "mobile phone: operating system {os:?}{}",
                if c.simcards.is_some() {
                    ", SIM cards"
                } else {
                    ""
                }
            ),
        )
    } else if c.network_device.is_some() {
        Decision::mapped(
            "ip_phone",
            "network_type",
            "phone found by network inventory: an IP desk phone".into(),
        )
    } else if c.hardware.is_some() {
        Decision::mapped(
            "smartphone",
            "itemtype",
            "itemtype Phone inventoried by an agent on the device: a mobile phone".into(),
        )
    } else {
        Decision::not_counted(
            ItemStatus::Unmapped,
            "unknown_phone",
            "itemtype Phone without hardware, operating system or network section: mobile or desk phone unknown".into(),
        )
    };
    imp.push(d, decision);
}
