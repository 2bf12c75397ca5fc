//! Levers that act on hosting and services, for the review of an estate: each one evaluated
//! by the same models as the estate (the entry evaluated again with the lever pulled), its
//! effect in kg CO2e a year with its range, its assumption said in its description.

use super::evaluate::room_usage;
use super::{Estate, EstateError};
use crate::dataset::Dataset;
use crate::estimate::Range;
use crate::hosting::HostingFootprint;
use crate::indicator::{Indicator, Lang};
use crate::report::Report;
use crate::review::Lever;

/// The hosting site a room can move to: French colocation (`hosting_sites.csv`).
const COLOCATION: &str = "colocation";

/// Share of a website's page weight or an e-mail's size the "lighter" levers take off: a
/// what-if the review names, not a measured figure.
const LIGHTER: f64 = 0.5;

fn climate(f: &HostingFootprint, count: f64) -> Option<Range> {
    f.total(Indicator::ClimateChange).map(|r| r.scale(count))
}

fn delta(after: Range, before: Range) -> Range {
    let (lo, mid, hi) = (
        after.low - before.low,
        after.central - before.central,
        after.high - before.high,
    );
    Range::new(lo.min(mid).min(hi), mid, hi.max(mid).max(lo))
}

/// The hosting and services levers of an estate evaluated as `report`.
pub fn estate_levers(
    ds: &Dataset,
    estate: &Estate,
    report: &Report,
    lang: Lang,
) -> Result<Vec<Lever>, EstateError> {
    let fr = lang == Lang::Fr;
    let year = report.options.reporting_year;
    let mut out = Vec::new();
    let colocation = ds
        .hosting_tables()
        .and_then(|h| h.find_site(COLOCATION))
        .map(|s| s.pue);

    // Rooms to colocation: the room's servers evaluated again in a colocation site.
    if let Some(colo) = colocation {
        let mut change = Range::ZERO;
        let mut moved = 0.0;
        for (r, room) in estate.rooms.iter().enumerate() {
            for (k, s) in room.servers.iter().enumerate() {
                let path = format!("rooms[{r}].servers[{k}]");
                let count = s.count.unwrap_or(1.0);
                let usage = room_usage(room, s, year);
                if usage.pue.is_some_and(|p| p <= colo.central)
                    || usage.site.as_deref() == Some(COLOCATION)
                {
                    continue;
                }
                let err = |error| EstateError::Hosting {
                    path: path.clone(),
                    error,
                };
                let before = s.server.clone().evaluate(ds, usage.clone()).map_err(err)?;
                let mut moved_usage = usage;
                moved_usage.site = Some(COLOCATION.into());
                moved_usage.pue = None;
                let after = s.server.clone().evaluate(ds, moved_usage).map_err(err)?;
                if let (Some(a), Some(b)) = (climate(&after, count), climate(&before, count)) {
                    change = change + delta(a, b);
                    moved += count;
                }
            }
        }
        if moved > 0.0 {
            out.push(Lever {
                title: if fr {
                    "Héberger les serveurs de la salle en colocation".into()
                } else {
                    "Host the room's servers in colocation".into()
                },
                delta_kgco2e: change,
                description: if fr {
                    format!(
                        "{moved} serveur(s) de salle déplacé(s) dans un centre de colocation (PUE {} au lieu de celui de la salle) : même matériel, même charge ; seule l'électricité du bâtiment change.",
                        crate::review::format_number(colo.central, lang)
                    )
                } else {
                    format!(
                        "{moved} room server(s) moved to a colocation data centre (PUE {} instead of the room's): same hardware, same load; only the building's electricity changes.",
                        crate::review::format_number(colo.central, lang)
                    )
                },
            });
        }
    }

    // Lighter websites and e-mails: the entry evaluated again with LIGHTER of its weight off.
    let (mut pages, mut mails) = (Range::ZERO, Range::ZERO);
    let (mut n_pages, mut n_mails) = (0, 0);
    for (k, s) in estate.services.iter().enumerate() {
        let err = |error| EstateError::Service {
            path: format!("services[{k}]"),
            error,
        };
        if let Some(p) = &s.website {
            let ecoindex = p
                .model
                .as_deref()
                .is_none_or(|m| m.trim().eq_ignore_ascii_case("ecoindex"));
            let Some(before) = report
                .estate
                .as_ref()
                .and_then(|e| e.services.get(k))
                .and_then(|r| r.climate_change_kgco2e)
            else {
                continue;
            };
            if ecoindex {
                continue; // EcoIndex's figure is not proportional to bytes alone.
            }
            let mut lighter = p.clone();
            lighter.bytes = lighter.bytes.map(|b| b * (1.0 - LIGHTER));
            lighter.size_kb = lighter.size_kb.map(|b| b * (1.0 - LIGHTER));
            lighter.exclude_terminals = report
                .estate
                .as_ref()
                .and_then(|e| e.services.get(k))
                .is_some_and(|r| r.terminals_excluded);
            let (_, fp) = lighter.evaluate().map_err(err)?;
            let views = s.page_views.unwrap_or(crate::defaults::SERVICE_USES);
            if let Some(after) = fp.times(views).total(Indicator::ClimateChange).value() {
                pages = pages + delta(after, before);
                n_pages += 1;
            }
        }
        if let Some(m) = &s.email {
            let Some(r) = report.estate.as_ref().and_then(|e| e.services.get(k)) else {
                continue;
            };
            let Some(before) = r.climate_change_kgco2e else {
                continue;
            };
            let mut lighter = m.clone();
            let size = lighter
                .size_mb
                .unwrap_or(crate::services::Email::default().size_mb);
            lighter.size_mb = Some(size * (1.0 - LIGHTER));
            lighter.year = lighter.year.or(Some(year));
            lighter.exclude_terminals = r.terminals_excluded;
            let after = lighter.evaluate(ds, "email").map_err(err)?;
            if let Some(after) = after.footprint.total(Indicator::ClimateChange).value() {
                mails = mails + delta(after, before);
                n_mails += 1;
            }
        }
    }
    let share = crate::review::format_number(LIGHTER * 100.0, lang);
    if n_pages > 0 {
        out.push(Lever {
            title: if fr {
                "Alléger les pages des sites de moitié".into()
            } else {
                "Halve the weight of the websites' pages".into()
            },
            delta_kgco2e: pages,
            description: if fr {
                format!("Poids transféré par page vue réduit de {share} % (images compressées, scripts et polices limités), au même nombre de visites.")
            } else {
                format!("Bytes transferred per page view cut by {share} % (compressed images, fewer scripts and fonts), for the same visits.")
            },
        });
    }
    if n_mails > 0 {
        out.push(Lever {
            title: if fr {
                "Des courriels plus légers".into()
            } else {
                "Lighter e-mails".into()
            },
            delta_kgco2e: mails,
            description: if fr {
                format!("Taille moyenne des messages réduite de {share} % (liens de partage au lieu de pièces jointes), au même nombre de messages.")
            } else {
                format!("Average message size cut by {share} % (share links instead of attachments), for the same number of messages.")
            },
        });
    }
    Ok(out)
}
