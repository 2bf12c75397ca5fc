#!/usr/bin/env bash
# Builds the release wheel, installs it in .venv (created at the repository root if missing),
# and checks the installed package: pytest, stubtest, mypy on the examples.
# Works from a fresh machine with Rust and python3 (>= 3.9, with venv).
#
# With arguments, they go to pytest instead (the wheel is built and installed all the same;
# stubtest and mypy are left out), run from bindings-python/tests/:
#   bash bindings-python/scripts/test.sh -k glpi
#   bash bindings-python/scripts/test.sh test_vectors.py -k village
#   bash bindings-python/scripts/test.sh bindings-python/tests/test_glpi.py::test_import_folder
set -euo pipefail
CALLER=$PWD
cd "$(dirname "$0")/../.."            # repository root
ROOT=$PWD
VENV=$ROOT/.venv
PY=$VENV/bin/python

if [ ! -x "$PY" ]; then
  python3 -m venv "$VENV"
fi
"$PY" -m pip install -q --disable-pip-version-check \
  "maturin==1.16.0" pytest mypy pandas pandas-stubs polars numpy matplotlib "dask[dataframe,distributed]"

# The CLI the tests compare with (built once here, so the first test does not wait for it).
# Cargo honours CARGO_TARGET_DIR (a separate target folder avoids waiting on other builds' locks).
cargo build --release --locked -p empreinte-cli

# Test the installed wheel, not the source tree.
DIST=${CARGO_TARGET_DIR:-$ROOT/target}/wheels-python
rm -rf "$DIST"
(cd bindings-python && "$VENV/bin/maturin" build --release --locked --interpreter "$PY" --out "$DIST")
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$DIST"/empreinte-*.whl

# Run from outside bindings-python/ so `import empreinte` cannot pick up the source folder.
cd "$ROOT/bindings-python/tests"
if [ $# -gt 0 ]; then
  # A test file given from where the script was called (or the repository root) is found too.
  args=()
  for a in "$@"; do
    file=${a%%::*}
    if [[ $a != -* && ! -e $file ]]; then
      for base in "$CALLER" "$ROOT"; do
        if [ -e "$base/$file" ]; then a="$base/$a"; break; fi
      done
    fi
    args+=("$a")
  done
  EMPREINTE_TEST_WHEEL=1 MPLBACKEND=Agg "$PY" -m pytest -q -p no:cacheprovider "${args[@]}"
  exit
fi
EMPREINTE_TEST_WHEEL=1 MPLBACKEND=Agg "$PY" -m pytest -q -p no:cacheprovider --durations=8 .
cd "$ROOT"
"$PY" -m mypy.stubtest empreinte
"$PY" -m mypy --strict examples/python/
echo "bindings-python: all checks passed"
