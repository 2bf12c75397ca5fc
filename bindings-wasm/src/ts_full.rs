//! Curated TypeScript declarations of procurement, the trajectory, hosting, digital services,
//! GLPI and estates: only in the full module (`empreinte/full`), the only one that exports them.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_FULL: &'static str = r#"
/** The core's defaults: what an option left unset takes (`defaults()`). */
export interface Defaults {
  reporting_year: number;
  trajectory_horizon: number;
  /** The embedded dataset used when none is named. */
  dataset: string;
  /** The embedded dataset with the cloud and server-archetype tables. */
  hosting_dataset: string;
  monte_carlo_seed: number;
  amortisation_years: number;
  hours_per_year: number;
  service_uses: number;
}

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
  /** Year of the electricity factors (default: `defaults().reporting_year`). */
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
  /**
   * Per indicator, per year of service: each phase, `embodied` and `total` (`null`: not
   * available; `"included_in_manufacturing"`: a phase inside a lumped manufacturing figure).
   */
  per_year: { [I in IndicatorId]?: { [P in PhaseId | "embodied" | "total"]: Range | null | "included_in_manufacturing" } & { unit: string } };
  /** null: not available (never 0). */
  climate_change_kgco2e_per_year: number | null;
  /** Against the first offer (negative = less); null when either figure is not available. */
  difference_kgco2e_per_year: number | null;
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


// ---- trajectory ----------------------------------------------------------------------------

/**
 * How devices are renewed: `practice` (default; each class at the lifetime its devices in
 * service show, 2 × mean age + 1, bounded by the dataset's range widened to the lines'
 * lifetimes; devices already due renewed over the following years), `dataset_lifetime` (each
 * device at its own or the dataset's lifetime, all due devices at once), or lifetimes by class
 * (any name the dataset knows; the other classes at their practice).
 */
export type Baseline = "practice" | "dataset_lifetime" | { lifetimes: { [category: string]: number } };

export interface TrajectoryRequest {
  /** Default: `options.reporting_year`, else `defaults().reporting_year`. */
  from?: number;
  /** Default: `defaults().trajectory_horizon`. */
  to?: number;
  scenarios?: Scenario[];
  /** Default: `{ reporting_year: from }`. */
  options?: EvaluationOptions;
  /** Default: `"practice"`. */
  baseline?: Baseline;
}

/** How one class is renewed in a series. */
export interface ClassRenewal {
  category: string;
  devices: number;
  /** Devices with an acquisition year (the others are kept as they are). */
  dated_devices: number;
  /** Mean age of the dated devices at the start (years). */
  mean_age_years: number | null;
  /** 2 × mean age + 1, before bounds. */
  practice_years: number | null;
  dataset_lifetime_years: Range;
  /** The dataset's range widened to the lifetimes the class's lines state. */
  bounds_years: [number, number];
  /** The lifetime the series renews the class at (a scenario's extension included). */
  lifetime_years: number;
  source: "practice" | "practice_raised_to_low" | "practice_lowered_to_high" | "dataset" | "user";
  /** Devices already due the year after the start. */
  backlog: number;
  /** Of the backlog, renewed a year (null: all at once, `dataset_lifetime`). */
  backlog_per_year: number | null;
}

/** The renewal rule a series used. */
export interface Renewal { rule: "practice" | "dataset_lifetime" | "lifetimes"; classes: ClassRenewal[]; }

export interface YearPoint {
  year: number;
  devices: number;
  purchases: number;
  refurbished_purchases: number;
  electricity_kwh: number;
  impacts: ImpactTable;
}

export interface TrajectorySeries { name: string; levers: Lever[]; renewal: Renewal; years: YearPoint[]; warnings: Warning[]; }

/**
 * The fleet year by year, renewed like for like (`baseline`) and under each scenario, at the
 * renewal rule `request.baseline`. Throws `ScenarioError` (`unknown_category`, `out_of_range`,
 * `field` = `baseline`) for bad lifetimes by class.
 */
export function trajectory(inventory: Inventory, request: TrajectoryRequest, dataset?: Dataset): TrajectorySeries[];


