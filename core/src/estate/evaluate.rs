//! One evaluation of a whole estate: the fleet through the same `Evaluation` as `evaluate`,
//! each room server, cloud instance and service through the same request types as the
//! one-off commands, then the scopes, departments and per-capita figures.

use super::{Estate, EstateError, EstateFiles, FleetSource, Users};
use crate::dataset::Dataset;
use crate::evaluate::Evaluation;
use crate::glpi::{GlpiImporter, GlpiOptions, UserMapping};
use crate::hosting::{hosting_json, HostingFootprint, UsageRequest};
use crate::indicator::Indicator;
use crate::inventory::{EquipmentLine, Warning};
use crate::options::EvaluationOptions;
use crate::report::estate::{
    EstateScope, EstateSection, HostingEntryResult, ScopeFootprint, ServiceEntryResult,
    SourceResult, SourcedRejection,
};
use crate::report::{GroupFootprint, ImpactTable, PerCapita, Report, Scopes};
use crate::services::ServiceFootprint;

/// Evaluates an estate against `ds`. The estate's year, when it gives one, is the reporting year
/// (it describes that year); its commune fills the per-capita denominators the options
/// leave unset (`options.reporting_year` stays when the estate gives no year).
pub fn evaluate_estate(
    ds: &Dataset,
    estate: &Estate,
    files: &dyn EstateFiles,
    options: &EvaluationOptions,
) -> Result<Report, EstateError> {
    evaluate_estate_with(ds, None, estate, files, options).map(|(r, _)| r)
}

/// [`evaluate_estate`], with the dataset cloud instances take their figures from when `ds` has
/// no cloud table (`None`: the embedded [`crate::defaults::HOSTING_DATASET`]; a build without
/// it, the WebAssembly module, gives that set loaded from its files), and the fleet's lines as
/// evaluated (the servers a room declares left out), for the review's levers and trajectory.
pub fn evaluate_estate_with(
    ds: &Dataset,
    cloud: Option<&Dataset>,
    estate: &Estate,
    files: &dyn EstateFiles,
    options: &EvaluationOptions,
) -> Result<(Report, Vec<(u64, EquipmentLine)>), EstateError> {
    let options = estate_options(estate, options);

    let servers_room = inventory_servers_room(estate)?;
    let room_pue = servers_room
        .map(|i| room_pue(ds, &estate.rooms[i], &format!("rooms[{i}]")))
        .transpose()?
        .flatten();
    // A class's own room (its site and PUE range) stays when the room is of that site.
    let room_site = servers_room.and_then(|i| {
        let r = &estate.rooms[i];
        r.pue.is_none().then(|| r.site.clone()).flatten()
    });
    let room_names: Vec<(String, String)> = estate
        .rooms
        .iter()
        .flat_map(|r| {
            r.servers
                .iter()
                .filter_map(move |s| s.name.as_deref().map(|n| (key(n), r.name.clone())))
        })
        .collect();

    // The fleet: every source into one evaluation.
    let mut ev = Evaluation::new(ds, options.clone()).map_err(|e| EstateError::Invalid {
        path: "options".into(),
        message: e.to_string(),
    })?;
    let mut sources = Vec::new();
    let mut lines = Vec::new();
    for (i, src) in estate.fleet.iter().enumerate() {
        let path = format!("fleet[{i}]");
        let before = (ev.counts(), ev.rejected().len());
        let mut adjust = |line: &mut EquipmentLine, ev: &mut Evaluation| {
            let keep = adjust_line(
                ds,
                src,
                line,
                (room_pue, room_site.as_deref()),
                &room_names,
                ev,
            );
            if keep {
                lines.push((lines.len() as u64 + 1, line.clone()));
            }
            keep
        };
        let kind = add_source(ds, src, files, &path, &mut ev, &mut adjust)?;
        let after = ev.counts();
        sources.push(SourceResult {
            path: src.path.clone(),
            kind,
            rows_read: after.rows_read - before.0.rows_read,
            rows_evaluated: after.rows_evaluated - before.0.rows_evaluated,
            rows_rejected: after.rows_rejected - before.0.rows_rejected,
            rejected: ev.rejected()[before.1..]
                .iter()
                .map(|row| SourcedRejection {
                    file: src.path.clone(),
                    row: row.clone(),
                })
                .collect(),
        });
    }

    let fleet = FleetPart {
        sources,
        scopes: None,
        notes: Vec::new(),
        has_fleet: !estate.fleet.is_empty(),
        servers_room,
    };
    let report = finish_estate(ds, cloud, estate, ev, options, fleet)?;
    Ok((report, lines))
}

