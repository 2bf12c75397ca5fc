//! The review's content, built once from the report (the summary and the state of play here,
//! the later sections in `sections` and `outlook`) and rendered to HTML or Markdown.

use super::blocks::{
    cell, climate, est, group_label, range, txt, Bar, Block, Card, Chart, Doc, Fig, Inline, Table,
    BAR_COLOR, CLIMATE,
};
use super::format::{count, mass, number, percent, signed_mass, t};
use super::{outlook, sections, ReviewInput};
use crate::estimate::{Availability, Estimate, Range};
use crate::indicator::{Indicator, Lang, Phase};
use crate::report::{GroupFootprint, Report};

fn plain(v: f64, lang: Lang) -> String {
    number(v, lang)
}

const PHASE_COLORS: [&str; 4] = ["#1f4e79", "#5b8db8", "#e0a030", "#7a7a7a"];

pub(crate) fn build(input: &ReviewInput<'_>) -> Doc {
    let lang = input.lang;
    let r = input.report;
    let year = r.options.reporting_year;
    let title = match (input.commune, lang) {
        (Some(c), Lang::Fr) => format!("Bilan annuel du numérique responsable {year} — {c}"),
        (Some(c), Lang::En) => format!("Yearly responsible digital review {year} — {c}"),
        (None, Lang::Fr) => format!("Bilan annuel du numérique responsable {year}"),
        (None, Lang::En) => format!("Yearly responsible digital review {year}"),
    };
    let subtitle = match super::is_estate(r) {
        true => t(
            lang,
            "Empreinte environnementale du patrimoine numérique : parc, hébergement et services — pour le bilan de la stratégie numérique responsable (loi REEN n° 2021-1485, art. 35 ; décret n° 2022-1084)",
            "Environmental footprint of the digital estate: fleet, hosting and services — for the review of the responsible digital strategy (French loi REEN no. 2021-1485, art. 35; décret no. 2022-1084)",
        ),
        false => t(
        lang,
        "Empreinte environnementale du parc d'équipements numériques — pour le bilan de la stratégie numérique responsable (loi REEN n° 2021-1485, art. 35 ; décret n° 2022-1084)",
        "Environmental footprint of the digital equipment fleet — for the review of the responsible digital strategy (French loi REEN no. 2021-1485, art. 35; décret no. 2022-1084)",
    ),
    }
    .to_string();
    let mut b = Vec::new();
    summary(&mut b, input);
    state_of_play(&mut b, r, lang);
    #[cfg(feature = "estate")]
    super::estate::scopes(&mut b, r, lang);
    sections::national(&mut b, r, lang);
    sections::change(&mut b, input);
    outlook::trajectory(&mut b, input);
    sections::levers(&mut b, input);
    sections::method(&mut b, r, lang);
    sections::sources(&mut b, r, lang);
    sections::rejected(&mut b, input);
    Doc {
        title,
        subtitle,
        blocks: b,
    }
}