// ---- hosting -------------------------------------------------------------------------------
/** How a server or instance is used and where; every field optional. */
export interface HostingUsage {
  /** Default: one year (`defaults().hours_per_year`). */
  duration_hours?: number;
  /** The duration in years instead (not with `duration_hours`). */
  duration_years?: number;
  /** CPU load %: a number, a range, or `[time %, load %]` pairs. Default: 50 (0–100). */
  load_percent?: number | Range | [number, number][];
  /** Measured average power (replaces the power model). */
  avg_power_w?: number;
  use_time_ratio?: number;
  lifetime_years?: number;
  other_consumption_ratio?: number;
  /** A zone (`FR`, `Allemagne`); `null`: unknown (European average, range of every zone). */
  location?: string | null;
  /** Electricity vintage (default: `defaults().reporting_year`). */
  year?: number;
  /** `it_only`, `own_server_room`, `colocation`, `cloud_hyperscale`... */
  site?: string;
  pue?: number;
}

export interface ServerInput {
  /** The dataset's generic server (default when the dataset has no server archetypes). */
  generic?: boolean;
  archetype?: string;
  case_type?: "rack" | "blade" | "tower";
  cpu?: {
    units?: number; name?: string; core_units?: number; threads?: number; die_size_mm2?: number;
    die_size_per_core_mm2?: number; tdp_w?: number; manufacturer?: string; model_range?: string; family?: string;
  };
  ram?: { units: number; capacity_gb: number; density_gb_per_cm2?: number }[];
  disks?: { kind: "ssd" | "hdd"; units: number; capacity_gb: number; density_gb_per_cm2?: number }[];
  power_supply?: { units: number; unit_weight_kg: number };
}

export interface CloudInstance { provider: string; instance_type: string; region?: string; }

export interface HostingFootprint {
  schema: "empreinte.hosting/1";
  dataset: string;
  dataset_version: string;
  model: "bottom_up" | "generic" | "cloud_instance";
  duration_hours: number;
  embodied_share: Range;
  it_power_w: Range;
  pue: Range;
  site: string | null;
  electricity_kwh: Range;
  zone: string;
  /**
   * Per indicator: each phase and the total (`null`: not available; `"included_in_manufacturing"`:
   * inside the server's lumped manufacturing figure), and the unit.
   */
  impacts: { [I in IndicatorId]?: { [P in PhaseId | "total"]: Range | null | "included_in_manufacturing" } & { unit: string } };
  factors_used: string[];
  warnings: string[];
}

export function serverFootprint(server?: ServerInput, usage?: HostingUsage, dataset?: Dataset): HostingFootprint;
export function cloudFootprint(instance: CloudInstance, usage?: HostingUsage, dataset?: Dataset): HostingFootprint;

// ---- digital services ------------------------------------------------------------------------
export interface Contribution {
  tier: "terminals" | "network" | "data_centre";
  indicator: IndicatorId;
  phase: PhaseId;
  value: Range;
  provenance: string;
}

/** Per tier, indicator and phase, in the indicator's unit (kgCO2e...), with provenance. */
export interface ServiceFootprint {
  service: string;
  method: string;
  dataset: string | null;
  uses: number;
  contributions: Contribution[];
  missing: { tier: string; indicator: IndicatorId; reason: string }[];
  terminals_excluded: boolean;
  phases_split: boolean;
  notes: string[];
  [key: string]: unknown;
}

/** gCO2e/kWh, or a country (Ember's average). */
export type Grid = number | string;

/** A page view for the bytes-based models (the core's `WebOptions`; defaults are CO2.js's). */
export interface WebPage {
  /** Bytes transferred (or `size_kb`, in kB of 1000 bytes). */
  bytes?: number;
  size_kb?: number;
  model?: "swd4" | "swd3" | "onebyte";
  green_hosting?: boolean;
  /** SWD v4: share (0..1) of data-centre operational emissions avoided. */
  green_hosting_factor?: number;
  /** Per visit (first and returning visits, cache) rather than for the bytes as given
   * (default: false, true with `returning_visitors`). */
  per_visit?: boolean;
  /** Per visit, with this share (0..1) of returning visitors (first visits: the rest). */
  returning_visitors?: number;
  first_visit_share?: number;
  return_visit_share?: number;
  data_reload_ratio?: number;
  /** Grid of every segment, then of each one (a segment's own wins). */
  grid?: Grid; device_grid?: Grid; network_grid?: Grid; data_centre_grid?: Grid;
  exclude_terminals?: boolean;
}