/// The options of an estate's evaluation: the estate's year and commune fill what `options`
/// leaves unset (`options.reporting_year` stays when the estate gives no year).
pub(crate) fn estate_options(estate: &Estate, options: &EvaluationOptions) -> EvaluationOptions {
    let mut options = options.clone();
    if let Some(y) = estate.year {
        options.reporting_year = y;
    }
    let c = &estate.commune;
    options.inhabitants = options.inhabitants.or(c.inhabitants);
    options.agents = options.agents.or(c.agents);
    options.pupils = options.pupils.or(c.pupils);
    options
}

/// What the fleet part of an estate gave, for [`finish_estate`].
pub(crate) struct FleetPart {
    /// Each source and what became of its rows.
    pub sources: Vec<SourceResult>,
    /// The fleet's impacts split into the fleet and hosting scopes by the caller, with their
    /// entries (a NumEcoEval inventory: equipment in a data centre is hosting); `None`: split
    /// by the class's room (servers are hosting).
    pub scopes: Option<[(ImpactTable, u64); 2]>,
    /// What the fleet's reading did that a reader must know.
    pub notes: Vec<String>,
    /// Whether the estate has a fleet (agents' services then leave out their terminals).
    pub has_fleet: bool,
    /// The room the fleet's servers run in, when one is.
    pub servers_room: Option<usize>,
}

/// Closes an estate's evaluation: its fleet is in `ev`; adds every hosting and service entry,
/// then the scopes, departments and per-capita figures.
pub(crate) fn finish_estate(
    ds: &Dataset,
    cloud: Option<&Dataset>,
    estate: &Estate,
    mut ev: Evaluation<'_>,
    options: EvaluationOptions,
    fleet: FleetPart,
) -> Result<Report, EstateError> {
    let year = options.reporting_year;
    let servers_room = fleet.servers_room;
    let mut notes = fleet.notes;
    // Hosting and services, evaluated before the fleet's evaluation closes so that its Monte
    // Carlo draws cover them too.
    let hosting = hosting_entries(ds, cloud, estate, year, &mut notes)?;
    let services = service_entries(ds, estate, fleet.has_fleet, year, &mut notes)?;
    for (_, f, count) in &hosting {
        for ind in f.indicators() {
            for p in crate::indicator::Phase::ALL {
                if let Some(r) = f.impact(ind, p) {
                    ev.add_independent(ind, p, r.scale(*count));
                }
            }
        }
    }
    for s in &services {
        for ind in s.footprint.indicators() {
            for p in crate::indicator::Phase::ALL {
                if let Some(r) = s.footprint.get(ind, p) {
                    ev.add_independent(ind, p, r);
                }
            }
        }
    }
    let mut report = ev.finish();
    let indicators: Vec<Indicator> = ds.indicators().to_vec();
    let scopes = Scopes::new(ds, &options);

    // Fleet and inventory servers: by the class's room, unless the caller split them.
    let mut by_scope: Vec<ScopeFootprint> = EstateScope::ALL
        .iter()
        .map(|s| ScopeFootprint {
            scope: *s,
            label_fr: s.label_fr(),
            label_en: s.label_en(),
            entries: 0,
            impacts: ImpactTable::new(&indicators),
        })
        .collect();
    match fleet.scopes {
        Some(split) => {
            for (s, (table, entries)) in by_scope.iter_mut().zip(split) {
                s.impacts.add_table(&table);
                s.entries += entries;
            }
        }
        None => {
            for g in &report.by_category {
                let in_room = g
                    .key
                    .as_deref()
                    .and_then(|k| ds.find_category(k))
                    .is_some_and(|c| ds.category(c).room.is_some());
                let s = &mut by_scope[usize::from(in_room)];
                s.impacts.add_table(&g.impacts);
                s.entries += g.lines;
            }
        }
    }
    if let (Some(i), true) = (servers_room, by_scope[1].entries > 0) {
        notes.insert(0, format!(
            "Les serveurs des inventaires sont comptés dans l'hébergement, dans la salle « {} » (son PUE s'applique).",
            estate.rooms[i].name
        ));
    }

    // Hosting then services, in the order of the description.
    let mut departments: Vec<(Option<String>, ImpactTable)> = Vec::new();
    for (entry, f, count) in &hosting {
        by_scope[1].impacts.add_hosting(f, *count);
        by_scope[1].entries += 1;
        report.totals.impacts.add_hosting(f, *count);
        department_table(&mut departments, &indicators, &entry.department).add_hosting(f, *count);
    }
    for s in &services {
        by_scope[2].impacts.add_service(&s.footprint);
        by_scope[2].entries += 1;
        report.totals.impacts.add_service(&s.footprint);
        department_table(&mut departments, &indicators, &s.department).add_service(&s.footprint);
    }

    // Totals, scopes and departments as the dataset covers them.
    report.totals.impacts.apply_scopes(scopes);
    for s in &mut by_scope {
        s.impacts.apply_scopes(scopes);
    }
    merge_departments(&mut report.by_department, departments, &indicators, scopes);
    let per = |d: Option<f64>| d.filter(|d| *d > 0.0).map(|d| report.totals.impacts.per(d));
    report.per_capita = PerCapita {
        per_inhabitant: per(options.inhabitants),
        per_agent: per(options.agents),
        per_pupil: per(options.pupils),
    };
    report.options = options;
    report.estate = Some(Box::new(EstateSection {
        commune: estate.commune.clone(),
        by_scope,
        fleet_sources: fleet.sources,
        hosting: hosting.into_iter().map(|(e, _, _)| e).collect(),
        services,
        inventory_servers_room: servers_room.map(|i| estate.rooms[i].name.clone()),
        notes,
        #[cfg(feature = "numecoeval")]
        numecoeval: None,
    }));
    Ok(report)
}

