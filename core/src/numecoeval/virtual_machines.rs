//! Virtual machines and applications: shares of the physical equipment they run on, as
//! NumEcoEval allocates them (G4IT's methodology, "Virtual equipment" and "Application"):
//! a machine's share is `cleRepartition` when given, else its vCPU over the vCPU of its host's
//! compute machines (its storage over the storage machines' for a storage machine), else (some
//! machine without a key gives no size) one over the number of machines of the host; an application sums its machines, a machine shared
//! by several applications divided between them. Breakdowns of the hosts' figures: nothing
//! here is added to the totals.

use super::rows::{ApplicationRow, VirtualRow, VmKind};
use super::sheet::{column_error, Sheet};
use super::FileKind;
use crate::fleet::LineFootprint;
use crate::indicator::Indicator;
use crate::inventory::RowError;
use crate::report::numecoeval::{ApplicationResult, ShareRule, VirtualMachineResult};
use crate::report::ImpactTable;
use std::collections::HashMap;

/// Distinct unknown hosts a "did you mean" is looked for.
const SUGGESTED_HOSTS: usize = 100;

/// A physical equipment as its virtual machines see it.
#[derive(Debug)]
pub(super) enum Host {
    /// Evaluated: its footprint.
    Evaluated(Box<HostFootprint>),
    /// Rejected, at this file and line.
    Rejected { file: String, line: u64 },
    /// Several equipment have this name.
    Ambiguous,
}

/// The footprint of a host line, and its entity.
#[derive(Debug)]
pub(super) struct HostFootprint {
    pub footprint: LineFootprint,
    pub entity: Option<String>,
}

/// A row of a file, read.
#[derive(Debug)]
pub(super) struct Read<T> {
    pub sheet: usize,
    pub line: u64,
    pub row: Result<T, RowError>,
}

/// Every virtual machine and application row, read.
pub(super) fn read(sheets: &[Sheet]) -> (Vec<Read<VirtualRow>>, Vec<Read<ApplicationRow>>) {
    let (mut vms, mut apps) = (Vec::new(), Vec::new());
    for (k, sheet) in sheets.iter().enumerate() {
        for (line, record) in &sheet.rows {
            let cells = sheet.row(record);
            match sheet.kind {
                FileKind::VirtualEquipment => vms.push(Read {
                    sheet: k,
                    line: *line,
                    row: VirtualRow::read(&cells),
                }),
                FileKind::Application => apps.push(Read {
                    sheet: k,
                    line: *line,
                    row: ApplicationRow::read(&cells),
                }),
                _ => {}
            }
        }
    }
    (vms, apps)
}

/// What the allocation gave.
#[derive(Debug, Default)]
pub(super) struct Shared {
    /// Each row's outcome (file position, line), machines first.
    pub outcomes: Vec<(usize, u64, Result<(), RowError>)>,
    /// What a reader must know: equal shares, shares above the whole host.
    pub warnings: Vec<(usize, Option<u64>, String)>,
    /// Each machine, in the order of the files.
    pub machines: Vec<VirtualMachineResult>,
    /// Each application and environment, in order of first appearance.
    pub applications: Vec<ApplicationResult>,
}

fn kwh(fp: &LineFootprint, share: f64) -> f64 {
    if fp.electricity_kwh.is_finite() {
        fp.electricity_kwh * share
    } else {
        0.0
    }
}

