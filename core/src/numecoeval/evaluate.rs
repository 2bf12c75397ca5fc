//! A NumEcoEval inventory evaluated as an estate: its physical equipment through the fleet
//! model (`Evaluation`), its e-mails as the estate's e-mail service, closed by the estate's
//! `finish_estate` (scopes, departments, per capita, Monte Carlo); virtual machines and
//! applications as shares of their hosts (`virtual_machines.rs`).

use super::groups::{entity_results, Centres, Equipment};
use super::rows::{DataCentreRow, EntityRow, EquipmentRow, MessagingRow, Status};
use super::sheet::{column_error, Date, Sheet};
use super::virtual_machines::{self, Host, HostFootprint};
use super::{FileKind, WithLines};
use crate::dataset::{CategoryRef, Dataset};
use crate::estate::{
    estate_options, finish_estate, Estate, EstateError, FleetPart, ServiceEntry, SourceResult,
    SourcedRejection, Users,
};
use crate::evaluate::Evaluation;
use crate::inventory::{EquipmentLine, Field, RejectedRow, RowError, Warning};
use crate::options::EvaluationOptions;
use crate::report::{ImpactTable, Report};
use std::collections::HashMap;
use uom::si::energy::kilowatt_hour;
use uom::si::f64::{Energy, Time};
use uom::si::time::year;

/// Evaluates a NumEcoEval / G4IT inventory: its files by name, in any order (the kind of each
/// is told by its header; a kind may come in several files). A `.csv` file that is not one of
/// NumEcoEval's is an error; other files are left out with a warning.
pub fn evaluate_numecoeval(
    ds: &Dataset,
    files: &[(String, Vec<u8>)],
    options: &EvaluationOptions,
) -> Result<Report, EstateError> {
    evaluate_numecoeval_with(ds, files, options).map(|(r, _, _)| r)
}

/// [`evaluate_numecoeval`], with the physical equipment's lines as evaluated and the estate the
/// inventory makes (its e-mail services), for the review's levers and trajectory.
pub fn evaluate_numecoeval_with(
    ds: &Dataset,
    files: &[(String, Vec<u8>)],
    options: &EvaluationOptions,
) -> Result<WithLines, EstateError> {
    let mut sheets = Vec::new();
    let mut left_out = Vec::new();
    for (name, bytes) in files {
        match Sheet::read(name, bytes)? {
            Some(s) => sheets.push(s),
            None if name.to_ascii_lowercase().ends_with(".csv") => {
                return Err(EstateError::Format {
                    file: name.clone(),
                    line: Some(1),
                    field: None,
                    code: "numecoeval_unknown_file",
                    message:
                        "its header names none of NumEcoEval's files; expected the columns of \
                              DataCenter (nomCourtDatacenter), EquipementPhysique \
                              (nomEquipementPhysique), EquipementVirtuel (nomEquipementVirtuel), \
                              Application (nomApplication), Messagerie (nombreMailEmis) or Entite \
                              (nbCollaborateurs)"
                            .into(),
                });
            }
            None => left_out.push(name.clone()),
        }
    }
    if sheets.is_empty() {
        return Err(EstateError::Format {
            file: files.first().map(|(n, _)| n.clone()).unwrap_or_default(),
            line: None,
            field: None,
            code: "numecoeval_no_file",
            message: "no NumEcoEval file among the files given (DataCenter, EquipementPhysique, \
                      EquipementVirtuel, Application, Messagerie, Entite)"
                .into(),
        });
    }
    crate::sort::sort_by_key(&mut sheets, |s| s.kind);
    Reader::new(ds, &sheets, options)?.run(&left_out)
}

/// A row's outcome before the evaluation exists (the entities give its per-agent options).
type Pending = (usize, u64, Result<(), RowError>);

struct Reader<'d, 's> {
    ds: &'d Dataset,
    sheets: &'s [Sheet],
    ev: Evaluation<'d>,
    options: EvaluationOptions,
    estate: Estate,
    sources: Vec<SourceResult>,
    indicators: Vec<crate::Indicator>,
    entities: Vec<(String, f64)>,
    categories: HashMap<(String, Option<String>), Option<CategoryRef>>,
    notes: Vec<String>,
}

