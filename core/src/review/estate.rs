//! The review of a whole estate: its scopes (fleet, hosting, services), the hosting entries
//! (rooms and their PUE, cloud) and the services (per use and per year), and the part of the
//! trajectory that hosting and services add. Only when the report is an estate's.

use super::blocks::{climate, est, range, txt, Bar, Block, Chart, Fig, Inline, Table, CLIMATE};
use super::format::{count, mass, number, percent, t};
use crate::estimate::Range;
use crate::indicator::Lang;
use crate::report::estate::EstateSection;
use crate::report::Report;

const SCOPE_COLORS: [&str; 3] = ["#1f4e79", "#e0a030", "#5b8db8"];

fn fig(v: f64, text: String, json: Option<String>) -> Inline {
    Inline::Fig(Fig {
        text,
        value: v,
        json,
        json_previous: None,
    })
}

/// The scopes, then hosting and services in detail.
pub(super) fn scopes(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    let Some(e) = r.estate.as_deref() else {
        return;
    };
    b.push(Block::Section {
        id: "scopes",
        title: t(lang, "Par périmètre", "By scope").into(),
        page_break: false,
    });
    let whole = climate(&r.totals.impacts).central();
    let mut bars = Vec::new();
    let mut rows = Vec::new();
    for (i, s) in e.by_scope.iter().enumerate() {
        let label = match lang {
            Lang::Fr => s.label_fr,
            Lang::En => s.label_en,
        };
        let c = climate(&s.impacts);
        let ptr = format!("/estate/by_scope/{i}/impacts/{CLIMATE}/total");
        if let Some(v) = c.value() {
            bars.push(Bar {
                label: label.into(),
                range: v,
                color: SCOPE_COLORS[i % SCOPE_COLORS.len()],
                text: mass(v.central, lang),
            });
        }
        let share = match (c.central(), whole) {
            (Some(v), Some(w)) if w > 0.0 => vec![txt(percent(v / w, lang))],
            _ => vec![],
        };
        rows.push(vec![
            vec![txt(label)],
            vec![txt(count(s.entries as f64, lang))],
            est(&c, &ptr, lang, mass),
            share,
            range(&c, &ptr, lang, true),
        ]);
    }
    if !bars.is_empty() {
        b.push(Block::Chart(Chart {
            title: t(
                lang,
                "Empreinte carbone annuelle par périmètre",
                "Yearly carbon footprint by scope",
            )
            .into(),
            bars,
        }));
    }
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Périmètre", "Scope").into(),
            t(lang, "Entrées", "Entries").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Part", "Share").into(),
            t(lang, "Fourchette", "Range").into(),
        ],
        numeric: vec![false, true, true, true, true],
        rows,
    }));
    hosting(b, e, lang);
    services(b, e, lang);
    if !e.notes.is_empty() {
        b.push(Block::List(e.notes.iter().map(|n| vec![txt(n)]).collect()));
    }
}

fn hosting(b: &mut Vec<Block>, e: &EstateSection, lang: Lang) {
    if e.hosting.is_empty() && e.inventory_servers_room.is_none() {
        return;
    }
    b.push(Block::Sub(
        t(
            lang,
            "Hébergement : salles serveurs et cloud",
            "Hosting: server rooms and cloud",
        )
        .into(),
    ));
    if let Some(room) = &e.inventory_servers_room {
        b.push(Block::P(vec![txt(match lang {
            Lang::Fr => format!("Les serveurs des inventaires fonctionnent dans la salle « {room} » : son PUE s'applique à leur électricité, et ils sont comptés dans l'hébergement."),
            Lang::En => format!("The inventories' servers run in the room “{room}”: its PUE applies to their electricity, and they count as hosting."),
        })]));
    }
    let rows = e
        .hosting
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let pue = h
                .footprint
                .pointer("/pue/central")
                .and_then(serde_json::Value::as_f64);
            let kwh = h
                .footprint
                .pointer("/electricity_kwh/central")
                .and_then(serde_json::Value::as_f64);
            let climate = match h.climate_change_kgco2e {
                Some(v) => vec![fig(
                    v.central,
                    mass(v.central, lang),
                    Some(format!("/estate/hosting/{i}/climate_change_kgco2e/central")),
                )],
                None => vec![super::blocks::not_available(lang)],
            };
            vec![
                vec![txt(h.name.clone().unwrap_or_else(|| h.path.clone()))],
                vec![txt(h.room.clone().unwrap_or_else(|| "cloud".into()))],
                vec![fig(
                    h.count,
                    count(h.count, lang),
                    Some(format!("/estate/hosting/{i}/count")),
                )],
                pue.map_or(vec![], |p| vec![txt(number(p, lang))]),
                kwh.map_or(vec![], |k| vec![txt(count(k * h.count, lang))]),
                climate,
            ]
        })
        .collect::<Vec<_>>();
    if !rows.is_empty() {
        b.push(Block::Table(Table {
            head: vec![
                t(lang, "Serveur ou instance", "Server or instance").into(),
                t(lang, "Où", "Where").into(),
                t(lang, "Nombre", "Count").into(),
                "PUE".into(),
                t(lang, "kWh / an", "kWh / year").into(),
                t(lang, "Climat / an", "Climate / year").into(),
            ],
            numeric: vec![false, false, true, true, true, true],
            rows,
        }));
    }
}

fn services(b: &mut Vec<Block>, e: &EstateSection, lang: Lang) {
    if e.services.is_empty() {
        return;
    }
    b.push(Block::Sub(
        t(lang, "Services numériques", "Digital services").into(),
    ));
    let rows = e
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let per_use = match s.gco2e_per_use {
                Some(g) => vec![fig(
                    g,
                    format!("{} g", number(g, lang)),
                    Some(format!("/estate/services/{i}/gco2e_per_use")),
                )],
                None => vec![super::blocks::not_available(lang)],
            };
            let terminals = if s.terminals_excluded {
                t(
                    lang,
                    "exclus (comptés dans le parc)",
                    "left out (counted in the fleet)",
                )
            } else {
                t(lang, "inclus", "included")
            };
            vec![
                vec![txt(s.name.clone().unwrap_or_else(|| s.kind.to_string()))],
                vec![fig(
                    s.uses,
                    count(s.uses, lang),
                    Some(format!("/estate/services/{i}/uses")),
                )],
                per_use,
                match s.climate_change_kgco2e {
                    Some(v) => vec![fig(
                        v.central,
                        mass(v.central, lang),
                        Some(format!(
                            "/estate/services/{i}/climate_change_kgco2e/central"
                        )),
                    )],
                    None => vec![super::blocks::not_available(lang)],
                },
                vec![txt(terminals)],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Service", "Service").into(),
            t(lang, "Usages / an", "Uses / year").into(),
            t(lang, "Par usage", "Per use").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Terminaux", "Terminals").into(),
        ],
        numeric: vec![false, true, true, true, false],
        rows,
    }));
}

/// What hosting and services add to every year of the fleet's trajectory: this year's figure,
/// held constant (`None` when not an estate, or when one of them has no figure).
pub(super) fn constant_part(r: &Report) -> Option<Range> {
    let e = r.estate.as_deref()?;
    let mut sum = Range::ZERO;
    for h in &e.hosting {
        sum = sum + h.climate_change_kgco2e?;
    }
    for s in &e.services {
        sum = sum + s.climate_change_kgco2e?;
    }
    Some(sum)
}
