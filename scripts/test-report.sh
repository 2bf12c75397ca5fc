#!/usr/bin/env bash
# The REEN review in a real browser: builds the CLI, writes the review (HTML) and the JSON report
# of the same inventories, renders the HTML in Debian's headless Chromium (playwright-core),
# prints it to PDF and checks every figure against the JSON; then checks that a review of hostile
# input renders inert (hostile.mjs). Installs Chromium (apt-get) and
# the npm packages (tests/report-pdf/node_modules, from package-lock.json) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=tests/report-pdf
OUT=$DIR/out
mkdir -p "$OUT"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
if [ ! -d "$DIR/node_modules/playwright-core" ]; then
  (cd "$DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

cargo build --release -p empreinte-cli --locked
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/empreinte"

# 1. A sample commune, with last year's inventory, in French (the change since then split into
#    fleet, age and reference: `evaluate --previous` writes the same `year_over_year` object).
#    Exit 1 (some rows rejected) is fine.
INV=examples/communes/ville-montclair.csv
COMMON=(--inhabitants 60000 --agents 900 --pupils 5200)
"$BIN" report "$INV" --previous "$INV" --year 2025 "${COMMON[@]}" --commune "Ville de Montclair" -o "$OUT/montclair.html" || [ $? -eq 1 ]
"$BIN" evaluate "$INV" --year 2025 --previous "$INV" "${COMMON[@]}" --format json > "$OUT/montclair.json" || [ $? -eq 1 ]
"$BIN" evaluate "$INV" --year 2024 "${COMMON[@]}" --format json > "$OUT/montclair-2024.json" || [ $? -eq 1 ]
node "$DIR/check.mjs" "$OUT/montclair.html" "$OUT/montclair.json" "$OUT/montclair-2024.json" "$OUT/montclair.pdf"

# 2. GLPI CSV exports (UTF-8, UTF-8 with BOM, Windows-1252) read directly, in English.
"$BIN" report tests/glpi/csv --year 2025 --inhabitants 12000 --lang en --mapping tests/glpi/mapping/mapping-commune.csv -o "$OUT/glpi.html" || [ $? -eq 1 ]
"$BIN" evaluate tests/glpi/csv --year 2025 --inhabitants 12000 --mapping tests/glpi/mapping/mapping-commune.csv --format json > "$OUT/glpi.json" || [ $? -eq 1 ]
node "$DIR/check.mjs" "$OUT/glpi.html" "$OUT/glpi.json" "$OUT/glpi.pdf"

# 3. A whole estate (fleet, hosting, services): the scopes, hosting and services sections and the
#    levers on hosting and services, every figure checked against `evaluate ESTATE --format json`.
EST=examples/estates/ville-montclair.toml
"$BIN" report "$EST" -o "$OUT/estate.html" || [ $? -eq 1 ]
"$BIN" evaluate "$EST" --format json > "$OUT/estate.json" || [ $? -eq 1 ]
node "$DIR/check.mjs" "$OUT/estate.html" "$OUT/estate.json" "$OUT/estate.pdf"

# 4. Hostile input (tests/hostile/catalog.json) in the inventory, the dataset and a GLPI export:
#    the review renders inert (no dialog, script, request or element from input; CSP in force).
node "$DIR/hostile.mjs" "$BIN" "$OUT"

if command -v pdftoppm >/dev/null; then
  pdftoppm -r 60 -png -f 1 -l 1 "$OUT/montclair.pdf" "$OUT/montclair-page"
  echo "first page of the PDF: $OUT/montclair-page-1.png"
fi
echo "report check passed"