export interface WebEstimate { model: string; total_gco2e: number; per_visit: boolean; rating: string | null; [key: string]: unknown; }
export interface EcoIndexResult { score: number; grade: string; ghg_gco2e: number; water_cl: number; [key: string]: unknown; }

/** A page view by Sustainable Web Design (v4 default, v3) or OneByte, from the bytes transferred. */
export function webPage(page: WebPage): { estimate: WebEstimate; footprint: ServiceFootprint };
/** Many page views in one call: each page's bytes in, each page's total (grams CO2e) out, each
 * `webPage({...options, bytes}).estimate.total_gco2e`. A page at fault throws a `ServiceError`
 * whose `index` is its position. */
export function webPages(bytes: Float64Array | number[], options?: Omit<WebPage, "bytes" | "size_kb">): Float64Array;
/** EcoIndex of a page from its DOM size, requests and weight. */
export function ecoIndex(page: { dom_elements: number; requests: number; size_kb: number; exclude_terminals?: boolean }):
  { estimate: EcoIndexResult; footprint: ServiceFootprint };
/** Data over a network of the dataset (`fixed_fr`, `mobile_fr`...). */
export function dataTransfer(transfer: { gb: number; network?: string; uses?: number }, dataset?: Dataset): ServiceFootprint;

export type ServiceKind = "email" | "visio" | "streaming" | "web_search" | "file_transfer";

/** Parameters of ADEME's per-use services (each service reads its own; the others are refused). */
export interface ServiceParams {
  // email
  size_mb?: number; recipients?: number; storage_years?: number; sender_backups?: number;
  receiver_backups?: number; storage_fill_rate?: number; mails_per_person_per_day?: number;
  writing_minutes?: number; reading_minutes_per_recipient?: number; read_share?: number;
  sender_network?: string; receiver_network?: string; backup_network?: string;
  // visio, streaming
  minutes?: number; devices?: number; quality?: "audio" | "sd" | "hd" | "ultra_hd";
  // web_search
  typing_minutes?: number; request_kb?: number; page_kb?: number; reading_minutes?: number; pages_read?: number;
  // file_transfer
  size_gb?: number;
  terminal?: "desktop_with_monitor" | "laptop" | "tablet" | "smartphone" | "tv" | "average";
  network?: string;
  // model options
  year?: number;
  terminal_region?: "france" | "europe" | "china" | "usa";
  data_centre_region?: "france" | "europe" | "china" | "usa";
  /** Leave the terminals out (the fleet already counts them). */
  exclude_terminals?: boolean;
  /** Uses the footprint is multiplied by (default: `defaults().service_uses`). */
  uses?: number;
}

export interface ServiceResult {
  service: string;
  terminals_embodied_gco2e: number;
  terminals_use_gco2e: number;
  network_gco2e: number;
  data_centre_embodied_gco2e: number;
  data_centre_use_gco2e: number;
  total_gco2e: number;
  total_excluding_terminals_gco2e: number;
  not_applicable: boolean;
  footprint: ServiceFootprint;
}

/** One use of a service by ADEME's model (grams per use, and the footprint times `uses`). */
export function digitalService(kind: ServiceKind, params?: ServiceParams, dataset?: Dataset): ServiceResult;
/** Many uses in one call: each result is `digitalService(kind, params[i], dataset)`'s. An item at
 * fault throws a `ServiceError` whose `index` is its position. */
export function digitalServices(kind: ServiceKind, params: ServiceParams[], dataset?: Dataset): ServiceResult[];

export interface ThreeTierService {
  service?: string;
  uses?: number;
  hours_per_use?: number;
  /** The same duration in minutes (not with `hours_per_use`). */
  minutes_per_use?: number;
  gb_per_use?: number;
  /** A dataset category (`laptop`, "PC portable"); absent: no terminal tier. */
  terminal?: string;
  terminal_country?: string;
  /** Default `fixed_fr`; `null`: no network tier. */
  network?: string | null;
  /** `null`: no data-centre tier. */
  data_centre?: { kwh_per_gb?: number; kwh_per_hour?: number; embodied_kgco2e_per_gb?: number; country?: string } | null;
  year?: number;
  exclude_terminals?: boolean;
}

