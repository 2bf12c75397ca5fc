// Shared helpers of the services peer runners: call the empreinte CLI, compare numbers.
import { execFileSync } from "node:child_process";

export const BIN = process.env.EMPREINTE_BIN || new URL("../../../target/release/empreinte", import.meta.url).pathname;

/** Runs the CLI with --format json; returns {ok, json} or {ok:false, stderr, code}. */
export function cli(args) {
  try {
    const out = execFileSync(BIN, [...args, "--format", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, json: JSON.parse(out) };
  } catch (e) {
    const stderr = String(e.stderr || "");
    const m = stderr.match(/\[([a-z_]+)\]\s*$/);
    return { ok: false, stderr, code: m ? m[1] : null, status: e.status };
  }
}

/** Relative difference, with 0 vs 0 = 0. */
export function rel(a, b) {
  if (a === b) return 0;
  const d = Math.abs(a - b);
  const s = Math.max(Math.abs(a), Math.abs(b));
  return s === 0 ? d : d / s;
}

export class Tally {
  constructor(name) { this.name = name; this.passed = 0; this.failed = 0; this.maxRel = 0; this.failures = []; }
  num(label, ours, theirs, tol = 1e-9) {
    const r = rel(ours, theirs);
    if (Number.isFinite(r)) this.maxRel = Math.max(this.maxRel, r);
    if (typeof ours === "number" && typeof theirs === "number" && r <= tol) this.passed++;
    else { this.failed++; this.failures.push(`${label}: empreinte ${ours} vs peer ${theirs} (rel ${r})`); }
  }
  ok(label, cond, detail = "") {
    if (cond) this.passed++;
    else { this.failed++; this.failures.push(`${label}${detail ? ": " + detail : ""}`); }
  }
  report() {
    for (const f of this.failures.slice(0, 40)) console.log(`  FAIL ${f}`);
    console.log(`${this.name}: ${this.passed} passed, ${this.failed} failed (max relative difference ${this.maxRel.toExponential(2)})`);
    return this.failed === 0;
  }
}