impl<'d, 's> Reader<'d, 's> {
    fn new(
        ds: &'d Dataset,
        sheets: &'s [Sheet],
        options: &EvaluationOptions,
    ) -> Result<Reader<'d, 's>, EstateError> {
        // The entities first: their agents are the per-agent denominator.
        let mut entities: Vec<(String, f64)> = Vec::new();
        let mut named = std::collections::HashSet::new();
        let mut pending: Vec<Pending> = Vec::new();
        for (k, sheet) in sheets.iter().enumerate() {
            if sheet.kind != FileKind::Entity {
                continue;
            }
            for (line, record) in &sheet.rows {
                let outcome = EntityRow::read(&sheet.row(record)).and_then(|e| {
                    if !named.insert(e.name.clone()) {
                        return Err(column_error(
                            "nomEntite",
                            "numecoeval_duplicate",
                            format!("entity {:?} is given twice; give each entity once", e.name),
                        ));
                    }
                    entities.push((e.name, e.agents));
                    Ok(())
                });
                pending.push((k, *line, outcome));
            }
        }
        let agents: f64 = entities.iter().map(|(_, a)| a).sum();
        let mut estate = Estate::default();
        estate.commune.agents = (agents > 0.0).then_some(agents);
        let options = estate_options(&estate, options);
        let mut ev = Evaluation::new(ds, options.clone()).map_err(|e| EstateError::Invalid {
            path: "options".into(),
            message: e.to_string(),
        })?;
        // Data centres, equipment types, entities and hosts group the lines' own footprints.
        ev.compute_footprints();
        let mut reader = Reader {
            ds,
            sheets,
            ev,
            options,
            estate,
            sources: sheets
                .iter()
                .map(|s| SourceResult {
                    path: s.file.clone(),
                    kind: s.kind.id(),
                    rows_read: 0,
                    rows_evaluated: 0,
                    rows_rejected: 0,
                    rejected: Vec::new(),
                })
                .collect(),
            indicators: ds.indicators().to_vec(),
            entities,
            categories: HashMap::new(),
            notes: Vec::new(),
        };
        for (k, line, outcome) in pending {
            reader.outcome(k, line, outcome);
        }
        Ok(reader)
    }

    /// Counts a row of another file than the equipment: accepted, or rejected with its file.
    fn outcome(&mut self, sheet: usize, line: u64, outcome: Result<(), RowError>) {
        match outcome {
            Ok(()) => {
                self.ev.count_row();
                self.sources[sheet].rows_read += 1;
                self.sources[sheet].rows_evaluated += 1;
            }
            Err(error) => {
                let row = RejectedRow { line, error };
                self.ev.reject(row.clone());
                self.rejected(sheet, row);
            }
        }
    }

    fn rejected(&mut self, sheet: usize, row: RejectedRow) {
        let src = &mut self.sources[sheet];
        src.rows_read += 1;
        src.rows_rejected += 1;
        src.rejected.push(SourcedRejection {
            file: src.path.clone(),
            row,
        });
    }

    fn warn(&mut self, sheet: usize, line: Option<u64>, code: &'static str, message: String) {
        let file = &self.sheets[sheet].file;
        self.ev.warn(Warning {
            line,
            field: None,
            code,
            message: match line {
                Some(l) => format!("{file}, line {l}: {message}"),
                None => format!("{file}: {message}"),
            },
        });
    }

