//! The trajectory section of the review: the fleet year by year at today's practice, and the
//! renewal rule it follows, said in words and by class.

use super::blocks::{txt, Bar, Block, Chart, Fig, Inline, Table, BAR_COLOR};
use super::format::{count, mass, t};
use super::ReviewInput;
use crate::indicator::{Indicator, Lang};
use crate::trajectory::{Renewal, TrajectorySeries};

/// Classes listed in the table (most devices first); the others are counted.
const MAX_CLASSES: usize = 12;

fn fig(v: f64, text: String) -> Inline {
    Inline::Fig(Fig {
        text,
        value: v,
        json: None,
        json_previous: None,
    })
}

/// A number of years to one decimal, without a trailing zero ("5", "7,6").
fn short(v: f64, lang: Lang) -> String {
    let r = (v * 10.0).round() / 10.0;
    let text = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    };
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The rule in one sentence.
fn rule(r: &Renewal, lang: Lang) -> String {
    let backlog: u64 = r.classes.iter().map(|c| c.backlog).sum();
    match (r.rule, lang) {
        ("dataset_lifetime", Lang::Fr) => "Renouvellement à la durée de vie de chaque ligne de l'inventaire, sinon à celle du jeu de données ; tous les équipements arrivés en fin de vie sont remplacés la même année, à l'identique.".into(),
        ("dataset_lifetime", Lang::En) => "Renewal at each inventory line's lifetime, else the dataset's; every device due is replaced the same year, like for like.".into(),
        (rule, Lang::Fr) => format!(
            "Renouvellement selon la pratique de la collectivité{} : pour chaque type d'équipement, la durée de vie que montre l'inventaire (2 × l'âge moyen des équipements en service + 1 an : dans un parc renouvelé régulièrement tous les L ans, les équipements ont de 0 à L − 1 ans), bornée par la fourchette du jeu de données élargie aux durées que donne l'inventaire. Un équipement est remplacé à l'identique quand il atteint cette durée ; les {} équipements qui l'ont déjà dépassée sont remplacés au fil des années suivantes (au plus 1/L d'entre eux par an, les plus anciens d'abord), pas tous l'année prochaine.",
            if rule == "lifetimes" { " (durées fixées par l'utilisateur pour certains types)" } else { "" },
            count(backlog as f64, lang)
        ),
        (rule, Lang::En) => format!(
            "Renewal at the body's practice{}: for each kind of device, the lifetime the inventory shows (2 × the mean age of the devices in service + 1 year: in a fleet renewed evenly every L years, devices are 0 to L − 1 years old), bounded by the dataset's range widened to the lifetimes the inventory gives. A device is replaced like for like when it reaches that lifetime; the {} devices already past it are replaced over the following years (at most 1/L of them a year, oldest first), not all next year.",
            if rule == "lifetimes" { " (lifetimes set by the user for some kinds)" } else { "" },
            count(backlog as f64, lang)
        ),
    }
}

fn source(s: &str, lang: Lang) -> &'static str {
    match (s, lang) {
        ("practice", Lang::Fr) => "pratique",
        ("practice", Lang::En) => "practice",
        ("practice_raised_to_low", Lang::Fr) => "pratique, relevée au bas de la fourchette",
        ("practice_raised_to_low", Lang::En) => "practice, raised to the range's low",
        ("practice_lowered_to_high", Lang::Fr) => "pratique, ramenée au haut de la fourchette",
        ("practice_lowered_to_high", Lang::En) => "practice, lowered to the range's high",
        ("user", Lang::Fr) => "fixée par l'utilisateur",
        ("user", Lang::En) => "set by the user",
        (_, Lang::Fr) => "jeu de données",
        (_, Lang::En) => "dataset",
    }
}

pub(super) fn trajectory(b: &mut Vec<Block>, input: &ReviewInput<'_>) {
    let lang = input.lang;
    let Some(series) = input.trajectory.and_then(|s| s.first()) else {
        return;
    };
    b.push(Block::Section {
        id: "trajectory",
        title: t(
            lang,
            "Trajectoire à pratique constante",
            "Trajectory at today's practice",
        )
        .into(),
        page_break: false,
    });
    b.push(Block::P(vec![txt(rule(&series.renewal, lang))]));
    years(b, series, lang);
    #[cfg(feature = "estate")]
    if let Some(k) = super::estate::constant_part(input.report) {
        let last = series.years.last();
        let fleet_end = last
            .and_then(|p| p.impacts.total(Indicator::ClimateChange))
            .and_then(|e| e.central());
        let mut p = vec![
            txt(t(
                lang,
                "L'hébergement et les services ajoutent ",
                "Hosting and services add ",
            )),
            fig(k.central, mass(k.central, lang)),
            txt(t(
                lang,
                " par an, tenus à leur niveau de cette année (la trajectoire ne projette que le parc)",
                " a year, held at this year's level (the trajectory projects the fleet only)",
            )),
        ];
        if let (Some(f), Some(last)) = (fleet_end, last) {
            p.push(txt(match lang {
                Lang::Fr => format!(" : le patrimoine numérique atteindrait en {} ", last.year),
                Lang::En => format!(": the digital estate would reach in {} ", last.year),
            }));
            p.push(fig(f + k.central, mass(f + k.central, lang)));
        }
        p.push(txt("."));
        b.push(Block::P(p));
    }
    classes(b, &series.renewal, input);
    b.push(Block::Note(vec![txt(t(
        lang,
        "Une trajectoire n'est pas une prévision : elle montre où mène la pratique actuelle si rien ne change (mêmes équipements, mêmes usages, facteurs de la dernière année connue). Les leviers se mesurent par rapport à elle.",
        "A trajectory is not a forecast: it shows where today's practice leads if nothing changes (same devices, same uses, the factors of the latest known year). Levers are measured against it.",
    ))]));
}