/// Every room server, then every cloud entry: its result, its footprint (one server or
/// instance) and its count.
fn hosting_entries(
    ds: &Dataset,
    cloud: Option<&Dataset>,
    estate: &Estate,
    year: i32,
    notes: &mut Vec<String>,
) -> Result<Vec<(HostingEntryResult, HostingFootprint, f64)>, EstateError> {
    let mut out = Vec::new();
    for (r, room) in estate.rooms.iter().enumerate() {
        for (k, s) in room.servers.iter().enumerate() {
            let path = format!("rooms[{r}].servers[{k}]");
            let count = count(s.count, &path)?;
            let usage = room_usage(room, s, year);
            let f = s
                .server
                .clone()
                .evaluate(ds, usage)
                .map_err(|error| EstateError::Hosting {
                    path: path.clone(),
                    error,
                })?;
            let department = s.department.clone().or_else(|| room.department.clone());
            let entry = hosting_entry(
                path,
                s.name.clone(),
                Some(room.name.clone()),
                department,
                count,
                &f,
            );
            out.push((entry, f, count));
        }
    }
    // Cloud figures come from a dataset with cloud tables: the estate's, else `cloud` or the
    // embedded Boavizta set (said in the notes; its indicators the estate's set lacks are not
    // added).
    let has_cloud = |d: &Dataset| d.hosting_tables().is_some_and(|h| !h.instances.is_empty());
    let cloud_ds: &Dataset = if has_cloud(ds) || estate.cloud.is_empty() {
        ds
    } else {
        let fallback = match cloud {
            Some(c) => Ok(c),
            None => Dataset::embedded(crate::defaults::HOSTING_DATASET),
        };
        match fallback {
            Ok(h) if has_cloud(h) => {
                notes.push(format!(
                    "Instances cloud : chiffres du jeu {} (le jeu {} n'a pas de table cloud).",
                    h.id(),
                    ds.id()
                ));
                h
            }
            _ => ds,
        }
    };
    for (k, c) in estate.cloud.iter().enumerate() {
        let path = format!("cloud[{k}]");
        let count = count(c.count, &path)?;
        let usage = UsageRequest {
            year: c.usage.year.or(Some(year)),
            ..c.usage.clone()
        };
        let f = c
            .instance
            .clone()
            .evaluate(cloud_ds, usage)
            .map_err(|error| EstateError::Hosting {
                path: path.clone(),
                error,
            })?;
        let entry = hosting_entry(path, c.name.clone(), None, c.department.clone(), count, &f);
        out.push((entry, f, count));
    }
    Ok(out)
}

