//! Curated TypeScript declarations of scenarios (the full module: `empreinte/full`).
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCENARIOS: &'static str = r#"
// ---- scenarios ----------------------------------------------------------------
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
  /** Climate change, central, kgCO2e per year: scenario − baseline (null: not available), and in percent. */
  change_kgco2e: number | null;
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
"#;