/** Any service as terminals + network + data centre. */
export function threeTier(service?: ThreeTierService, dataset?: Dataset): ServiceFootprint;

// ---- GLPI ------------------------------------------------------------------------------------
export interface NamedFile { name: string; content: string | Uint8Array | ArrayBuffer; }

export interface GlpiItem {
  number: number; source: string; itemtype: string; name: string | null; manufacturer: string | null;
  model: string | null; serial: string | null; department: string | null;
  status: "mapped" | "excluded" | "unmapped" | "invalid";
  category: string | null; quantity: number; acquisition_year: number | null; year_source: string;
  in_stock: boolean; code: string; detail: string;
}

export interface GlpiImport {
  counts: { files: number; items: number; mapped: number; excluded: number; unmapped: number; invalid: number; devices: number };
  items: GlpiItem[];
  skipped_files: string[];
  files: number;
  /** The mapped items as an empreinte inventory (CSV), as `empreinte glpi` writes it. */
  inventory_csv: string;
  /** With `options.evaluation`: the mapped items evaluated; unmapped ones are rejected rows. */
  report: Report | null;
}

export interface GlpiOptions {
  department_from?: "entity_then_location" | "entity" | "location";
  evaluation?: EvaluationOptions;
}

/** Imports GLPI agent JSON inventories and CSV exports, optionally with a mapping CSV. */
export function importGlpi(files: NamedFile[], mapping?: NamedFile | null, options?: GlpiOptions, dataset?: Dataset): GlpiImport;

// ---- estates ---------------------------------------------------------------------------------
/**
 * A commune's digital estate: the JSON shape of an estate TOML file (`examples/estates/`). Each
 * hosting and service entry is one of the requests above; what it leaves unset takes the same
 * default as `serverFootprint`, `cloudFootprint`, `webPage`, `digitalService` and `threeTier`.
 */
export interface Estate {
  /** Who the estate belongs to, and the denominators of per-capita figures. */
  commune?: Commune;
  /** The reporting year (default: the evaluation options'). */
  year?: number;
  /** An embedded dataset id, used when `evaluateEstate` is given no dataset. */
  dataset?: string;
  fleet?: FleetSource[];
  rooms?: Room[];
  cloud?: CloudEntry[];
  services?: ServiceEntry[];
}

export interface Commune { name?: string; inhabitants?: number; agents?: number; pupils?: number; }

/** An inventory (CSV, JSON) or a GLPI export, or a folder of GLPI files: a path of `files`. */
export interface FleetSource { path: string; /** A GLPI mapping CSV, a path of `files`. */ mapping?: string; department?: string; }

/** A server room or colocation space. */
export interface Room {
  name?: string;
  department?: string;
  /** A hosting site kind (`own_server_room`, `colocation`...) or a known `pue`. */
  site?: string;
  pue?: number;
  location?: string;
  /** The fleet's servers run here and take its PUE (default: yes when there is one room). */
  inventory_servers?: boolean;
  servers?: RoomServer[];
}

/** Servers of one kind in a room; one with an inventory line's name is that server (counted once). */
export interface RoomServer { name?: string; count?: number; department?: string; server?: ServerInput; usage?: HostingUsage; }

export interface CloudEntry { name?: string; count?: number; department?: string; instance: CloudInstance; usage?: HostingUsage; }

/** One service over the year: exactly one of the kinds. */
export interface ServiceEntry {
  name?: string;
  department?: string;
  /** Default: `public` for a website, `agents` (their terminals are the fleet's) for the others. */
  users?: "agents" | "public";
  website?: WebPage | { model: "ecoindex"; dom_elements: number; requests: number; size_kb: number };
  page_views?: number;
  /** `uses`: messages, meetings, sessions, searches, files over the year. */
  email?: ServiceParams; visio?: ServiceParams; streaming?: ServiceParams;
  web_search?: ServiceParams; file_transfer?: ServiceParams;
  transfer?: { gb: number; network?: string; uses?: number };
  three_tier?: ThreeTierService;
}

/** The files an estate names, by the path it writes (`"../communes/ville.csv"`). */
export type EstateFiles = { [path: string]: string | Uint8Array | ArrayBuffer };