fn summary(b: &mut Vec<Block>, input: &ReviewInput<'_>) {
    let (r, lang) = (input.report, input.lang);
    let total = climate(&r.totals.impacts);
    let ptr = format!("/totals/impacts/{CLIMATE}/total");
    b.push(Block::Section {
        id: "summary",
        title: t(lang, "En bref", "At a glance").into(),
        page_break: false,
    });
    let mut cards = vec![Card {
        label: t(
            lang,
            if super::is_estate(r) {
                "Empreinte carbone annuelle du patrimoine numérique"
            } else {
                "Empreinte carbone annuelle du parc"
            },
            if super::is_estate(r) {
                "Yearly carbon footprint of the digital estate"
            } else {
                "Yearly carbon footprint of the fleet"
            },
        )
        .into(),
        value: est(&total, &ptr, lang, mass),
        detail: {
            let mut d = vec![txt(t(lang, "fourchette ", "range "))];
            d.extend(range(&total, &ptr, lang, true));
            d
        },
    }];
    let per = [
        (
            &r.per_capita.per_inhabitant,
            "per_inhabitant",
            t(lang, "Par habitant", "Per inhabitant"),
            r.options.inhabitants,
            t(lang, "habitants", "inhabitants"),
        ),
        (
            &r.per_capita.per_agent,
            "per_agent",
            t(lang, "Par agent", "Per agent"),
            r.options.agents,
            t(lang, "agents", "agents"),
        ),
    ];
    for (table, key, label, n, who) in per {
        if let Some(table) = table {
            let p = format!("/per_capita/{key}/{CLIMATE}/total");
            cards.push(Card {
                label: label.into(),
                value: est(&climate(table), &p, lang, mass),
                detail: vec![txt(
                    n.map_or(String::new(), |n| format!("{} {who}", count(n, lang)))
                )],
            });
        }
    }
    cards.push(Card {
        label: t(lang, "Équipements évalués", "Devices evaluated").into(),
        value: vec![Inline::Fig(Fig {
            text: count(r.counts.devices as f64, lang),
            value: r.counts.devices as f64,
            json: Some("/counts/devices".into()),
            json_previous: None,
        })],
        detail: vec![txt(format!(
            "{} {}",
            count(r.counts.rows_evaluated as f64, lang),
            t(lang, "lignes d'inventaire", "inventory lines")
        ))],
    });
    if let Some(prev) = input.previous {
        let before = climate(&prev.totals.impacts);
        if let (Some(now), Some(then)) = (total.central(), before.central()) {
            cards.push(Card {
                label: t(lang, "Depuis l'an dernier", "Since last year").into(),
                value: vec![Inline::Fig(Fig {
                    text: signed_mass(now - then, lang),
                    value: now - then,
                    json: Some(format!("{ptr}/central")),
                    json_previous: Some(format!("{ptr}/central")),
                })],
                detail: {
                    let mut d = vec![txt(if then > 0.0 {
                        format!(
                            "{}{}",
                            if now >= then { "+" } else { "" },
                            percent((now - then) / then, lang)
                        )
                    } else {
                        String::new()
                    })];
                    // The split: what the body did, what the calendar and the reference did.
                    if let Some(y) = &r.year_over_year {
                        let parts = [
                            ("fleet_effect", &y.fleet_effect, t(lang, "parc", "fleet")),
                            ("ageing_effect", &y.ageing_effect, t(lang, "âge", "age")),
                            (
                                "reference_effect",
                                &y.reference_effect,
                                t(lang, "référence", "reference"),
                            ),
                        ];
                        for (i, (key, table, label)) in parts.into_iter().enumerate() {
                            let Some(v) = table
                                .total(Indicator::ClimateChange)
                                .and_then(Estimate::central)
                            else {
                                continue;
                            };
                            let (lead, colon) = match (i, lang) {
                                (0, Lang::Fr) => (" — ", "\u{a0}: "),
                                (_, Lang::Fr) => (" ; ", "\u{a0}: "),
                                (0, Lang::En) => (" — ", ": "),
                                (_, Lang::En) => ("; ", ": "),
                            };
                            d.push(txt(format!("{lead}{label}{colon}")));
                            d.push(Inline::Fig(Fig {
                                text: signed_mass(v, lang),
                                value: v,
                                json: Some(format!(
                                    "/year_over_year/{key}/{CLIMATE}/total/central"
                                )),
                                json_previous: None,
                            }));
                        }
                    }
                    d
                },
            });
        }
    }
    b.push(Block::Cards(cards));
    // One sentence on what weighs most, from the figures.
    if let Some(tc) = total.central().filter(|c| *c > 0.0) {
        let embodied: f64 = Phase::EMBODIED
            .iter()
            .filter_map(|p| r.totals.impacts.get(Indicator::ClimateChange, *p))
            .filter_map(Estimate::central)
            .sum();
        let share = percent(embodied / tc, lang);
        b.push(Block::P(vec![txt(match lang {
            Lang::Fr => format!(
                "La fabrication, le transport et la fin de vie des équipements pèsent {share} de cette empreinte annuelle, l'électricité consommée le reste. Acheter moins, faire durer les équipements et choisir le reconditionné agissent sur la première part ; la sobriété d'usage sur la seconde."
            ),
            Lang::En => format!(
                "Manufacturing, transport and end of life of the devices weigh {share} of this yearly footprint, the electricity they use the rest. Buying less, keeping devices longer and choosing refurbished ones act on the first part; sober use on the second."
            ),
        })]));
    }
    let scope = match super::is_estate(r) {
        true => t(
            lang,
            "Périmètre : le patrimoine numérique décrit — le parc d'équipements inventorié, l'hébergement (salles serveurs, colocation, cloud) et les services numériques de l'année (site web, messagerie, visioconférence...), sans double compte : les terminaux des agents ne sont comptés que dans le parc. Chaque chiffre est une estimation centrale, donnée avec sa fourchette basse–haute.",
            "Scope: the digital estate described — the inventoried equipment fleet, hosting (server rooms, colocation, cloud) and the year's digital services (website, e-mail, video meetings...), without double counting: the agents' devices count in the fleet only. Each figure is a central estimate, given with its low–high range.",
        ),
        false => t(
            lang,
            "Périmètre : le parc d'équipements inventorié (postes, écrans, impression, réseau, téléphonie, serveurs). L'hébergement externalisé, le cloud et les services numériques (site web, messagerie, visioconférence) ne sont pas compris dans ce bilan. Chaque chiffre est une estimation centrale, donnée avec sa fourchette basse–haute.",
            "Scope: the inventoried equipment fleet (workstations, monitors, printing, network, telephony, servers). Outsourced hosting, cloud and digital services (website, e-mail, video meetings) are not included. Each figure is a central estimate, given with its low–high range.",
        ),
    };
    b.push(Block::Note(vec![txt(scope)]));
}

