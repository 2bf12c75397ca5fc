//! Curated TypeScript declarations of procurement and planning (in every build).
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_PLANNING: &'static str = r#"
// ---- procurement -------------------------------------------------------------------------
export interface ReplacedPart { name: string; climate_kgco2e: Range; }

/** One offer for a need: `device` is an inventory line (any column alias; no acquisition year). */
export interface OfferInput {
  name: string;
  device: InventoryLine;
  replaced_parts?: ReplacedPart[];
  unit_price_eur?: number | null;
}

export interface CompareOptions {
  /** Year of the electricity factors (default 2025). */
  reporting_year?: number;
  /** `cut_off` (default): a second life carries refurbishment only; `shared_first_life`. */
  allocation?: "cut_off" | "shared_first_life";
}

export interface OfferResult {
  name: string;
  category: string;
  condition: ConditionId;
  lifetime_years: number;
  electricity_kwh_per_year: number;
  /** Per indicator, per year of service: each phase, `embodied` and `total` (`null`: not available). */
  per_year: { [I in IndicatorId]?: { [P in PhaseId | "embodied" | "total"]: Range | null } & { unit: string } };
  climate_change_kgco2e_per_year: number;
  /** Against the first offer (negative = less). */
  difference_kgco2e_per_year: number;
  difference_percent: number | null;
  break_even: {
    first_offer_lifetime_to_match_years: number | null;
    lifetime_to_match_first_years: number | null;
  } | null;
  cost_per_year_eur: number | null;
  kgco2e_avoided_per_eur: number | null;
  [key: string]: unknown;
}

export interface Comparison {
  dataset: DatasetInfo;
  reporting_year: number;
  allocation: "cut_off" | "shared_first_life";
  offers: OfferResult[];
}

/** Compares offers per year of service against the first one (core `compare_offers`). */
export function compareOffers(offers: OfferInput[], options?: CompareOptions, dataset?: Dataset): Comparison;

// ---- scenarios and trajectory ----------------------------------------------------------------
/** A lever; `categories` (ids or names) restricts it, empty = every category. */
export type Lever =
  | { lever: "extend_lifetime"; years: number; categories?: string[] }
  | { lever: "refurbished_share"; share: number; categories?: string[] }
  | { lever: "reduce_fleet"; share: number; categories?: string[] }
  | { lever: "electricity"; country: string; categories?: string[] };

export interface Scenario { name: string; levers: Lever[]; }

/** Baseline, scenario and change (scenario − baseline) of a group. */
export interface Delta { key: string | null; baseline: ImpactTable; scenario: ImpactTable; change: ImpactTable; }

export interface ScenarioResult {
  name: string;
  levers: Lever[];
  reporting_year: number;
  totals: Delta;
  by_category: Delta[];
  by_department: Delta[];
  /** Climate change, central, kgCO2e per year: scenario − baseline, and in percent. */
  change_kgco2e: number;
  change_percent: number | null;
}

export interface ScenariosResult {
  baseline: Report;
  scenarios: ScenarioResult[];
  /** Rows of the inventory that could not be read (left out of every figure). */
  rejected: RejectedRow[];
  warnings: Warning[];
}

/** Applies each scenario's levers to the inventory and evaluates it against the baseline. */
export function runScenarios(inventory: Inventory, scenarios: Scenario[], options?: EvaluationOptions, dataset?: Dataset): ScenariosResult;

export interface TrajectoryRequest {
  from: number;
  to: number;
  scenarios?: Scenario[];
  /** Default: `{ reporting_year: from }`. */
  options?: EvaluationOptions;
}

export interface YearPoint {
  year: number;
  devices: number;
  purchases: number;
  refurbished_purchases: number;
  electricity_kwh: number;
  impacts: ImpactTable;
}

export interface TrajectorySeries { name: string; levers: Lever[]; years: YearPoint[]; warnings: Warning[]; }

/** The fleet year by year, renewed like for like (`baseline`) and under each scenario. */
export function trajectory(inventory: Inventory, request: TrajectoryRequest, dataset?: Dataset): TrajectorySeries[];

"#;
