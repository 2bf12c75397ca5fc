// Regenerates core/src/services/data/ember_average_intensity.csv from the installed @tgwf/co2
// (its `averageIntensity`, Ember data, CC BY-SA 4.0). Run: node export-ember.mjs > ../../../core/src/services/data/ember_average_intensity.csv
import { averageIntensity } from "@tgwf/co2";
import { readFileSync } from "node:fs";
const version = JSON.parse(readFileSync(new URL("./node_modules/@tgwf/co2/package.json", import.meta.url))).version;
const rows = Object.entries(averageIntensity.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
process.stdout.write(`# Ember average grid carbon intensity (gCO2e/kWh), as shipped by @tgwf/co2 ${version} (averageIntensity). Licence: CC BY-SA 4.0 (Ember). Do not edit: regenerate with tests/peers/services/export-ember.mjs\n`);
process.stdout.write("key,gco2e_per_kwh\n");
for (const [k, v] of rows) process.stdout.write(`${k},${v}\n`);