fn years(b: &mut Vec<Block>, series: &TrajectorySeries, lang: Lang) {
    let climate = |p: &crate::trajectory::YearPoint| {
        p.impacts
            .total(Indicator::ClimateChange)
            .and_then(|e| e.value())
    };
    let bars: Vec<Bar> = series
        .years
        .iter()
        .filter_map(|p| {
            climate(p).map(|v| Bar {
                label: p.year.to_string(),
                range: v,
                color: BAR_COLOR,
                text: mass(v.central, lang),
            })
        })
        .collect();
    if !bars.is_empty() {
        b.push(Block::Chart(Chart {
            title: t(
                lang,
                "Empreinte carbone annuelle du parc, année par année",
                "Yearly carbon footprint of the fleet, year by year",
            )
            .into(),
            bars,
        }));
    }
    let rows = series
        .years
        .iter()
        .map(|p| {
            let e = p
                .impacts
                .total(Indicator::ClimateChange)
                .copied()
                .unwrap_or_default();
            let (value, spread) = match e.value() {
                None => (vec![super::blocks::not_available(lang)], vec![]),
                Some(v) => {
                    let mut value = vec![fig(v.central, mass(v.central, lang))];
                    if e.availability() == crate::estimate::Availability::Partial {
                        value.push(txt(t(lang, " (partiel)", " (partial)")));
                    }
                    (
                        value,
                        vec![
                            txt("["),
                            fig(v.low, mass(v.low, lang)),
                            txt(" – "),
                            fig(v.high, mass(v.high, lang)),
                            txt("]"),
                        ],
                    )
                }
            };
            vec![
                vec![txt(p.year.to_string())],
                vec![fig(p.devices as f64, count(p.devices as f64, lang))],
                vec![fig(p.purchases as f64, count(p.purchases as f64, lang))],
                value,
                spread,
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Année", "Year").into(),
            t(lang, "Équipements", "Devices").into(),
            t(lang, "Achats", "Purchases").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Fourchette", "Range").into(),
        ],
        numeric: vec![false, true, true, true, true],
        rows,
    }));
}

fn classes(b: &mut Vec<Block>, r: &Renewal, input: &ReviewInput<'_>) {
    let lang = input.lang;
    let mut order: Vec<usize> = (0..r.classes.len()).collect();
    order.sort_by(|x, y| r.classes[*y].devices.cmp(&r.classes[*x].devices));
    let label = |id: &str| {
        input
            .report
            .by_category
            .iter()
            .find(|g| g.key.as_deref() == Some(id))
            .map(|g| super::blocks::group_label(g, lang))
            .unwrap_or_else(|| id.to_string())
    };
    let years = |v: f64| format!("{}\u{a0}{}", short(v, lang), t(lang, "ans", "yr"));
    let mut rows: Vec<Vec<Vec<Inline>>> = order
        .iter()
        .take(MAX_CLASSES)
        .map(|i| {
            let c = &r.classes[*i];
            let [lo, hi] = c.bounds_years;
            vec![
                vec![txt(label(&c.category))],
                vec![fig(c.devices as f64, count(c.devices as f64, lang))],
                match c.mean_age_years {
                    Some(a) => vec![fig(a, years(a))],
                    None => vec![txt("—")],
                },
                vec![txt(format!("{} – {}", short(lo, lang), years(hi)))],
                vec![fig(c.lifetime_years, years(c.lifetime_years))],
                vec![txt(source(c.source, lang))],
                vec![
                    fig(c.backlog as f64, count(c.backlog as f64, lang)),
                    txt(match c.backlog_per_year {
                        Some(n) if c.backlog > 0 => match lang {
                            Lang::Fr => format!(" ({n} par an)"),
                            Lang::En => format!(" ({n} a year)"),
                        },
                        _ => String::new(),
                    }),
                ],
            ]
        })
        .collect();
    if r.classes.len() > MAX_CLASSES {
        rows.push(vec![
            vec![txt(match lang {
                Lang::Fr => format!(
                    "… {} autres types (détail : empreinte trajectory)",
                    r.classes.len() - MAX_CLASSES
                ),
                Lang::En => format!(
                    "… {} more kinds (details: empreinte trajectory)",
                    r.classes.len() - MAX_CLASSES
                ),
            })],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        ]);
    }
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Type d'équipement", "Kind of device").into(),
            t(lang, "Équipements", "Devices").into(),
            t(lang, "Âge moyen", "Mean age").into(),
            t(lang, "Bornes", "Bounds").into(),
            t(lang, "Durée retenue", "Lifetime used").into(),
            t(lang, "Origine", "From").into(),
            t(lang, "Déjà en fin de vie", "Already due").into(),
        ],
        numeric: vec![false, true, true, true, true, false, true],
        rows,
    }));
}