/// Every service entry over the year; agents' services leave out the terminals when the
/// estate has a fleet (said in the notes).
fn service_entries(
    ds: &Dataset,
    estate: &Estate,
    has_fleet: bool,
    year: i32,
    notes: &mut Vec<String>,
) -> Result<Vec<ServiceEntryResult>, EstateError> {
    let mut out = Vec::new();
    for (k, s) in estate.services.iter().enumerate() {
        let path = format!("services[{k}]");
        let kind = s.kind(&path)?;
        let users = s.users.unwrap_or(if kind == "website" {
            Users::Public
        } else {
            Users::Agents
        });
        let exclude = users == Users::Agents && has_fleet;
        let (fp, uses) = service_footprint(ds, s, kind, exclude, year, &path)?;
        if fp.terminals_excluded {
            notes.push(format!(
                "{} : terminaux exclus, déjà comptés dans le parc.",
                s.name.as_deref().unwrap_or(kind)
            ));
        }
        out.push(ServiceEntryResult {
            path,
            name: s.name.clone(),
            kind,
            users,
            department: s.department.clone(),
            uses,
            terminals_excluded: fp.terminals_excluded,
            gco2e_per_use: fp
                .climate_change_gco2e()
                .filter(|_| uses > 0.0)
                .map(|g| g / uses),
            climate_change_kgco2e: fp.total(Indicator::ClimateChange).value(),
            footprint: fp,
        });
    }
    Ok(out)
}

/// A room server's usage: what it leaves unset comes from its room, then the estate's year.
pub fn room_usage(room: &super::Room, s: &super::RoomServer, year: i32) -> UsageRequest {
    let mut usage = s.usage.clone();
    usage.year = usage.year.or(Some(year));
    usage.site = usage.site.or_else(|| room.site.clone());
    usage.pue = usage.pue.or(room.pue);
    if usage.location.is_none() {
        usage.location = room.location.clone().map(Some);
    }
    usage
}

/// The matching key of a server name.
fn key(name: &str) -> String {
    crate::names::normalize(name)
}

/// The room the fleet's servers run in: the one that says so, else the only room.
fn inventory_servers_room(estate: &Estate) -> Result<Option<usize>, EstateError> {
    let said: Vec<usize> = (0..estate.rooms.len())
        .filter(|i| estate.rooms[*i].inventory_servers == Some(true))
        .collect();
    match said.as_slice() {
        [] if estate.rooms.len() == 1 && estate.rooms[0].inventory_servers.is_none() => Ok(Some(0)),
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err(EstateError::invalid(
            &format!("rooms[{}]", said[1]),
            "`inventory_servers = true` in more than one room; the fleet's servers run in one"
                .into(),
        )),
    }
}