/// Shares of the hosts: every machine and application row accepted or rejected with why.
pub(super) fn allocate(
    vms: &[Read<VirtualRow>],
    apps: &[Read<ApplicationRow>],
    hosts: &HashMap<String, Host>,
    known: &[&str],
    indicators: &[Indicator],
) -> Shared {
    let mut out = Shared::default();
    let mut names = crate::names::NameIndex::new();
    for (i, n) in known.iter().enumerate() {
        names.insert(n, i);
    }
    // "Did you mean": each unknown host is compared with every equipment's name, so only the
    // first distinct ones are (a file of misnamed hosts stays linear).
    let suggestions: std::cell::RefCell<HashMap<String, String>> = Default::default();
    let suggest = |host: &str| -> String {
        let mut cache = suggestions.borrow_mut();
        if let Some(s) = cache.get(host) {
            return s.clone();
        }
        let s = if cache.len() < SUGGESTED_HOSTS {
            names
                .suggest(host)
                .map(|(_, i)| format!(" (did you mean {}?)", known[i]))
                .unwrap_or_default()
        } else {
            String::new()
        };
        cache.insert(host.to_string(), s.clone());
        s
    };
    let host_error = |host: &str| -> RowError {
        match hosts.get(host) {
            Some(Host::Rejected { file, line }) => column_error(
                "nomEquipementPhysique",
                "numecoeval_rejected_host",
                format!("its host {host:?} was rejected ({file}, line {line})"),
            ),
            Some(Host::Ambiguous) => column_error(
                "nomEquipementPhysique",
                "numecoeval_ambiguous_host",
                format!("several physical equipment are named {host:?}; name each one once"),
            ),
            _ => column_error(
                "nomEquipementPhysique",
                "numecoeval_unknown_host",
                format!(
                    "host {host:?} is not an equipment of the EquipementPhysique file{}",
                    if known.is_empty() {
                        " (there is no physical equipment)".to_string()
                    } else {
                        suggest(host)
                    }
                ),
            ),
        }
    };
    let host_of = |name: &str| match hosts.get(name) {
        Some(Host::Evaluated(h)) => Some(h.as_ref()),
        _ => None,
    };

    // Machines, by host.
    let mut by_host: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut host_index: HashMap<&str, usize> = HashMap::new();
    let mut vm_outcome: Vec<Option<RowError>> = Vec::with_capacity(vms.len());
    for (i, vm) in vms.iter().enumerate() {
        let error = match &vm.row {
            Err(e) => Some(e.clone()),
            Ok(r) if host_of(&r.host).is_none() => Some(host_error(&r.host)),
            Ok(r) => {
                let h = *host_index.entry(r.host.as_str()).or_insert_with(|| {
                    by_host.push((r.host.as_str(), Vec::new()));
                    by_host.len() - 1
                });
                by_host[h].1.push(i);
                None
            }
        };
        vm_outcome.push(error);
    }
    let mut shares: Vec<Option<(f64, ShareRule)>> = vec![None; vms.len()];
    for (host, members) in &by_host {
        let rows: Vec<(usize, &VirtualRow)> = members
            .iter()
            .filter_map(|i| vms[*i].row.as_ref().ok().map(|r| (*i, r)))
            .collect();
        // The host's vCPU (storage): every machine of the kind without a cleRepartition gives
        // its own; a machine with one counts when it gives its size too.
        let total = |kind: VmKind, size: fn(&VirtualRow) -> Option<f64>| {
            let of_kind = || rows.iter().filter(|(_, r)| r.kind == kind).map(|(_, r)| r);
            let sized = |r: &VirtualRow| size(r).filter(|s| *s > 0.0);
            of_kind()
                .all(|r| r.key.is_some() || sized(r).is_some())
                .then(|| of_kind().filter_map(|r| sized(r)).sum::<f64>())
                .filter(|t| *t > 0.0)
        };
        let vcpu = total(VmKind::Compute, |r| r.vcpu);
        let storage = total(VmKind::Storage, |r| r.storage_tb);
        let n = rows.len() as f64;
        let mut sum = 0.0;
        let mut equal = false;
        for (i, r) in &rows {
            let by_size = match r.kind {
                VmKind::Compute => vcpu.zip(r.vcpu).map(|(t, v)| (v / t, ShareRule::Vcpu)),
                VmKind::Storage => storage
                    .zip(r.storage_tb)
                    .map(|(t, s)| (s / t, ShareRule::Storage)),
            };
            let share = match r.key {
                Some(k) => (k, ShareRule::Given),
                None => by_size.unwrap_or((1.0 / n, ShareRule::Equal)),
            };
            equal |= share.1 == ShareRule::Equal;
            sum += share.0;
            shares[*i] = Some(share);
        }
        let first = &vms[members[0]];
        if equal {
            out.warnings.push((first.sheet, None, format!(
                "the virtual machines of {host:?} do not all give their vCPU (compute) or capaciteStockage \
                 (storage): those without cleRepartition take equal shares, 1/{} of the host each",
                rows.len()
            )));
        }
        if sum > 1.0 + 1e-9 {
            out.warnings.push((first.sheet, None, format!(
                "the shares of the virtual machines of {host:?} add up to {} (above the whole host): \
                 their results overlap; the host is counted once in the totals",
                crate::decimal::Num(sum)
            )));
        }
    }
    let mut machine_of: Vec<Option<usize>> = vec![None; vms.len()];
    for (i, vm) in vms.iter().enumerate() {
        let outcome = match (&vm.row, vm_outcome[i].take(), shares[i]) {
            (_, Some(e), _) => Err(e),
            (Ok(r), None, Some((share, rule))) => match host_of(&r.host) {
                None => Err(host_error(&r.host)),
                Some(h) => {
                    let mut impacts = ImpactTable::new(indicators);
                    impacts.add_line_share(&h.footprint, share);
                    machine_of[i] = Some(out.machines.len());
                    out.machines.push(VirtualMachineResult {
                        name: r.name.clone(),
                        host: r.host.clone(),
                        cluster: r.cluster.clone(),
                        entity: r.entity.clone().or_else(|| h.entity.clone()),
                        kind: r.kind.id(),
                        share,
                        share_rule: rule,
                        electricity_kwh: kwh(&h.footprint, share),
                        impacts,
                    });
                    Ok(())
                }
            },
            (Ok(r), None, _) => Err(host_error(&r.host)),
            (Err(e), None, _) => Err(e.clone()),
        };
        out.outcomes.push((vm.sheet, vm.line, outcome));
    }

    // Applications: on a machine (divided between its applications) or on a host directly.
    enum Target {
        Machine(usize),
        Host(String),
    }
    let mut targets: Vec<Result<Target, RowError>> = Vec::with_capacity(apps.len());
    let mut per_target: HashMap<String, f64> = HashMap::new();
    let target_key = |t: &Target| match t {
        Target::Machine(m) => format!("m{m}"),
        Target::Host(h) => format!("h{h}"),
    };
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, vm) in vms.iter().enumerate() {
        if let Ok(v) = &vm.row {
            by_name.entry(v.name.as_str()).or_default().push(i);
        }
    }
    for app in apps {
        let target = app.row.clone().and_then(|r| match (&r.vm, &r.host) {
            (Some(vm), host) => {
                let found: Vec<usize> = by_name
                    .get(vm.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|i| {
                        vms[*i]
                            .row
                            .as_ref()
                            .is_ok_and(|v| host.as_ref().is_none_or(|h| *h == v.host))
                    })
                    .collect();
                match found.as_slice() {
                    [] => Err(column_error(
                        "nomEquipementVirtuel",
                        "numecoeval_unknown_virtual_machine",
                        format!(
                            "virtual machine {vm:?}{} is not in an EquipementVirtuel file",
                            host.as_ref()
                                .map(|h| format!(" on {h:?}"))
                                .unwrap_or_default()
                        ),
                    )),
                    [one] => match machine_of[*one] {
                        Some(m) => Ok(Target::Machine(m)),
                        None => Err(column_error(
                            "nomEquipementVirtuel",
                            "numecoeval_rejected_virtual_machine",
                            format!(
                                "virtual machine {vm:?} was rejected (line {})",
                                vms[*one].line
                            ),
                        )),
                    },
                    _ => Err(column_error(
                        "nomEquipementVirtuel",
                        "numecoeval_ambiguous_virtual_machine",
                        format!(
                            "several virtual machines are named {vm:?}; name the host \
                             (nomEquipementPhysique) of this one"
                        ),
                    )),
                }
            }
            (None, Some(h)) => match host_of(h) {
                Some(_) => Ok(Target::Host(h.clone())),
                None => Err(host_error(h)),
            },
            (None, None) => Err(column_error(
                "nomEquipementVirtuel",
                "missing_value",
                "a virtual machine or a host is required".into(),
            )),
        });
        if let Ok(t) = &target {
            *per_target.entry(target_key(t)).or_insert(0.0) += 1.0;
        }
        targets.push(target);
    }
    let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
    for (app, target) in apps.iter().zip(targets) {
        let (r, t) = match (&app.row, target) {
            (Ok(r), Ok(t)) => (r, t),
            (_, Err(e)) => {
                out.outcomes.push((app.sheet, app.line, Err(e)));
                continue;
            }
            (Err(e), _) => {
                out.outcomes.push((app.sheet, app.line, Err(e.clone())));
                continue;
            }
        };
        let n = per_target.get(&target_key(&t)).copied().unwrap_or(1.0);
        let (host, share) = match &t {
            Target::Machine(m) => (out.machines[*m].host.as_str(), out.machines[*m].share / n),
            Target::Host(h) => (h.as_str(), 1.0 / n),
        };
        let Some(fp) = host_of(host).map(|h| &h.footprint) else {
            out.outcomes
                .push((app.sheet, app.line, Err(host_error(host))));
            continue;
        };
        let key = (r.name.clone(), r.environment.clone());
        let a = *index.entry(key).or_insert_with(|| {
            out.applications.push(ApplicationResult {
                name: r.name.clone(),
                environment: r.environment.clone(),
                domain: r.domain.clone(),
                sub_domain: r.sub_domain.clone(),
                entity: r.entity.clone(),
                rows: 0,
                electricity_kwh: 0.0,
                impacts: ImpactTable::new(indicators),
            });
            out.applications.len() - 1
        });
        let a = &mut out.applications[a];
        a.rows += 1;
        a.electricity_kwh += kwh(fp, share);
        a.impacts.add_line_share(fp, share);
        out.outcomes.push((app.sheet, app.line, Ok(())));
    }
    out
}
