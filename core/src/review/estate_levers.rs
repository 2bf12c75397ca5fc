//! Levers that act on hosting and services, for the review of an estate: each one evaluated
//! by the same models as the estate (the entry evaluated again with the lever pulled), its
//! effect in kg CO2e a year with its range, its assumption said in its description.

use super::Lever;
use crate::dataset::Dataset;
use crate::estate::{room_usage, Estate, EstateError};
use crate::estimate::Range;
use crate::hosting::HostingFootprint;
use crate::indicator::{Indicator, Lang};
use crate::report::Report;

/// The hosting sites a room can move to (`hosting_sites.csv`): French colocation, a public
/// cloud's data centre.
const COLOCATION: &str = "colocation";
const HYPERSCALE: &str = "cloud_hyperscale";

/// The consolidation lever's what-if: servers of one entry regrouped on half as many
/// machines, each at twice the load (at most 100 %), by virtualisation. A what-if the review
/// names, not a measured figure.
const CONSOLIDATION: f64 = 0.5;

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

    // Rooms to a site with a better PUE: the room's servers evaluated again there.
    for site in [COLOCATION, HYPERSCALE] {
        if let Some(lever) = move_servers(ds, estate, year, site, fr)? {
            out.push(lever);
        }
    }
    if let Some(lever) = consolidate(ds, estate, year, fr)? {
        out.push(lever);
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
    let share = super::format_number(LIGHTER * 100.0, lang);
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

/// The room servers moved to `site`, where its PUE is better than theirs.
fn move_servers(
    ds: &Dataset,
    estate: &Estate,
    year: i32,
    site: &str,
    fr: bool,
) -> Result<Option<Lever>, EstateError> {
    let Some(target) = ds.hosting_tables().and_then(|h| h.find_site(site)) else {
        return Ok(None);
    };
    let mut change = Range::ZERO;
    let mut moved = 0.0;
    for (r, room) in estate.rooms.iter().enumerate() {
        for (k, s) in room.servers.iter().enumerate() {
            let path = format!("rooms[{r}].servers[{k}]");
            let count = s.count.unwrap_or(1.0);
            let usage = room_usage(room, s, year);
            let err = |error| EstateError::Hosting {
                path: path.clone(),
                error,
            };
            let before = s.server.clone().evaluate(ds, usage.clone()).map_err(err)?;
            if before.pue.central <= target.pue.central {
                continue;
            }
            let mut moved_usage = usage;
            moved_usage.site = Some(site.into());
            moved_usage.pue = None;
            let after = s.server.clone().evaluate(ds, moved_usage).map_err(err)?;
            if let (Some(a), Some(b)) = (climate(&after, count), climate(&before, count)) {
                change = change + delta(a, b);
                moved += count;
            }
        }
    }
    if moved <= 0.0 {
        return Ok(None);
    }
    let label = if fr {
        &target.label_fr
    } else {
        &target.label_en
    };
    let pue = super::format_number(target.pue.central, if fr { Lang::Fr } else { Lang::En });
    Ok(Some(Lever {
        title: if fr {
            format!("Héberger les serveurs de salle : {label}")
        } else {
            format!("Host the room servers: {label}")
        },
        delta_kgco2e: change,
        description: if fr {
            format!("{moved} serveur(s) de salle déplacé(s) (PUE {pue} au lieu de celui de leur salle) : même matériel, même charge ; seule l'électricité du bâtiment change.")
        } else {
            format!("{moved} room server(s) moved (PUE {pue} instead of their room's): same hardware, same load; only the building's electricity changes.")
        },
    }))
}

/// Room servers given with a constant load, regrouped on fewer machines at a higher load.
fn consolidate(
    ds: &Dataset,
    estate: &Estate,
    year: i32,
    fr: bool,
) -> Result<Option<Lever>, EstateError> {
    use crate::hosting::LoadRequest;
    let mut change = Range::ZERO;
    let mut entries = 0;
    for (r, room) in estate.rooms.iter().enumerate() {
        for (k, s) in room.servers.iter().enumerate() {
            let count = s.count.unwrap_or(1.0);
            let usage = room_usage(room, s, year);
            let Some(LoadRequest::Constant(load)) = usage.load_percent else {
                continue;
            };
            if count < 2.0 {
                continue;
            }
            let path = format!("rooms[{r}].servers[{k}]");
            let err = |error| EstateError::Hosting {
                path: path.clone(),
                error,
            };
            let before = s.server.clone().evaluate(ds, usage.clone()).map_err(err)?;
            let mut fewer = usage;
            fewer.load_percent = Some(LoadRequest::Constant((load / CONSOLIDATION).min(100.0)));
            let after = s.server.clone().evaluate(ds, fewer).map_err(err)?;
            if let (Some(a), Some(b)) = (
                climate(&after, count * CONSOLIDATION),
                climate(&before, count),
            ) {
                change = change + delta(a, b);
                entries += 1;
            }
        }
    }
    if entries == 0 {
        return Ok(None);
    }
    Ok(Some(Lever {
        title: if fr {
            "Regrouper les serveurs (virtualisation)".into()
        } else {
            "Consolidate the servers (virtualisation)".into()
        },
        delta_kgco2e: change,
        description: if fr {
            "Les serveurs de salle regroupés sur deux fois moins de machines, chacune à charge doublée (au plus 100 %) : moins de fabrication, un peu plus d'électricité par machine.".into()
        } else {
            "The room servers regrouped on half as many machines, each at twice the load (at most 100 %): less manufacturing, a little more electricity per machine.".into()
        },
    }))
}