    /// The files of one kind, with their positions.
    fn sheets_of(&self, kind: FileKind) -> Vec<(usize, &'s Sheet)> {
        let sheets: &'s [Sheet] = self.sheets;
        sheets
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == kind)
            .collect()
    }

    fn run(mut self, left_out: &[String]) -> Result<WithLines, EstateError> {
        for sheet in self.sheets {
            if let Some(w) = sheet.ignored_warning() {
                self.ev.warn(w);
            }
            self.ev.add_blank_rows(sheet.blank_rows);
        }
        for name in left_out {
            self.ev.warn(Warning {
                line: None,
                field: None,
                code: "numecoeval_file_left_out",
                message: format!("{name}: not a CSV file; left out"),
            });
        }
        let centres = self.data_centres();
        let (vms, apps) = virtual_machines::read(self.sheets);
        let referenced: std::collections::HashSet<&str> = vms
            .iter()
            .filter_map(|v| v.row.as_ref().ok().map(|r| r.host.as_str()))
            .chain(
                apps.iter()
                    .filter_map(|a| a.row.as_ref().ok().and_then(|r| r.host.as_deref())),
            )
            .collect();
        let mut equipment = Equipment::new(&self.indicators, &centres.rows);
        let mut hosts: HashMap<String, Host> = HashMap::new();
        let mut lines = Vec::new();
        for (k, sheet) in self.sheets_of(FileKind::PhysicalEquipment) {
            for (line_no, record) in &sheet.rows {
                let cells = sheet.row(record);
                let named = cells.text("nomEquipementPhysique").ok().flatten();
                let at = (k, *line_no, named);
                let row = EquipmentRow::read(&cells);
                let built = row.and_then(|row| {
                    let (line, dc) = self.equipment_line(&row, &centres)?;
                    Ok((row, line, dc))
                });
                let (row, line, dc) = match built {
                    Ok(b) => b,
                    Err(error) => {
                        self.reject_equipment(at, error, &mut hosts, false);
                        continue;
                    }
                };
                if row.status == Status::Unknown {
                    let written = row.status_written.clone().unwrap_or_default();
                    self.warn(k, Some(*line_no), "numecoeval_unknown_status", format!(
                        "statut {written:?} read as in use (known: In use, Not used, Retired, En stock)"
                    ));
                }
                if self.ev.add(*line_no, &line).is_err() {
                    let error = relabel(self.ev_last_error(), dc.is_some());
                    self.ev.relabel_last_rejected(|_| error.clone());
                    self.reject_equipment(at, error, &mut hosts, true);
                    continue;
                }
                self.sources[k].rows_read += 1;
                self.sources[k].rows_evaluated += 1;
                lines.push((*line_no, line));
                let fp = self.ev.last_footprint();
                let hosting = dc.is_some() || self.ds.category(fp.category).room.is_some();
                equipment.add(fp, &row, dc, hosting, self.options.reporting_year);
                if referenced.contains(row.name.as_str()) {
                    let host = Host::Evaluated(Box::new(HostFootprint {
                        footprint: fp.clone(),
                        entity: row.entity.clone(),
                    }));
                    if hosts.insert(row.name.clone(), host).is_some() {
                        hosts.insert(row.name.clone(), Host::Ambiguous);
                    }
                }
                if let Some(first) = equipment.names.insert(row.name.clone(), *line_no) {
                    hosts
                        .entry(row.name.clone())
                        .and_modify(|h| *h = Host::Ambiguous);
                    self.warn(k, Some(*line_no), "numecoeval_duplicate_name", format!(
                        "a second equipment named {:?} (the first at line {first}): both are evaluated; \
                         a virtual machine cannot name it as its host",
                        row.name
                    ));
                }
            }
        }
        let has_fleet = !lines.is_empty();
        // Virtual machines and applications: shares of their hosts.
        let known_hosts: Vec<&str> = equipment.names.keys().map(String::as_str).collect();
        let shared =
            virtual_machines::allocate(&vms, &apps, &hosts, &known_hosts, &self.indicators);
        for (sheet, line, outcome) in shared.outcomes {
            self.outcome(sheet, line, outcome);
        }
        for (sheet, line, message) in shared.warnings {
            self.warn(sheet, line, "numecoeval_shares", message);
        }
        if !shared.machines.is_empty() {
            self.notes.push(
                "Machines virtuelles et applications : des parts de leurs hôtes (cleRepartition, \
                 sinon vCPU, stockage pour les machines de stockage), non ajoutées aux totaux."
                    .into(),
            );
        }
        self.messaging(has_fleet);
        self.notes
            .splice(0..0, equipment.notes(self.options.reporting_year));
        let scopes = std::mem::replace(
            &mut equipment.scopes,
            [
                (ImpactTable::new(&self.indicators), 0),
                (ImpactTable::new(&self.indicators), 0),
            ],
        );
        let fleet = FleetPart {
            sources: self.sources,
            scopes: Some(scopes),
            notes: self.notes,
            has_fleet,
            servers_room: None,
        };
        let mut report = finish_estate(self.ds, None, &self.estate, self.ev, self.options, fleet)?;
        let entities = entity_results(&report, &self.entities);
        if let Some(e) = report.estate.as_mut() {
            e.numecoeval = Some(Box::new(crate::report::numecoeval::NumEcoEvalSection {
                data_centres: equipment.centres,
                equipment_types: equipment.types,
                entities,
                virtual_machines: shared.machines,
                applications: shared.applications,
            }));
        }
        Ok((report, lines, self.estate))
    }

    fn ev_last_error(&self) -> RowError {
        self.ev
            .rejected()
            .last()
            .map(|r| r.error.clone())
            .unwrap_or(RowError::Missing {
                field: Field::Category,
            })
    }

    /// A rejected equipment row (`recorded`: the evaluation has it already); a host of virtual
    /// machines is marked rejected for them.
    fn reject_equipment(
        &mut self,
        (sheet, line, name): (usize, u64, Option<String>),
        error: RowError,
        hosts: &mut HashMap<String, Host>,
        recorded: bool,
    ) {
        let row = RejectedRow { line, error };
        if !recorded {
            self.ev.reject(row.clone());
        }
        if let Some(n) = name {
            hosts.entry(n).or_insert(Host::Rejected {
                file: self.sheets[sheet].file.clone(),
                line,
            });
        }
        self.rejected(sheet, row);
    }

    /// The data centres, by short name: accepted rows, and the lines of rejected ones.
    fn data_centres(&mut self) -> Centres {
        let mut centres = Centres::default();
        let sheets = self.sheets_of(FileKind::DataCentre);
        for (k, sheet) in sheets {
            for (line, record) in &sheet.rows {
                let outcome = DataCentreRow::read(&sheet.row(record)).and_then(|dc| {
                    if centres.index.contains_key(&dc.name) {
                        return Err(column_error(
                            "nomCourtDatacenter",
                            "numecoeval_duplicate",
                            format!("data centre {:?} is declared twice; declare it once", dc.name),
                        ));
                    }
                    if self.ds.find_zone(&dc.location).is_none() {
                        return Err(column_error(
                            "localisation",
                            "unknown_country",
                            format!(
                                "unknown country or zone {:?}{}; use a country name or ISO code (France, FR)",
                                dc.location,
                                self.ds
                                    .suggest_zone(&dc.location)
                                    .map(|s| format!(" (did you mean {s}?)"))
                                    .unwrap_or_default()
                            ),
                        ));
                    }
                    centres.index.insert(dc.name.clone(), Ok(centres.rows.len()));
                    centres.rows.push(dc);
                    Ok(())
                });
                if let Err(e) = &outcome {
                    if let Some(name) = sheet.row(record).text("nomCourtDatacenter").ok().flatten()
                    {
                        centres.index.entry(name).or_insert(Err((
                            sheet.file.clone(),
                            *line,
                            e.to_string(),
                        )));
                    }
                }
                self.outcome(k, *line, outcome);
            }
        }
        centres
    }

    /// The fleet line of an equipment row: where it runs, its lifespan from its dates, its use
    /// over the part of the reporting year it is in service.
    fn equipment_line(
        &mut self,
        row: &EquipmentRow,
        centres: &Centres,
    ) -> Result<(EquipmentLine, Option<usize>), RowError> {
        let year_now = self.options.reporting_year;
        let (country, pue, dc) = match &row.data_centre {
            None => (row.country.clone(), None, None),
            Some(name) => match centres.index.get(name) {
                Some(Ok(i)) => {
                    let c = &centres.rows[*i];
                    (Some(c.location.clone()), c.pue, Some(*i))
                }
                Some(Err((file, line, why))) => {
                    return Err(column_error(
                        "nomCourtDatacenter",
                        "numecoeval_rejected_data_centre",
                        format!("data centre {name:?} was rejected ({file}, line {line}: {why})"),
                    ))
                }
                None => return Err(centres.unknown(name)),
            },
        };
        // A model the dataset names as one of its own items (a référentiel's matching table)
        // decides, as NumEcoEval's matching does; otherwise the type, read with the model.
        let category = match &row.model {
            Some(m) if self.ds.find_category_name(m).is_some() => m.clone(),
            _ => row.kind.clone(),
        };
        let mut line = EquipmentLine::new(category, row.quantity);
        line.model = row.model.clone();
        line.label = Some(row.name.clone());
        line.department = row.entity.clone();
        line.country = country;
        line.pue = pue;
        line.energy_per_year = row.energy_kwh.map(Energy::new::<kilowatt_hour>);
        line.acquisition_year = row.purchase.map(|d| d.year);
        let lifespan = match (row.purchase, row.retirement) {
            (Some(p), Some(r)) => {
                Some(((r.days() - p.days()) as f64 / crate::defaults::DAYS_PER_YEAR).max(1.0))
            }
            _ => None,
        };
        let new_year = Date::new_year(year_now).days();
        let retired_before = row.retirement.is_some_and(|r| r.days() < new_year);
        let in_service = match row.retirement {
            Some(_) if retired_before => 0.0,
            Some(r) if r.year == year_now => {
                (r.days() - new_year) as f64 / Date::year_days(year_now) as f64
            }
            _ => 1.0,
        };
        line.lifetime = lifespan.map(Time::new::<year>);
        if retired_before {
            // Retired before the year: its period is over, whatever the dates say to the day.
            let retired = row.retirement.map_or(year_now, |r| r.year);
            let bought = row.purchase.map_or(retired, |p| p.year);
            let age = f64::from(year_now - bought).min(crate::fleet::MAX_YEARS);
            line.acquisition_year = Some(bought);
            line.lifetime = Some(Time::new::<year>(lifespan.map_or(age, |l| l.min(age))));
        }
        // `statut` is the state when the inventory was made: with a retirement date, the dates
        // say when the device was in use; without one, a device not used draws nothing.
        let used = if row.status == Status::NotUsed && row.retirement.is_none() {
            0.0
        } else {
            in_service
        };
        if used < 1.0 {
            match line.energy_per_year {
                Some(e) => line.energy_per_year = Some(e * used),
                None => {
                    let days = self
                        .category_of(&line)
                        .map(|c| self.ds.category(c).days_per_year)
                        .filter(|d| d.is_finite());
                    line.days_per_year = days.map(|d| d * used);
                }
            }
        }
        Ok((line, dc))
    }

    fn category_of(&mut self, line: &EquipmentLine) -> Option<CategoryRef> {
        let ds = self.ds;
        *self
            .categories
            .entry((line.category.clone(), line.model.clone()))
            .or_insert_with(|| {
                ds.classify(&line.category, line.model.as_deref())
                    .ok()
                    .map(|c| c.category)
            })
    }

    /// Messagerie: the e-mails of the reporting year, one service entry per entity.
    fn messaging(&mut self, has_fleet: bool) {
        let year_now = self.options.reporting_year;
        // Per entity: the rows, and the sums.
        // Per entity: its rows (file, line), and the sums (sent, sent × recipients, MB).
        type Rows = Vec<(usize, u64)>;
        let mut entities: Vec<(Option<String>, Rows, [f64; 3])> = Vec::new();
        let mut index: HashMap<Option<String>, usize> = HashMap::new();
        let sheets = self.sheets_of(FileKind::Messaging);
        for (k, sheet) in sheets {
            for (line, record) in &sheet.rows {
                let m = match MessagingRow::read(&sheet.row(record)) {
                    Ok(m) => m,
                    Err(e) => {
                        self.outcome(k, *line, Err(e));
                        continue;
                    }
                };
                if m.year != year_now {
                    self.warn(
                        k,
                        Some(*line),
                        "numecoeval_other_year",
                        format!(
                            "e-mails of {}: not in the reporting year {year_now}, not counted",
                            m.year
                        ),
                    );
                    self.outcome(k, *line, Ok(()));
                    continue;
                }
                let i = *index.entry(m.entity.clone()).or_insert_with(|| {
                    entities.push((m.entity.clone(), Vec::new(), [0.0; 3]));
                    entities.len() - 1
                });
                let e = &mut entities[i];
                e.1.push((k, *line));
                e.2[0] += m.sent;
                e.2[1] += m.sent_times_recipients;
                e.2[2] += m.volume_mb;
            }
        }
        for (entity, rows, [sent, times, volume]) in entities {
            let request = (sent > 0.0).then(|| crate::services::PerUseRequest {
                uses: Some(sent),
                size_mb: Some(volume / sent),
                recipients: Some(times / sent),
                year: Some(year_now),
                exclude_terminals: has_fleet,
                ..Default::default()
            });
            // Checked here, so that a refusal is the rows' (with their lines), not the estate's.
            let checked = match &request {
                Some(r) => r.evaluate(self.ds, "email").map(|_| ()).map_err(|e| {
                    let column = match e.field() {
                        Some("size_mb") => "volumeTotalMailEmis",
                        Some("recipients") => "nombreMailEmisXDestinataires",
                        _ => "nombreMailEmis",
                    };
                    column_error(
                        column,
                        e.code(),
                        format!("the e-mail service refuses these e-mails: {e}"),
                    )
                }),
                None => Ok(()),
            };
            for (k, line) in rows {
                self.outcome(k, line, checked.clone());
            }
            if let (Some(email), Ok(())) = (request, checked) {
                self.estate.services.push(ServiceEntry {
                    name: Some(match &entity {
                        Some(e) => format!("Messagerie — {e}"),
                        None => "Messagerie".to_string(),
                    }),
                    department: entity,
                    users: Some(Users::Agents),
                    email: Some(email),
                    ..Default::default()
                });
            }
        }
    }
}