export interface EstateOptions {
  /** Evaluation options; the estate's year and commune fill them. */
  evaluation?: EvaluationOptions;
  /**
   * Where cloud instances take their figures when the dataset has no cloud table: a dataset
   * with one (`defaults().hosting_dataset`, loaded with `Dataset.fromFiles`: the module does not
   * embed it). Without it, such an estate's cloud entries throw `hosting_missing_table`.
   */
  cloud_dataset?: Dataset;
  /**
   * Also return the fleet's lines as evaluated (`fleet_lines`, the shape `readInventory` gives:
   * an inventory `runScenarios` and `trajectory` take), the servers a room declares left out:
   * what the review's levers and trajectory are computed on.
   */
  fleet_lines?: boolean;
}

export type EstateScopeId = "fleet" | "hosting" | "services";

/** One scope of an estate: `entries` summed (inventory lines, servers and instances, services). */
export interface ScopeFootprint { scope: EstateScopeId; label_fr: string; label_en: string; entries: number; impacts: ImpactTable; }

export interface SourceResult {
  path: string;
  kind: "inventory" | "glpi";
  rows_read: number;
  rows_evaluated: number;
  rows_rejected: number;
  rejected: (RejectedRow & { file: string })[];
}

export interface HostingEntryResult {
  /** Key path in the estate (`rooms[0].servers[1]`, `cloud[0]`). */
  path: string;
  name: string | null;
  room: string | null;
  department: string | null;
  count: number;
  /** All `count` servers or instances; null: not available. */
  climate_change_kgco2e: Range | null;
  /** One server or instance. */
  footprint: HostingFootprint;
}

export interface ServiceEntryResult {
  path: string;
  name: string | null;
  kind: "website" | "email" | "visio" | "streaming" | "web_search" | "file_transfer" | "transfer" | "three_tier";
  users: "agents" | "public";
  department: string | null;
  uses: number;
  /** The fleet counts the agents' devices: left out. */
  terminals_excluded: boolean;
  gco2e_per_use: number | null;
  /** Over the year (all uses). */
  footprint: ServiceFootprint;
}

/** What an estate adds to a report. */
export interface EstateSection {
  commune: { name: string | null; inhabitants: number | null; agents: number | null; pupils: number | null };
  /** Fleet, hosting, services: their sum is the report's totals. */
  by_scope: ScopeFootprint[];
  fleet_sources: SourceResult[];
  hosting: HostingEntryResult[];
  services: ServiceEntryResult[];
  inventory_servers_room: string | null;
  notes: string[];
  /** A NumEcoEval / G4IT inventory's results (`evaluateNumEcoEval`). */
  numecoeval?: NumEcoEvalSection;
}

/** A report over a whole estate: totals, departments and per-capita figures across scopes. */
export interface EstateReport extends Report { estate: EstateSection; }

/**
 * Evaluates an estate (TOML or JSON text, or an object) with the files it names: fleet, hosting
 * and services in one report, as `empreinte evaluate ESTATE.toml`. The dataset is `dataset`,
 * else the estate's, else the default. Throws an `EstateError` (`code`, `keyPath`, `file`,
 * `line`, `field`): an unknown key, a missing file, an entry the hosting or service model refuses.
 */
export function evaluateEstate(estate: string | Estate, files?: EstateFiles, dataset?: Dataset, options?: EstateOptions): EstateReport & { fleet_lines?: InventoryRead["lines"] };

/** What `evaluateEstate` throws: `keyPath` is the entry at fault (`rooms[0].servers[1]`). */
export interface EstateError extends EmpreinteError { name: "EstateError"; keyPath?: string; }

// ---- the REEN review -------------------------------------------------------------------------
/** GLPI files, as `importGlpi` takes them: the review lists the items left out (excluded). */
export interface GlpiSource {
  glpi: NamedFile[];
  mapping?: NamedFile | null;
  department_from?: "entity_then_location" | "entity" | "location";
}

/** An estate, as `evaluateEstate` takes it. */
export interface EstateSource { estate: string | Estate; files?: EstateFiles; cloud_dataset?: Dataset; }

