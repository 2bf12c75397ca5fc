#!/usr/bin/env bash
# The benchmark suite, one command (a benchmark, not a test: nothing here asserts a time).
#
#   bash bench/run.sh
#
# Builds what it times (release CLI and core/examples/bench_native.rs; the npm package via
# bindings-wasm/scripts/build.sh; the Python wheel into .venv as README says), installs the peers
# (BoaviztAPI 2.5.0 into .venv-peers, @tgwf/co2 0.19.0 into bench/node_modules), generates the
# deterministic synthetic inventory (bench/generate_inventory.py), times every case RUNS times
# under /usr/bin/time -v pinned to one core, and prints the table (also written to
# bench/out/results.md; raw records in bench/out/results.jsonl).
#
# Environment:
#   BENCH_RUNS=3          runs per case (the median is kept)
#   BENCH_LINES=1000000   inventory lines
#   BENCH_DRAWS=10000     Monte Carlo draws
#   BENCH_CPU=N           core to pin the timed commands to (default: the last one)
#   BENCH_SKIP_BUILD=1    reuse what is built and installed (re-runs)
#   BENCH_QUIET_WAIT=S    wait up to S seconds for the 1-min load average to fall below 1 (default 0)
#   BENCH_CRITERION=1     also run `cargo bench -p empreinte --bench evaluate` at the end
#   BENCH_COMMUNES=35000  synthetic communes of the many-bodies case (BENCH_BODY_LINES lines in all,
#                         default 5000000; 0 communes: no many-bodies case)
#   CARGO_TARGET_DIR      honoured for the CLI, the example and the wheel
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$ROOT/bench/out
RUNS=${BENCH_RUNS:-3}
LINES=${BENCH_LINES:-1000000}
DRAWS=${BENCH_DRAWS:-10000}
CPU=${BENCH_CPU:-$(($(nproc) - 1))}
PIN=(taskset -c "$CPU")
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*"; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  step "building the release CLI and the native harness"
  cargo build --release --locked -q -p empreinte-cli
  cargo build --release --locked -q -p empreinte --example bench_native

  step "building the WebAssembly package (bindings-wasm/scripts/build.sh)"
  # The size of the default module is reported against its budget in the table.
  bash bindings-wasm/scripts/build.sh | tail -3

  step "building and installing the Python wheel into .venv"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check "maturin==1.16.0" pandas pyarrow
  rm -rf "$OUT/wheels"
  .venv/bin/maturin build --release --locked -q -m bindings-python/Cargo.toml \
    --interpreter .venv/bin/python --out "$OUT/wheels"
  .venv/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps "$OUT"/wheels/empreinte-*.whl

  step "installing the peers"
  [ -x .venv-peers/bin/python ] || python3 -m venv .venv-peers
  .venv-peers/bin/python -c "import importlib.metadata as m; assert m.version('boaviztapi') == '2.5.0'" 2>/dev/null \
    || .venv-peers/bin/pip install -q --disable-pip-version-check "boaviztapi==2.5.0"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

BIN=$TARGET/release/empreinte
NATIVE=$TARGET/release/examples/bench_native
INV=$OUT/inventory-$LINES.csv
COMMUNES=${BENCH_COMMUNES:-35000}
BODY_LINES=${BENCH_BODY_LINES:-5000000}
BODIES=$OUT/communes-$COMMUNES-$BODY_LINES
TERMINALS=$OUT/terminals-boavizta.csv

step "generating the inventory ($LINES lines) and the peer cases"
python3 bench/generate_inventory.py "$LINES" "$INV"
.venv-peers/bin/python bench/boavizta_peer.py --write-csv "$TERMINALS"
echo "$INV: $(wc -c <"$INV") bytes, sha256 $(sha256sum "$INV" | cut -c1-16)"
if [ "$COMMUNES" -gt 0 ] && [ ! -d "$BODIES" ]; then
  python3 bench/generate_communes.py "$COMMUNES" "$BODY_LINES" "$BODIES"
fi

wait_s=${BENCH_QUIET_WAIT:-0}
while [ "$wait_s" -gt 0 ] && awk '{exit !($1 >= 1.0)}' /proc/loadavg; do sleep 10; wait_s=$((wait_s - 10)); done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
step "timing ($RUNS runs each, pinned to CPU $CPU; load average $LOAD_BEFORE)"
RESULTS=$OUT/results.jsonl
: >"$RESULTS"
measure() { python3 bench/measure.py --results "$RESULTS" --runs "$RUNS" "$@"; }

measure --name csv_read --metrics -- "${PIN[@]}" "$NATIVE" csv-read "$INV"
measure --name native_evaluate --metrics -- "${PIN[@]}" "$NATIVE" evaluate "$INV"
measure --name cli_evaluate -- "${PIN[@]}" "$BIN" evaluate "$INV" --year 2025 --format json
measure --name cli_monte_carlo -- "${PIN[@]}" "$BIN" evaluate "$INV" --year 2025 --format json \
  --monte-carlo "$DRAWS" --seed 1