/// The PUE a room gives its inventory servers: its own, or its site kind's (central value).
fn room_pue(ds: &Dataset, room: &super::Room, path: &str) -> Result<Option<f64>, EstateError> {
    if let Some(p) = room.pue {
        if !(p.is_finite() && p >= 1.0) {
            return Err(EstateError::Hosting {
                path: path.into(),
                error: crate::hosting::HostingError::InvalidPue { value: p },
            });
        }
        return Ok(Some(p));
    }
    let Some(site) = &room.site else {
        return Ok(None);
    };
    let tables = ds.hosting_tables();
    match tables.and_then(|h| h.find_site(site)) {
        Some(s) => Ok(Some(s.pue.central)),
        None => Err(EstateError::Hosting {
            path: path.into(),
            error: crate::hosting::HostingError::UnknownSite {
                value: site.clone(),
                suggestion: tables.and_then(|h| h.suggest_site(site)),
                known: tables
                    .map(|h| {
                        h.sites
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            },
        }),
    }
}

/// A fleet line as the estate places it: the source's department, the room's PUE for a
/// server; `false` (with a warning) for a server the rooms declare too.
fn adjust_line(
    ds: &Dataset,
    src: &FleetSource,
    line: &mut EquipmentLine,
    (room_pue, room_site): (Option<f64>, Option<&str>),
    room_names: &[(String, String)],
    ev: &mut Evaluation,
) -> bool {
    if line.department.is_none() {
        line.department = src.department.clone();
    }
    let class_room = crate::classify::classify(ds, &line.category, line.model.as_deref())
        .ok()
        .and_then(|c| ds.category(c.category).room.as_ref());
    let Some(class_room) = class_room else {
        return true;
    };
    if let Some(name) = line.label.as_deref() {
        if let Some((_, room)) = room_names.iter().find(|(k, _)| *k == key(name)) {
            ev.warn(Warning {
                line: None,
                field: Some("label".into()),
                code: "estate_server_counted_once",
                message: format!(
                    "server `{name}` of {} is also declared in room « {room} »: counted once, in the room",
                    src.path
                ),
            });
            return false;
        }
    }
    let same_site = room_site.is_some_and(|s| {
        ds.hosting_tables()
            .and_then(|h| h.find_site(s))
            .is_some_and(|site| site.id == class_room.site)
    });
    if line.pue.is_none() && !same_site {
        line.pue = room_pue;
    }
    true
}

/// Adds one fleet source (a GLPI export or folder, or an inventory); its kind.
fn add_source(
    ds: &Dataset,
    src: &FleetSource,
    files: &dyn EstateFiles,
    path: &str,
    ev: &mut Evaluation,
    adjust: &mut dyn FnMut(&mut EquipmentLine, &mut Evaluation) -> bool,
) -> Result<&'static str, EstateError> {
    let missing = |file: &str, message: String| EstateError::File {
        path: path.into(),
        file: file.into(),
        message,
    };
    let folder = files.list(&src.path);
    let bytes = match &folder {
        Some(_) => None,
        None => Some(files.read(&src.path).map_err(|m| missing(&src.path, m))?),
    };
    let glpi = folder.is_some()
        || bytes.as_deref().is_some_and(|b| {
            crate::glpi::detect(&b[..b.len().min(crate::glpi::DETECTION_HEAD_BYTES)]).is_some()
        });
    if !glpi {
        let bytes = bytes.unwrap_or_default();
        let read = crate::inventory::read_inventory(bytes).map_err(|e| EstateError::Fleet {
            path: path.into(),
            file: src.path.clone(),
            code: e.code(),
            message: e.to_string(),
        })?;
        for w in read.warnings {
            ev.warn(w);
        }
        for (n, mut line) in read.lines {
            if adjust(&mut line, ev) {
                let _ = ev.add(n, &line);
            }
        }
        for row in read.rejected {
            ev.reject(row);
        }
        ev.add_blank_rows(read.blank_rows);
        return Ok("inventory");
    }
    let mapping = match &src.mapping {
        Some(m) => {
            let bytes = files.read(m).map_err(|e| missing(m, e))?;
            let (text, _) = crate::text::decode_auto(&bytes);
            UserMapping::from_csv(m, &text, ds).map_err(|e| EstateError::Fleet {
                path: format!("{path}.mapping"),
                file: m.clone(),
                code: e.code(),
                message: e.to_string(),
            })?
        }
        None => UserMapping::default(),
    };
    let mut importer = GlpiImporter::new(ds, mapping, GlpiOptions::default());
    match (folder, bytes) {
        (Some(names), _) => {
            for name in names {
                let b = files.read(&name).map_err(|m| missing(&name, m))?;
                importer.add_bytes(&name, &b);
            }
        }
        (None, Some(b)) => importer.add_bytes(&src.path, &b),
        (None, None) => {}
    }
    importer.finish().add_to(ev, adjust);
    Ok("glpi")
}

/// A count of servers or instances: finite and >= 0, default one.
fn count(count: Option<f64>, path: &str) -> Result<f64, EstateError> {
    match count {
        None => Ok(1.0),
        Some(n) if n.is_finite() && n >= 0.0 => Ok(n),
        Some(n) => Err(EstateError::Hosting {
            path: path.into(),
            error: crate::hosting::HostingError::OutOfRange {
                field: "count".into(),
                value: n.to_string(),
                expected: "a number of servers or instances >= 0".into(),
            },
        }),
    }
}

fn hosting_entry(
    path: String,
    name: Option<String>,
    room: Option<String>,
    department: Option<String>,
    count: f64,
    f: &HostingFootprint,
) -> HostingEntryResult {
    HostingEntryResult {
        path,
        name,
        room,
        department,
        count,
        climate_change_kgco2e: f.total(Indicator::ClimateChange).map(|r| r.scale(count)),
        footprint: hosting_json(f),
    }
}

/// A service entry's footprint over the year, and its uses.
fn service_footprint(
    ds: &Dataset,
    s: &super::ServiceEntry,
    kind: &'static str,
    exclude: bool,
    year: i32,
    path: &str,
) -> Result<(ServiceFootprint, f64), EstateError> {
    let err = |error| EstateError::Service {
        path: path.into(),
        error,
    };
    let per_use = [
        ("email", &s.email),
        ("visio", &s.visio),
        ("streaming", &s.streaming),
        ("web_search", &s.web_search),
        ("file_transfer", &s.file_transfer),
    ];
    if let Some((_, Some(r))) = per_use.iter().find(|(k, _)| *k == kind) {
        let mut r = r.clone();
        r.year = r.year.or(Some(year));
        r.exclude_terminals |= exclude;
        let uses = r.uses.unwrap_or(crate::defaults::SERVICE_USES);
        return Ok((r.evaluate(ds, kind).map_err(err)?.footprint, uses));
    }
    if let Some(t) = &s.three_tier {
        let mut t = t.clone();
        t.year = t.year.or(Some(year));
        t.exclude_terminals |= exclude;
        let uses = t.uses.unwrap_or(crate::defaults::SERVICE_USES);
        return Ok((t.evaluate(ds).map_err(err)?, uses));
    }
    if let Some(t) = &s.transfer {
        let uses = t.uses.unwrap_or(crate::defaults::SERVICE_USES);
        return Ok((t.evaluate(ds).map_err(err)?, uses));
    }
    let page = s.website.clone().unwrap_or_default();
    let views = s.page_views.unwrap_or(crate::defaults::SERVICE_USES);
    if !(views.is_finite() && views >= 0.0) {
        return Err(err(crate::services::ServiceError::InvalidNumber {
            field: "page_views",
            value: views,
            expected: "a number of page views >= 0".into(),
        }));
    }
    let mut page = page;
    page.exclude_terminals |= exclude;
    let (_, fp) = page.evaluate().map_err(err)?;
    Ok((fp.times(views), views))
}

fn department_table<'a>(
    departments: &'a mut Vec<(Option<String>, ImpactTable)>,
    indicators: &[Indicator],
    department: &Option<String>,
) -> &'a mut ImpactTable {
    let i = match departments.iter().position(|(d, _)| d == department) {
        Some(i) => i,
        None => {
            departments.push((department.clone(), ImpactTable::new(indicators)));
            departments.len() - 1
        }
    };
    &mut departments[i].1
}

/// Adds hosting and services to the fleet's departments (new departments after the fleet's,
/// in the order of the description).
fn merge_departments(
    groups: &mut Vec<GroupFootprint>,
    departments: Vec<(Option<String>, ImpactTable)>,
    indicators: &[Indicator],
    scopes: Scopes,
) {
    for (name, table) in departments {
        let i = match groups.iter().position(|g| g.key == name) {
            Some(i) => i,
            None => {
                groups.push(GroupFootprint::new(name, indicators));
                groups.len() - 1
            }
        };
        groups[i].impacts.add_table(&table);
        groups[i].impacts.apply_scopes(scopes);
    }
}