export interface ReviewRequest {
  /** `html` (default): one self-contained page (inline CSS and SVG, print styles, a CSP that forbids scripts); `md`: Markdown. */
  format?: "html" | "md";
  /** Default `fr`. */
  lang?: "fr" | "en";
  /** The body's name, for the title (default: an estate's `commune.name`). */
  commune?: string;
  /** Last year's inventory: the change since then, split into fleet, age and reference (not with an estate yet). */
  previous?: Inventory | GlpiSource;
  /** The year of `previous` (default: the reporting year − 1). */
  previous_year?: number;
  /** Last year of the trajectory at today's practice (default: the reporting year + 5). */
  horizon?: number;
  /** How the trajectory renews devices (default `"practice"`). */
  baseline?: Baseline;
  /** Evaluation options (reporting year, annualisation, inhabitants, agents, pupils...); an estate's year and commune fill them. */
  options?: EvaluationOptions;
}

/**
 * The yearly review (loi REEN) of an inventory, GLPI files, an estate or NumEcoEval files: the state of play, the
 * change since `previous`, the trajectory at today's practice, the levers quantified, the
 * method and sources, the rejected rows and the items left out — the same document, byte for
 * byte, as `empreinte report` for the same input and options. Throws the error of the input at
 * fault (`InventoryError`, `EstateError`, `GlpiError`, `OptionsError`, `ScenarioError`), or an
 * `InputError` (`invalid_input`; `unsupported`: `previous` with an estate).
 */
export function review(source: Inventory | GlpiSource | EstateSource | NumEcoEvalSource, request?: ReviewRequest, dataset?: Dataset): string;

/** NumEcoEval / G4IT files, as `evaluateNumEcoEval` takes them: reviewed as `empreinte report FOLDER`. */
export interface NumEcoEvalSource { numecoeval: NumEcoEvalFiles; }

/** The kind of NumEcoEval file a file is, told by its header, or `null` (an inventory, a GLPI export...). */
export function numEcoEvalKind(content: string | Uint8Array | ArrayBuffer): "numecoeval_entity" | "numecoeval_data_centre" | "numecoeval_physical_equipment" | "numecoeval_virtual_equipment" | "numecoeval_application" | "numecoeval_messaging" | null;
/** NumEcoEval / G4IT inventory files by name (their kind is told by their header). */
export interface NumEcoEvalFiles { [name: string]: string | Uint8Array | ArrayBuffer; }

/** A référentiel in G4IT's format, its `ref_*` tables by name (`.csv` or not). */
export interface ReferentialFiles {
  ref_criterion: string;
  ref_item_impact: string;
  ref_lifecycle_step?: string;
  ref_hypothesis?: string;
  ref_item_type?: string;
  ref_matching_item?: string;
  [name: string]: string | undefined;
}

/** A group of a NumEcoEval inventory with its impacts. */
export interface NumEcoEvalGroup { electricity_kwh: number; impacts: ImpactTable; }

export interface NumEcoEvalSection {
  data_centres: (NumEcoEvalGroup & { name: string; long_name: string | null; pue: number | null; location: string; lines: number; devices: number })[];
  equipment_types: (NumEcoEvalGroup & { name: string; lines: number; devices: number })[];
  entities: { name: string | null; agents: number | null; impacts: ImpactTable; per_agent: ImpactTable | null }[];
  /** Shares of their hosts: `given` (cleRepartition), `vcpu`, `storage` or `equal`. */
  virtual_machines: (NumEcoEvalGroup & { name: string; host: string; cluster: string | null; entity: string | null; kind: "compute" | "storage"; share: number; share_rule: "given" | "vcpu" | "storage" | "equal" })[];
  /** By application and environment: the shares of their virtual machines (within the totals). */
  applications: (NumEcoEvalGroup & { name: string; environment: string | null; domain: string | null; sub_domain: string | null; entity: string | null; rows: number })[];
}

/**
 * Evaluates NumEcoEval / G4IT files (DataCenter, EquipementPhysique, EquipementVirtuel,
 * Application, Messagerie, Entite; `;` or `,`, UTF-8 or Windows-1252) as an estate, as
 * `empreinte evaluate FOLDER` does. Every row is evaluated or rejected with its file, line and
 * column (`estate.fleet_sources`); a file that cannot be read throws an `EstateError` (`code`,
 * `file`, `line`, `field`).
 */
export function evaluateNumEcoEval(files: NumEcoEvalFiles, options?: EvaluationOptions, dataset?: Dataset): EstateReport;
"#;
