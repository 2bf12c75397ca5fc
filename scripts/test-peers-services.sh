#!/usr/bin/env bash
# Conformance of empreinte's digital-services models against the tools they mirror, installed
# from the registries at test time (never vendored):
#   - SWD v4, v3 and OneByte against @tgwf/co2 (npm), within 1e-9 relative;
#   - EcoIndex against ecoindex-compute (PyPI): score, grade, GHG and water identical;
#   - ADEME per-use services against @incubateur-ademe/publicodes-acv-numerique (npm) evaluated
#     with publicodes, within 1e-9 relative.
# Installs into tests/peers/services/node_modules (npm) and .venv-peers (venv) at the repo root.
# Prints "N passed, M failed" and exits non-zero on any mismatch.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

echo "== building the CLI (release)"
cargo build --release -q -p empreinte-cli || { echo "0 passed, 1 failed"; exit 1; }
export EMPREINTE_BIN="$TARGET/release/empreinte"

echo "== installing the peers"
(cd tests/peers/services && npm install --no-audit --no-fund --loglevel=error >/dev/null) \
  || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
if [ ! -x .venv-peers/bin/python ]; then python3 -m venv .venv-peers || { echo "0 passed, 1 failed"; exit 1; }; fi
.venv-peers/bin/pip install -q --disable-pip-version-check "ecoindex-compute==5.10.0" \
  || { echo "pip install failed"; echo "0 passed, 1 failed"; exit 1; }

total_pass=0; total_fail=0; status=0
run() {
  local name=$1; shift
  echo "== $name"
  local log; log=$(mktemp)
  "$@" 2>&1 | grep -v "'assert' is deprecated\|--trace-warnings" | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^[a-z0-9]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  local p f
  p=$(sed -E 's/^[a-z0-9]+: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/^[a-z0-9]+: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  if [ -z "$line" ]; then p=0; f=1; fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$rc" -ne 0 ] && status=1
  rm -f "$log"
}
run co2js node tests/peers/services/co2js.mjs
run ademe node tests/peers/services/ademe.mjs
run ecoindex .venv-peers/bin/python tests/peers/services/ecoindex_peer.py

echo "services: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ "$status" -eq 0 ]
