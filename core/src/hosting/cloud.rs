//! Cloud instances: the host platform's impacts allocated to the instance.
//!
//! Embodied: memory by memory share, SSD and HDD by storage share, every other component by vCPU
//! share (vCPU / (threads × CPUs)), over the platform's lifetime. Power: the platform's CPU power ×
//! vCPU share plus its memory power × memory share (DIMMs of the typical size of the CPU family's
//! memory generation), × (1 + other components' share), plus the drives by storage share
//! (BoaviztAPI 2.5.0).

use super::components::{components, cpu_power, drive_power, ram_power};
use super::server::resolve_archetype;
use super::spec::{DiskKind, ServerConfig};
use super::*;

/// A cloud instance by provider, type and region.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudInstanceSpec {
    /// `aws`, `azure`, `gcp`, `ovhcloud`, `scaleway` in the boavizta-2.5 dataset.
    pub provider: String,
    /// Instance type as the provider names it (`m6g.xlarge`, `b3-8`, `DEV1-S`).
    pub instance_type: String,
    /// Provider region (`eu-west-3`, `fr-par`); sets the electricity zone. `None`: the usage's location.
    pub region: Option<String>,
}

fn canonical(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("standard_").unwrap_or(&s).to_string();
    s.replace([' ', '_', '-'], "")
}

