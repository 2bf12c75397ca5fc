//! Curated TypeScript declarations: the shapes of the plain objects crossing the boundary.
//! Exports name them with `unchecked_param_type` / `unchecked_return_type`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Stable ids of impact indicators (a dataset carries some of them). */
export type IndicatorId =
  | "climate_change" | "resource_use_minerals_metals" | "primary_energy" | "water_consumption"
  | "water_ademe" | "water_use" | "resource_use_fossils" | "acidification" | "particulate_matter"
  | "ionising_radiation" | "ozone_depletion" | "photochemical_ozone_formation"
  | "human_toxicity_cancer" | "human_toxicity_non_cancer" | "eutrophication_freshwater"
  | "eutrophication_marine" | "eutrophication_terrestrial" | "ecotoxicity_freshwater"
  | "land_use" | "material_input";

/** Life-cycle phases. */
export type PhaseId = "manufacturing" | "distribution" | "use" | "end_of_life";

/** Device condition at acquisition. */
export type ConditionId = "new" | "refurbished" | "reused" | "repaired";

/** A number with its range. */
export interface Range { low: number; central: number; high: number; }

/**
 * An aggregated figure. `not_available`: the dataset has no factor (no numbers, never a
 * silent zero); a total with `not_covered` is of an indicator the dataset does not cover in
 * every phase. `partial`: a lower bound, `missing_contributions` lacked a factor.
 * `included_in_manufacturing`: the phase is inside a lumped manufacturing figure (no number of
 * its own; `included_contributions` counts them). `use_phase_only`: the use phase alone, asked
 * for with `use_phase_only_indicators`.
 */
export interface Estimate {
  status: "available" | "partial" | "not_available" | "included_in_manufacturing" | "use_phase_only";
  low?: number;
  central?: number;
  high?: number;
  missing_contributions?: number;
  included_contributions?: number;
  not_covered?: true;
}

/** Per phase and total, for one indicator. */
export type PhaseTable = { [P in PhaseId | "total"]: Estimate };

/** Impacts per indicator (only the indicators of the dataset are present). */
export type ImpactTable = { [I in IndicatorId]?: PhaseTable };

/**
 * One inventory line as a plain object. Keys are inventory column names in any alias
 * (`categorie`, "Type de matériel", `Qté`...); values are numbers or strings
 * ("1,5", "15/03/2021" are read as a spreadsheet would). Unknown keys are ignored (with a warning).
 */
export interface InventoryLine {
  /** The device type as written ("Écran 24 pouces", "VPI"); may be empty when `model` says it. */
  category: string;
  quantity?: number | string;
  condition?: ConditionId | string;
  acquisition_year?: number | string;
  lifetime_years?: number | string;
  amortisation_years?: number | string;
  hours_per_day?: number | string;
  days_per_year?: number | string;
  power_w?: number | string;
  energy_kwh_per_year?: number | string;
  country?: string;
  department?: string;
  label?: string;
  /** The model ("Latitude 5420", "Aruba 2930F-48G"): evidence of the class and its qualifiers. */
  model?: string;
  /** PUE of the room the device runs in (servers and NAS: the dataset's server room by default). */
  pue?: number | string;
  [column: string]: unknown;
}

/**
 * An inventory: CSV or JSON text; the raw bytes of a file (CSV in UTF-8, UTF-16 or
 * Windows-1252, `;` or `,`, decimal commas; or JSON); or an array of line objects.
 */
export type Inventory = string | Uint8Array | ArrayBuffer | InventoryLine[];

/** Options of an evaluation (every field optional). */
export interface EvaluationOptions {
  /** The year the footprint is computed for (default: the core's reporting year, `defaults()` of the full module). */
  reporting_year?: number;
  /** How embodied impacts are spread over the years (default: physical lifetime). */
  annualisation?:
    | { method: "physical_lifetime" }
    | { method: "accounting"; default_years: number }
    | { method: "none" };
  /** Country of lines that give none (ISO code or name; default: the dataset's). */
  default_country?: string | null;
  inhabitants?: number | null;
  agents?: number | null;
  pupils?: number | null;
  /** Keep one result per line in `Report.lines` (default false). */
  keep_lines?: boolean;
  /** Draw the dataset's factors `draws` times (seeded): mean and percentiles in `Report.monte_carlo`. */
  monte_carlo?: { draws: number; seed: number } | null;
  /**
   * For an indicator whose manufacturing the dataset does not cover, give its use phase alone
   * as its total (`use_phase_only`); default false: that total is `not_available`.
   */
  use_phase_only_indicators?: boolean;
}

/** Mean and percentiles of a drawn figure. */
export interface Stats { mean: number; p5: number; p50: number; p95: number; }