fn group_rows(
    b: &mut Vec<Block>,
    groups: &[GroupFootprint],
    base: &str,
    total: Option<f64>,
    lang: Lang,
    chart_title: String,
    first_col: &str,
) {
    let mut order: Vec<usize> = (0..groups.len()).collect();
    // Order only: groups without a figure last.
    let central = |g: &GroupFootprint| climate(&g.impacts).central().unwrap_or(f64::NEG_INFINITY);
    order.sort_by(|x, y| central(&groups[*y]).total_cmp(&central(&groups[*x])));
    let mut bars: Vec<Bar> = Vec::new();
    let mut rest = Range::ZERO;
    for (rank, i) in order.iter().enumerate() {
        let g = &groups[*i];
        let Some(v) = climate(&g.impacts).value() else {
            continue;
        };
        if rank < 10 {
            bars.push(Bar {
                label: group_label(g, lang),
                range: v,
                color: BAR_COLOR,
                text: mass(v.central, lang),
            });
        } else {
            rest = rest + v;
        }
    }
    if rest.high > 0.0 {
        bars.push(Bar {
            label: t(lang, "autres", "others").into(),
            range: rest,
            color: "#9bb7cc",
            text: mass(rest.central, lang),
        });
    }
    if !bars.is_empty() {
        b.push(Block::Chart(Chart {
            title: chart_title,
            bars,
        }));
    }
    let mut rows = Vec::new();
    for i in order {
        let g = &groups[i];
        let e = climate(&g.impacts);
        let ptr = format!("{base}/{i}/impacts/{CLIMATE}/total");
        let share = share_of(&e, total, lang);
        rows.push(vec![
            vec![txt(group_label(g, lang))],
            vec![Inline::Fig(Fig {
                text: count(g.devices as f64, lang),
                value: g.devices as f64,
                json: Some(format!("{base}/{i}/devices")),
                json_previous: None,
            })],
            est(&e, &ptr, lang, mass),
            range(&e, &ptr, lang, true),
            vec![txt(share)],
        ]);
    }
    b.push(Block::Table(Table {
        head: vec![
            first_col.into(),
            t(lang, "Équipements", "Devices").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Fourchette", "Range").into(),
            t(lang, "Part", "Share").into(),
        ],
        numeric: vec![false, true, true, true, true],
        rows,
    }));
}

fn state_of_play(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    b.push(Block::Section {
        id: "state",
        title: t(lang, "État des lieux", "State of play").into(),
        page_break: false,
    });
    let total = climate(&r.totals.impacts).central();
    b.push(Block::Sub(
        t(lang, "Par phase du cycle de vie", "By life-cycle phase").into(),
    ));
    let mut bars = Vec::new();
    let mut rows = Vec::new();
    for (k, p) in Phase::ALL.iter().enumerate() {
        let e = cell(&r.totals.impacts, Indicator::ClimateChange, Some(*p));
        let ptr = format!("/totals/impacts/{CLIMATE}/{}", p.id());
        if let Some(v) = e.value() {
            bars.push(Bar {
                label: p.label(lang).into(),
                range: v,
                color: PHASE_COLORS[k],
                text: mass(v.central, lang),
            });
        }
        let share = share_of(&e, total, lang);
        rows.push(vec![
            vec![txt(p.label(lang))],
            est(&e, &ptr, lang, mass),
            range(&e, &ptr, lang, true),
            vec![txt(share)],
        ]);
    }
    b.push(Block::Chart(Chart {
        title: t(
            lang,
            "Empreinte carbone annuelle par phase",
            "Yearly carbon footprint by phase",
        )
        .into(),
        bars,
    }));
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Phase", "Phase").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Fourchette", "Range").into(),
            t(lang, "Part", "Share").into(),
        ],
        numeric: vec![false, true, true, true],
        rows,
    }));
    b.push(Block::Sub(
        t(lang, "Par type d'équipement", "By kind of device").into(),
    ));
    group_rows(
        b,
        &r.by_category,
        "/by_category",
        total,
        lang,
        t(
            lang,
            "Empreinte carbone annuelle par type d'équipement",
            "Yearly carbon footprint by kind of device",
        )
        .into(),
        t(lang, "Type d'équipement", "Kind of device"),
    );
    b.push(Block::Sub(t(lang, "Par service", "By department").into()));
    group_rows(
        b,
        &r.by_department,
        "/by_department",
        total,
        lang,
        t(
            lang,
            "Empreinte carbone annuelle par service",
            "Yearly carbon footprint by department",
        )
        .into(),
        t(lang, "Service", "Department"),
    );
    other_indicators(b, r, lang);
}

