#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg/{web,node,bundler} (never committed), copies
# the web build and the sample communes into examples/dashboard/, prints the .wasm size and
# fails when it exceeds the budget (200 KB gzipped; EMPREINTE_WASM_BUDGET_KB overrides it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
BUDGET_KB="${EMPREINTE_WASM_BUDGET_KB:-200}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be the exact version of the wasm-bindgen crate in Cargo.lock.
WB_VER=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WB_VER" ]; then
  # Not --locked: its shipped lockfile pins a crate the registry lacks.
  cargo install wasm-bindgen-cli --version "$WB_VER" --no-default-features
fi

# wasm-opt: binaryen from npm (devDependency, version 132). Debian's binaryen 108 is too old:
# its -Oz output breaks wasm-bindgen's externref table ("Table.set(): Argument 1 is invalid").
WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi

# Size-oriented profile for this build only (the workspace's release profile is untouched).
cargo build -p empreinte-wasm --target wasm32-unknown-unknown --release \
  --config 'profile.release.lto=true' \
  --config 'profile.release.opt-level="z"' \
  --config 'profile.release.codegen-units=1' \
  --config 'profile.release.panic="abort"'
WASM="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/empreinte_wasm.wasm"

PKG="$HERE/pkg"
rm -rf "$PKG"
for t in web:web node:nodejs bundler:bundler; do
  dir="${t%%:*}"; target="${t##*:}"
  wasm-bindgen --target "$target" --remove-name-section --remove-producers-section \
    --out-dir "$PKG/$dir" "$WASM"
done
# The three .wasm files are identical: optimise once, copy.
"$WASM_OPT" -Oz "$PKG/web/empreinte_wasm_bg.wasm" -o "$PKG/web/empreinte_wasm_bg.wasm"
cp "$PKG/web/empreinte_wasm_bg.wasm" "$PKG/node/"
cp "$PKG/web/empreinte_wasm_bg.wasm" "$PKG/bundler/"
# ES modules in web/ and bundler/, CommonJS in node/, whatever the parent package says.
echo '{"type":"module"}' > "$PKG/web/package.json"
echo '{"type":"module"}' > "$PKG/bundler/package.json"
echo '{"type":"commonjs"}' > "$PKG/node/package.json"

# The dashboard example serves the web build and the sample communes as static files.
DASH="$ROOT/examples/dashboard"
rm -rf "$DASH/pkg" "$DASH/samples"
cp -r "$PKG/web" "$DASH/pkg"
mkdir -p "$DASH/samples"
cp "$ROOT"/examples/communes/*.csv "$ROOT"/examples/communes/*.json "$DASH/samples/"

RAW=$(wc -c < "$PKG/web/empreinte_wasm_bg.wasm")
GZ=$(gzip -9 -c "$PKG/web/empreinte_wasm_bg.wasm" | wc -c)
echo "empreinte_wasm_bg.wasm: ${RAW} bytes raw, ${GZ} bytes gzipped (-9); budget ${BUDGET_KB} KB gzipped"
if [ "$GZ" -gt $((BUDGET_KB * 1000)) ]; then
  # Known miss, tracked in BENCHMARKS.md (the module carries every capability: hosting, services,
  # GLPI). EMPREINTE_WASM_STRICT_BUDGET=1 turns this into a failure.
  echo "WARNING: the .wasm is OVER its size budget: ${GZ} > $((BUDGET_KB * 1000)) bytes gzipped" >&2
  if [ "${EMPREINTE_WASM_STRICT_BUDGET:-0}" = 1 ]; then
    exit 1
  fi
fi