/** Identity of a dataset, named in every report. */
export interface DatasetInfo {
  id: string;
  version: string;
  title: string;
  description: string;
  licenses: string[];
  default_country: string;
  phases_split: boolean;
  usage_note: string;
  /** What a loader could not map and left out (a G4IT référentiel's criteria, rows...). */
  unmapped?: string[];
}

/** The text of each file of a dataset folder (see reference-data/SCHEMA.md). */
export interface DatasetFiles {
  datapackage: string;
  sources: string;
  zones: string;
  categories: string;
  embodied: string;
  refurbishment?: string | null;
  electricity: string;
  /** `network.csv` (data transfer for digital services). */
  network?: string | null;
  /** Hosting tables by file name without `.csv`: `hosting_sites`, `hosting_servers`, `hosting_cpus`... */
  hosting?: { [table: string]: string };
}

/** An equipment category of a dataset. */
export interface Category {
  id: string;
  label_fr: string;
  label_en: string;
  aliases: string[];
  group: string;
  /** Default physical lifetime of a new device (years). */
  lifetime_years: Range;
  /** Average power when on (W). */
  power_w: Range;
  hours_per_day: number;
  days_per_year: number;
  is_proxy: boolean;
  /** `not_available`: a class of the vocabulary the dataset has no figure for (its numbers are null). */
  coverage: "direct" | "proxy" | "not_available";
  proxy_note: string;
  source_id: string;
  source_row: string;
  /** Whether the dataset models refurbished devices of this category. */
  refurbishable: boolean;
  /** Default second life of a refurbished or reused device (years), when modelled. */
  second_life_years: number | null;
}

export interface Factor {
  id: string;
  table: "embodied" | "refurbishment" | "electricity";
  indicator: IndicatorId;
  phase: PhaseId;
  value: Range;
  unit: string;
  quality: "primary" | "derived" | "proxy" | "uncertain" | "flagged";
  source_id: string;
  source_row: string;
  note: string;
  /** How the source made the figure, where the dataset says (electricity: "single-year figure", "four-year smoothed average"); "" when not stated. */
  method: string;
  method_fr: string;
  /** A lumped manufacturing figure: the phases it includes (absent otherwise). */
  includes?: ("distribution" | "end_of_life")[];
}

export interface Zone { code: string; alpha3: string; name_fr: string; name_en: string; aliases: string[]; }

export interface Source {
  id: string; title: string; publisher: string; year: string; url: string;
  licence: string; used_for: string; note: string;
}