/// A group's share of the total: "n.d." when either is not available; empty when the total
/// is zero or negative (no share to give).
fn share_of(e: &Estimate, total: Option<f64>, lang: Lang) -> String {
    match (e.value(), total) {
        (Some(v), Some(t)) if t > 0.0 => percent(v.central / t, lang),
        (Some(_), Some(_)) => String::new(),
        _ => match e.availability() {
            Availability::IncludedInManufacturing => String::new(),
            _ => t(lang, "n.d.", "n/a").into(),
        },
    }
}

/// Every indicator, those the dataset covers in every phase first; the others say which
/// phases it covers, and their total is not available (or the use phase alone, asked for).
fn other_indicators(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    b.push(Block::Sub(
        t(lang, "Autres indicateurs", "Other indicators").into(),
    ));
    let phases = |info: &crate::report::IndicatorInfo| {
        if info.phases_covered.len() == Phase::ALL.len() {
            return t(lang, "toutes", "all").to_string();
        }
        if info.phases_covered.is_empty() {
            return t(lang, "aucune (non évalué)", "none (not assessed)").to_string();
        }
        let names: Vec<&str> = info.phases_covered.iter().map(|p| p.label(lang)).collect();
        names.join(", ")
    };
    let mut rows = Vec::new();
    let mut incomplete = false;
    for (info, ind) in r.indicators.iter().zip(r.totals.impacts.indicators()) {
        let e = cell(&r.totals.impacts, *ind, None);
        let ptr = format!("/totals/impacts/{}/total", ind.id());
        let whole = info.phases_covered.len() == Phase::ALL.len();
        incomplete |= !whole;
        let mut value = est(&e, &ptr, lang, plain);
        if e.value().is_some() {
            value.insert(1, txt(format!(" {}", info.unit)));
        }
        let mut label = vec![txt(ind.label(lang))];
        if !whole {
            label.push(txt(" †"));
        }
        rows.push(vec![
            label,
            vec![txt(phases(info))],
            value,
            range(&e, &ptr, lang, false),
        ]);
    }
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Indicateur", "Indicator").into(),
            t(lang, "Phases couvertes", "Phases covered").into(),
            t(lang, "Total / an", "Total / year").into(),
            t(lang, "Fourchette", "Range").into(),
        ],
        numeric: vec![false, false, true, true],
        rows,
    }));
    if incomplete {
        b.push(Block::Note(vec![txt(t(
            lang,
            "† Le jeu de données ne couvre pas toutes les phases du cycle de vie pour cet indicateur (par exemple l'électricité seule, sans la fabrication des équipements) : son total n'est pas disponible, car un chiffre d'une seule phase n'est pas comparable à l'empreinte complète. Les indicateurs couverts dans toutes les phases sont en tête.",
            "† The dataset does not cover every life-cycle phase for this indicator (for instance electricity only, not the devices' manufacturing): its total is not available, since a figure of one phase does not compare with the whole footprint. The indicators covered in every phase come first.",
        ))]));
    }
    b.push(Block::P(vec![txt(t(
        lang,
        "« n.d. » : le jeu de données n'a pas ce facteur ; ce n'est pas un zéro. « partiel » : une partie des équipements manque de facteur, la valeur est un minimum. « inclus dans la fabrication » : la source donne un seul chiffre pour la fabrication, le transport et la fin de vie.",
        "\"n/a\": the dataset lacks this factor; it is not a zero. \"partial\": some devices lack a factor, the value is a lower bound. \"included in manufacturing\": the source gives one figure for manufacturing, transport and end of life.",
    ))]));
}
