//! The common result of every service model: contributions per tier, indicator and phase.

use crate::estimate::{Estimate, Range};
use crate::indicator::{Indicator, Phase};
use serde::Serialize;

/// Where in the chain an impact happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The user's devices (already counted when the fleet is).
    Terminals,
    /// The network between users and servers.
    Network,
    /// The servers and their data centre.
    DataCentre,
    /// SWD v3's "production" segment (energy to produce the content).
    ContentProduction,
    /// A single end-to-end figure not split into tiers (EcoIndex).
    EndToEnd,
}

impl Tier {
    /// Stable id: `terminals`, `network`, `data_centre`, `content_production`, `end_to_end`.
    pub fn id(self) -> &'static str {
        match self {
            Tier::Terminals => "terminals",
            Tier::Network => "network",
            Tier::DataCentre => "data_centre",
            Tier::ContentProduction => "content_production",
            Tier::EndToEnd => "end_to_end",
        }
    }
}

/// One figure: a tier's impact on one indicator in one phase, in the indicator's unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The tier.
    pub tier: Tier,
    /// The indicator.
    pub indicator: Indicator,
    /// The life-cycle phase.
    pub phase: Phase,
    /// The value, in the indicator's unit, with its range.
    pub value: Range,
    /// Where the figure comes from: dataset factor ids and model constants with their source.
    pub provenance: String,
}

/// A tier with no factor for an indicator the model otherwise reports: "not available", never zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// The tier.
    pub tier: Tier,
    /// The indicator.
    pub indicator: Indicator,
    /// Why it is not available.
    pub reason: String,
}

/// The footprint of a service for a given number of uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceFootprint {
    /// What was evaluated (`email`, `web_page`, `transfer`...).
    pub service: String,
    /// Which method, with its version (`swd-v4 (co2.js 0.19.0)`, `ademe-acv-numerique`...).
    pub method: String,
    /// Dataset id and version when one was used.
    pub dataset: Option<String>,
    /// How many uses the figures cover.
    pub uses: f64,
    /// Every figure, per tier, indicator and phase.
    pub contributions: Vec<Contribution>,
    /// Tiers with no factor for an indicator: not available, never zero.
    pub missing: Vec<Missing>,
    /// True when terminal shares were dropped because the fleet already counts the devices.
    pub terminals_excluded: bool,
    /// False when the method gives whole-life figures not split by phase (kept under the
    /// phase each contribution names, as the notes say).
    pub phases_split: bool,
    /// What the result leaves out or assumes.
    pub notes: Vec<String>,
}

impl ServiceFootprint {
    pub(crate) fn new(service: &str, method: &str, dataset: Option<String>) -> ServiceFootprint {
        ServiceFootprint {
            service: service.into(),
            method: method.into(),
            dataset,
            uses: 1.0,
            contributions: Vec::new(),
            missing: Vec::new(),
            terminals_excluded: false,
            phases_split: true,
            notes: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        tier: Tier,
        indicator: Indicator,
        phase: Phase,
        value: Range,
        provenance: impl Into<String>,
    ) {
        self.contributions.push(Contribution {
            tier,
            indicator,
            phase,
            value,
            provenance: provenance.into(),
        });
    }

    /// Drops the terminal contributions (the fleet already counts the devices) and says so.
    pub(crate) fn drop_terminals(&mut self) {
        self.contributions.retain(|c| c.tier != Tier::Terminals);
        self.missing.retain(|m| m.tier != Tier::Terminals);
        self.terminals_excluded = true;
        self.notes.push(
            "terminal shares excluded: the devices are counted in the fleet (no double counting)"
                .into(),
        );
    }

    /// The figures for `uses` uses (every contribution scaled).
    pub fn times(mut self, uses: f64) -> ServiceFootprint {
        for c in &mut self.contributions {
            c.value = c.value.scale(uses);
        }
        self.uses *= uses;
        self
    }

    /// Indicators with at least one contribution or a missing tier, in reporting order.
    pub fn indicators(&self) -> Vec<Indicator> {
        Indicator::ALL
            .iter()
            .copied()
            .filter(|i| {
                self.contributions.iter().any(|c| c.indicator == *i)
                    || self.missing.iter().any(|m| m.indicator == *i)
            })
            .collect()
    }

    fn sum(&self, indicator: Indicator, keep: impl Fn(&Contribution) -> bool) -> Estimate {
        let mut e = Estimate::default();
        for c in self
            .contributions
            .iter()
            .filter(|c| c.indicator == indicator && keep(c))
        {
            e.push(Some(c.value));
        }
        e
    }

    fn with_missing(&self, mut e: Estimate, indicator: Indicator, tier: Option<Tier>) -> Estimate {
        let n = self
            .missing
            .iter()
            .filter(|m| m.indicator == indicator && tier.is_none_or(|t| t == m.tier))
            .count();
        e.n_missing += n as u64;
        e
    }

    /// One indicator in one phase, all tiers: available, partial (a tier lacks a factor) or not available.
    pub fn estimate(&self, indicator: Indicator, phase: Phase) -> Estimate {
        let e = self.sum(indicator, |c| c.phase == phase);
        self.with_missing(e, indicator, None)
    }

    /// One indicator in one phase, all tiers: `None` when not available.
    pub fn get(&self, indicator: Indicator, phase: Phase) -> Option<Range> {
        let e = self.estimate(indicator, phase);
        (e.n_available > 0).then_some(e.range)
    }

    /// One tier, one indicator, one phase: `None` when not available.
    pub fn tier(&self, tier: Tier, indicator: Indicator, phase: Phase) -> Option<Range> {
        let e = self.sum(indicator, |c| c.tier == tier && c.phase == phase);
        (e.n_available > 0).then_some(e.range)
    }

    /// One indicator, every phase and tier.
    pub fn total(&self, indicator: Indicator) -> Estimate {
        let e = self.sum(indicator, |_| true);
        self.with_missing(e, indicator, None)
    }

    /// The climate total in grams of CO2e (central), `None` when not available: the unit the
    /// per-use models speak.
    pub fn climate_change_gco2e(&self) -> Option<f64> {
        const G_PER_KG: f64 = 1000.0;
        self.total(Indicator::ClimateChange)
            .central()
            .map(|kg| kg * G_PER_KG)
    }
}