/** A row that could not be evaluated, and why. */
export interface RejectedRow {
  /** 1-based line in the file (header = line 1), or item number in an array. */
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export interface Warning { line: number | null; field: string | null; code: string; message: string; }

/** Rows read: always `rows_read === rows_evaluated + rows_rejected`. */
export interface Counts {
  rows_read: number;
  rows_evaluated: number;
  rows_rejected: number;
  /** Rows evaluated whose class the dataset has no figure for (counted, not rejected). */
  rows_not_available: number;
  devices_not_available: number;
  blank_rows: number;
  devices: number;
}

/** Aggregates of a group of lines (all lines, a category, a department). */
export interface GroupFootprint {
  /** Category id, department name, or null (totals; lines without department). */
  key: string | null;
  label_fr: string | null;
  label_en: string | null;
  lines: number;
  devices: number;
  electricity_kwh: number;
  impacts: ImpactTable;
}

/** The result of one line (with `keep_lines: true`). */
export interface LineReport {
  line: number;
  category: string;
  /** The type as the inventory wrote it ("Écran 24 pouces"). */
  category_written: string;
  model: string | null;
  /** The class read before any fallback to a parent class; null for a dataset's own name. */
  class: string | null;
  /** Why the line got its category, in words. */
  mapping_rule: string;
  quantity: number;
  condition: ConditionId;
  department: string | null;
  label: string | null;
  country: string;
  electricity_year: number | null;
  /** Period the embodied impacts are spread over (years, central); null when the class has no figure. */
  period_years: number | null;
  /** Share of the embodied impacts carried in the reporting year. */
  embodied_share: number;
  stage: "amortising" | "past_period" | "unknown";
  /** null when not available (a class without figures and no measured energy). */
  electricity_kwh: number | null;
  impacts: ImpactTable;
}

/** An indicator of the report, with what the dataset covers of it (fully covered ones first). */
export interface IndicatorInfo {
  id: IndicatorId;
  unit: string;
  label_fr: string;
  label_en: string;
  /** The phases the dataset covers for this indicator. */
  phases_covered: PhaseId[];
  /** What its totals hold. */
  total: "all_phases" | "use_phase_only" | "not_available";
}

export interface Provenance {
  electricity: {
    zone: string; year_requested: number; year_used: number | null; lines: number; factor_ids: string[];
  }[];
  factors: {
    factor_id: string; source_id: string; source_row: string;
    quality: Factor["quality"]; uses: number;
  }[];
  sources: Source[];
  flagged_factors_excluded: string[];
}

/** A report: the same shape as `empreinte evaluate --format json`. */
export interface Report {
  schema: "empreinte.report/1";
  dataset: DatasetInfo;
  options: Required<EvaluationOptions>;
  counts: Counts;
  indicators: IndicatorInfo[];
  totals: GroupFootprint;
  per_capita: {
    per_inhabitant: ImpactTable | null;
    per_agent: ImpactTable | null;
    per_pupil: ImpactTable | null;
  };
  by_category: GroupFootprint[];
  by_department: GroupFootprint[];
  lines?: LineReport[];
  rejected: RejectedRow[];
  warnings: Warning[];
  provenance: Provenance;
  /** With `options.monte_carlo`: the drawn totals (mean, p5, p50, p95), per indicator. */
  monte_carlo?: { draws: number; seed: number; [key: string]: unknown } | null;
  /** With last year's inventory (CLI `--previous`, Python `previous=`): the change split. */
  year_over_year?: YearOverYear;
}

/** An electricity factor of one vintage and its stated method. */
export interface FactorVintage {
  factor_id: string; year: number | null; value: number; unit: string; source_id: string;
  method: string; method_fr: string;
}

/**
 * The change since last year: `fleet_effect` (this year's inventory − last year's, both this
 * year), `ageing_effect` (last year's devices one year older), `reference_effect` (other
 * factors, methods, dataset or options); `total_change` is their sum.
 */
export interface YearOverYear {
  previous_year: number;
  reporting_year: number;
  fleet_effect: ImpactTable;
  ageing_effect: ImpactTable;
  reference_effect: ImpactTable;
  total_change: ImpactTable;
  method_breaks: { zone: string; indicator: IndicatorId; previous: FactorVintage; current: FactorVintage }[];
  dataset_change?: { previous_id: string; previous_version: string; id: string; version: string };
}

/** An inventory read without evaluating it (see `readInventory`). */
export interface InventoryRead {
  lines: (InventoryLine & { line: number; quantity: number; condition: ConditionId })[];
  rejected: RejectedRow[];
  warnings: Warning[];
}

/**
 * Evaluates an inventory (CSV or JSON text, file bytes, or an array of line objects) against
 * `dataset` (default: the embedded ADEME NegaOctet 2022 set). Rows that cannot be evaluated
 * are listed in `report.rejected`; throws an `EmpreinteError` when nothing can be evaluated.
 */
export function evaluate(inventory: Inventory, options?: EvaluationOptions, dataset?: Dataset): Report;

export interface Dataset {
  /** Evaluates an inventory against this dataset: `evaluate(inventory, options, this)`. */
  evaluate(inventory: Inventory, options?: EvaluationOptions): Report;
}

/**
 * What every function throws: a real `Error` with a stable `name` and `code`.
 * - `InventoryError`: the inventory cannot be read at all (`empty_inventory`, `not_text`,
 *   `missing_column`, `duplicate_column`, `read_error`, `invalid_json`, `unsupported_input`).
 * - `OptionsError`: the options are invalid (`invalid_options`, `unknown_country`).
 * - `DatasetError`: a dataset cannot be loaded (`unknown_dataset`, `dataset_files`,
 *   `dataset_csv`, `dataset_missing_column`, `dataset_invalid_value`, ...).
 * - `CompareError` (`no_offers`, a row code of the offer's device, `out_of_range`; `line` = offer number),
 *   `ScenarioError` (`out_of_range`, `unknown_category`, `unknown_country`, `horizon_before_start`),
 *   `HostingError`, `ServiceError`, `GlpiError` (`invalid_mapping`): the core's codes.
 * - `EstateError` (`empreinte/full`'s `evaluateEstate`): the estate's `estate_*` codes, or the
 *   hosting, service or inventory model's for an entry; `keyPath` names the entry.
 * - `InputError`: an argument does not have its declared shape (`invalid_input`, `unknown_service`),
 *   or needs the full module (`full_module_only`: network or hosting tables given to the default
 *   module's `Dataset.fromFiles`; import from `empreinte/full`).
 * - `InternalError` (`internal_error`): a defect of empreinte (a Rust panic, with its message, and its
 *   place in `empreinte/full`); import the module again before using it further.
 * `line` (1-based, header = 1), `field` and `file` say where the input is at fault.
 */
export interface EmpreinteError extends Error {
  name:
    | "InventoryError" | "OptionsError" | "DatasetError" | "CompareError" | "ScenarioError"
    | "HostingError" | "ServiceError" | "GlpiError" | "EstateError" | "InputError" | "InternalError";
  code: string;
  line?: number;
  field?: string;
  file?: string;
}
"#;