measure --name native_columns --metrics -- "${PIN[@]}" "$NATIVE" columns "$INV"
measure --name python_dataframe --metrics -- "${PIN[@]}" .venv/bin/python bench/python_dataframe.py "$INV" pyarrow
measure --name python_dataframe_python_strings --metrics -- "${PIN[@]}" .venv/bin/python bench/python_dataframe.py "$INV" python
measure --name wasm_evaluate --metrics -- "${PIN[@]}" node bench/wasm_evaluate.mjs "$INV"
measure --name wasm_evaluate_full --metrics -- "${PIN[@]}" node bench/wasm_evaluate.mjs "$INV" empreinte_full
if [ -x /usr/bin/chromium ] && [ -d bindings-wasm/node_modules/playwright-core ]; then
  measure --name chromium_evaluate --metrics -- "${PIN[@]}" node bench/chromium_evaluate.mjs "$INV"
  measure --name chromium_evaluate_full --metrics -- "${PIN[@]}" node bench/chromium_evaluate.mjs "$INV" empreinte_full
  # As a browser runs it: Chromium's processes on every core (the call itself on one thread).
  measure --name chromium_evaluate_unpinned --metrics -- node bench/chromium_evaluate.mjs "$INV"
  measure --name chromium_evaluate_full_unpinned --metrics -- node bench/chromium_evaluate.mjs "$INV" empreinte_full
fi
measure --name boavizta --metrics -- "${PIN[@]}" .venv-peers/bin/python bench/boavizta_peer.py --servers 60
measure --name native_terminals --metrics -- "${PIN[@]}" "$NATIVE" terminals "$TERMINALS"
measure --name cli_terminals -- "${PIN[@]}" "$BIN" evaluate "$TERMINALS" --dataset boavizta-2.5 --year 2025 \
  --lines --format json
measure --name native_servers --metrics -- "${PIN[@]}" "$NATIVE" servers 300
measure --name co2js --metrics -- "${PIN[@]}" node bench/co2js_swd.mjs 100000
measure --name native_swd4 --metrics -- "${PIN[@]}" "$NATIVE" swd4 100000
measure --name wasm_swd4 --metrics -- "${PIN[@]}" node bench/wasm_swd.mjs 100000
measure --name wasm_swd4_batch --metrics -- "${PIN[@]}" node bench/wasm_swd.mjs 100000 batch
measure --name python_pages --metrics -- "${PIN[@]}" .venv/bin/python bench/python_pages.py 100000
if [ "$COMMUNES" -gt 0 ]; then
  measure --name cli_bodies -- "${PIN[@]}" "$BIN" evaluate "$BODIES" --bodies --year 2025 --format csv
  measure --name python_bodies --metrics -- "${PIN[@]}" .venv/bin/python bench/python_bodies.py "$BODIES"
fi

WASM=bindings-wasm/pkg/node/empreinte_wasm_bg.wasm
WASM_FULL=bindings-wasm/pkg/node/empreinte_full_bg.wasm
CONTEXT=$OUT/context.json
python3 - "$CONTEXT" <<EOF
import json, os, platform, subprocess, sys, datetime
sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
    "nproc": os.cpu_count(),
    "mem": sh("free -h | awk '/^Mem:/ {print \$2}'"),
    "os": sh(". /etc/os-release && echo \$PRETTY_NAME") + ", Linux " + platform.release(),
    "rustc": sh("rustc --version"), "node": sh("node --version"),
    "python": sh(".venv/bin/python -c 'import sys; print(sys.version.split()[0])'"),
    "pandas": sh(".venv/bin/python -c 'import pandas; print(pandas.__version__)'"),
    "pyarrow": sh(".venv/bin/python -c 'import pyarrow; print(pyarrow.__version__)'"),
    "wasm_raw": os.path.getsize("$WASM"), "wasm_gz": int(sh("gzip -9 -c $WASM | wc -c")),
    "wasm_full_raw": os.path.getsize("$WASM_FULL"), "wasm_full_gz": int(sh("gzip -9 -c $WASM_FULL | wc -c")),
    "load_before": "$LOAD_BEFORE", "load_after": sh("cut -d' ' -f1-3 /proc/loadavg"),
    "runs": $RUNS, "draws": $DRAWS, "cpu_pin": $CPU,
}, open(sys.argv[1], "w"), indent=1)
EOF

step "results"
python3 bench/report.py "$RESULTS" "$CONTEXT" | tee "$OUT/results.md"
echo
echo "reproduce: bash bench/run.sh"

if [ "${BENCH_CRITERION:-0}" = 1 ]; then
  step "criterion: cargo bench -p empreinte --bench evaluate"
  cargo bench -p empreinte --bench evaluate 2>&1 | grep -E '^[a-z_]+/|time:|thrpt:'
fi