/// The footprint of a cloud instance over a duration.
pub fn cloud_footprint(
    ds: &Dataset,
    spec: &CloudInstanceSpec,
    usage: &HostingUsage,
) -> Result<HostingFootprint, HostingError> {
    let h = tables(ds, "cloud instances")?;
    if !h.present[8] {
        return Err(HostingError::MissingTable {
            dataset: ds.id().into(),
            table: "hosting_cloud_instances.csv".into(),
            needed_for: "cloud instances".into(),
        });
    }
    let provider = spec.provider.trim().to_lowercase();
    let Some(by_id) = h.instance_index.get(&provider) else {
        let mut known: Vec<&str> = h.instance_index.keys().map(String::as_str).collect();
        known.sort_unstable();
        return Err(HostingError::UnknownProvider {
            value: spec.provider.clone(),
            known: format!(
                "{} (no public data for Outscale in BoaviztAPI 2.5.0)",
                known.join(", ")
            ),
        });
    };
    let wanted = spec.instance_type.trim().to_lowercase();
    let idx = by_id.get(&wanted).copied().or_else(|| {
        let c = canonical(&wanted);
        let mut hits: Vec<(&String, &usize)> =
            by_id.iter().filter(|(k, _)| canonical(k) == c).collect();
        hits.sort();
        hits.first().map(|(_, i)| **i)
    });
    let Some(idx) = idx else {
        return Err(HostingError::UnknownInstance {
            provider: provider.clone(),
            value: spec.instance_type.clone(),
            suggestion: super::error::closest(&wanted, by_id.keys().map(String::as_str))
                .map(|k| h.instances[by_id[&k]].id.clone()),
        });
    };
    let inst = &h.instances[idx];
    let mut used = vec![format!(
        "hosting_cloud_instances.csv:{}/{}",
        inst.provider, inst.id
    )];
    let mut warnings = Vec::new();
    if inst.gpu_units > 0.0 {
        return Err(HostingError::Unsupported {
            what: format!("instance `{}` with {} GPU(s)", inst.id, inst.gpu_units),
            reason: "GPU embodied impacts are not modelled yet".into(),
        });
    }
    let zone = match &spec.region {
        Some(region) => {
            let key = (provider.clone(), region.trim().to_lowercase());
            let z = h
                .regions
                .get(&key)
                .copied()
                .ok_or_else(|| HostingError::UnknownRegion {
                    provider: provider.clone(),
                    value: region.clone(),
                    suggestion: super::error::closest(
                        &key.1,
                        h.regions
                            .keys()
                            .filter(|(p, _)| *p == provider)
                            .map(|(_, r)| r.as_str()),
                    ),
                })?;
            used.push(format!("hosting_cloud_regions.csv:{provider}/{}", key.1));
            Some(z)
        }
        None => None,
    };
    let d = duration_hours(usage)?;
    let (pue, site) = resolve_pue(ds, usage, "cloud_hyperscale", &mut used)?;
    let (zone, elec) = electricity(ds, usage, zone, &mut used, &mut warnings)?;
    let platform = &h.servers[inst.platform];
    used.push(format!("hosting_servers.csv:{}", platform.id));
    let s = resolve_archetype(
        h,
        platform,
        &ServerConfig::default(),
        usage,
        &mut used,
        &mut warnings,
    )?;
    let threads = s.threads.ok_or_else(|| HostingError::Unsupported {
        what: format!("platform `{}`", platform.id),
        reason: "its CPU threads are unknown, so the vCPU share cannot be computed".into(),
    })?;
    let vcpu_share = inst.vcpu / (threads * s.cpu_units.central);
    let total_memory: f64 = s
        .rams
        .iter()
        .map(|b| b.capacity.central * b.units.central)
        .sum();
    let ram_share = if total_memory > 0.0 {
        inst.memory_gb / total_memory
    } else {
        0.0
    };
    let capacity = |k: DiskKind| -> f64 {
        s.drives
            .iter()
            .filter(|d| d.kind == k)
            .map(|d| d.capacity.central * d.units.central)
            .sum()
    };
    let storage = |k: DiskKind| {
        if k == DiskKind::Ssd {
            inst.ssd_gb
        } else {
            inst.hdd_gb
        }
    };
    let disk_share = |k: DiskKind| {
        let cap = capacity(k);
        if cap > 0.0 {
            storage(k) / cap
        } else {
            0.0
        }
    };
    let share = allocation(d, s.lifetime);

    let power = match measured_power(usage)? {
        Some(p) => Range::exact(p),
        None => {
            let cpu = cpu_power(h, &s, &mut used)?.scale(vcpu_share);
            let memory_type = h
                .memory_types
                .get(&s.family)
                .or_else(|| h.memory_types.get(s.family.split('-').next().unwrap_or("")))
                .map_or("DDR4", String::as_str);
            used.push(format!(
                "hosting_memory_types.csv:{}",
                if s.family.is_empty() { "-" } else { &s.family }
            ));
            let dimm_param = format!("ram_typical_dimm_{}", memory_type.to_lowercase());
            let dimm = h
                .parameter(&dimm_param)
                .map(|p| p.value.central)
                .unwrap_or(32.0);
            used.push(format!("hosting_parameters.csv:{dimm_param}"));
            let mut ram = Range::ZERO;
            for b in &s.rams {
                ram = ram + ram_power(h, b, &s.load, Some(dimm), &mut used)?.scale(ram_share);
            }
            let mut disks = Range::ZERO;
            for dr in &s.drives {
                if capacity(dr.kind) > 0.0 {
                    disks = disks + drive_power(h, dr, &mut used)?.scale(disk_share(dr.kind));
                }
            }
            let cr = cpu + ram;
            Range::new(
                cr.low * (1.0 + s.ocr.low) + disks.low,
                cr.central * (1.0 + s.ocr.central) + disks.central,
                cr.high * (1.0 + s.ocr.high) + disks.high,
            )
        }
    };
    let it_kwh = Range::new(
        power.low / 1000.0 * s.use_time_ratio.low * d,
        power.central / 1000.0 * s.use_time_ratio.central * d,
        power.high / 1000.0 * s.use_time_ratio.high * d,
    );
    let kwh = mul(it_kwh, pue);
    let (impacts, included) = super::server::assemble(
        ds,
        |ind, used| {
            let c = components(h, &s, ind, used)?;
            let mut total = (c.assembly + c.cpu + c.psu + c.case + c.motherboard).scale(vcpu_share);
            for r in &c.rams {
                total = total + r.scale(ram_share);
            }
            for (k, r) in &c.drives {
                total = total + r.scale(disk_share(*k));
            }
            Some(mul(total, share))
        },
        share.scale(vcpu_share),
        kwh,
        &elec,
        &mut used,
        &mut warnings,
    );
    Ok(HostingFootprint {
        dataset: ds.id().into(),
        dataset_version: ds.version().into(),
        model: "cloud_instance",
        duration_hours: d,
        embodied_share: share,
        it_power_w: power,
        pue,
        site,
        electricity_kwh: kwh,
        zone,
        impacts,
        included,
        factors_used: used,
        warnings,
    })
}