/// An equipment row the fleet model refused, by NumEcoEval's column.
fn relabel(error: RowError, in_data_centre: bool) -> RowError {
    let column = match error.field() {
        Some(Field::Category) => "type",
        Some(Field::Model) => "modele",
        Some(Field::Quantity) => "quantite",
        Some(Field::AcquisitionYear) => "dateAchat",
        Some(Field::LifetimeYears) => "dateRetrait",
        Some(Field::Country) if in_data_centre => "nomCourtDatacenter",
        Some(Field::Country) => "paysDUtilisation",
        Some(Field::EnergyKwhPerYear) => "consoElecAnnuelle",
        Some(Field::Pue) => "nomCourtDatacenter",
        Some(Field::Department) => "nomEntite",
        Some(Field::Label) => "nomEquipementPhysique",
        _ => return error,
    };
    let text = error.to_string();
    let prefix = format!("{}: ", error.field().map_or("", Field::name));
    let message = text.strip_prefix(&prefix).unwrap_or(&text).to_string();
    let message = match &error {
        RowError::AcquisitionInFuture {
            year: bought,
            reporting_year,
        } => format!(
            "bought in {bought}, after the reporting year {reporting_year}: not in service yet"
        ),
        RowError::OutOfRange { .. } if column == "dateRetrait" => {
            format!("the lifespan from dateAchat to dateRetrait is out of range: {message}")
        }
        _ => message,
    };
    RowError::Column {
        column: column.to_string(),
        code: error.code(),
        message,
    }
}
