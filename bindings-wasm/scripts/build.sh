#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg/{web,node,bundler} (never committed): the default
# module `empreinte_wasm` and the full one `empreinte_full`. Copies the web build and the sample
# communes into examples/dashboard/, prints the sizes and fails when the default module exceeds
# its budget (200 KB gzipped; EMPREINTE_WASM_BUDGET_KB overrides it).
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

# Two modules from one crate: the default one (embedded datasets, evaluation, inventory reading,
# GLPI detection: what a dashboard loads first) and the full one (`empreinte/full`: scenarios,
# offers, trajectory, datasets from files, hosting, digital services and GLPI import as well). Size-oriented profile for these builds only (the
# workspace's release profile is untouched).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET_DIR/wasm-modules"
mkdir -p "$OUT"
# The default module is built for size (its budget); the full one for speed (issue 19: evaluation
# within 2x of native), loaded on demand.
for module in 'empreinte_wasm:--no-default-features:"z"' empreinte_full:--features=full:3; do
  name="${module%%:*}"; rest="${module#*:}"; features="${rest%%:*}"; opt="${rest##*:}"
  cargo build -p empreinte-wasm --target wasm32-unknown-unknown --release "$features" \
    --config 'profile.release.lto=true' \
    --config "profile.release.opt-level=$opt" \
    --config 'profile.release.codegen-units=1' \
    --config 'profile.release.panic="abort"'
  cp "$TARGET_DIR/wasm32-unknown-unknown/release/empreinte_wasm.wasm" "$OUT/$name.wasm"
done

PKG="$HERE/pkg"
rm -rf "$PKG"
for name in empreinte_wasm empreinte_full; do
  for t in web:web node:nodejs bundler:bundler; do
    dir="${t%%:*}"; target="${t##*:}"
    wasm-bindgen --target "$target" --remove-name-section --remove-producers-section \
      --out-dir "$PKG/$dir" "$OUT/$name.wasm"
  done
  # The three .wasm files of a module are identical: optimise once (for size, or for speed),
  # copy.
  # For size, the passes are run until they shrink it no more (--converge: about 650 bytes
  # gzipped below one -Oz pass, for a few seconds). -Os gzips smaller than -Oz here (about 200
  # bytes: -Oz's smaller code compresses worse); -iit (no implicit traps: Rust code never relies
  # on a load or a division trapping, its checks are explicit) about 120 more.
  level=(-Os --converge -iit)
  [ "$name" = empreinte_full ] && level=(-O3)
  "$WASM_OPT" "${level[@]}" "$PKG/web/${name}_bg.wasm" -o "$PKG/web/${name}_bg.wasm"
  cp "$PKG/web/${name}_bg.wasm" "$PKG/node/"
  cp "$PKG/web/${name}_bg.wasm" "$PKG/bundler/"
done
# ES modules in web/ and bundler/, CommonJS in node/, whatever the parent package says.
echo '{"type":"module"}' > "$PKG/web/package.json"
echo '{"type":"module"}' > "$PKG/bundler/package.json"
echo '{"type":"commonjs"}' > "$PKG/node/package.json"

# The dashboard example serves the web build, the sample communes and estate (laid out as in
# examples/, so that the estate's relative paths resolve) and the hosting dataset the full module
# does not embed (cloud instances: `defaults().hosting_dataset`) as static files.
DASH="$ROOT/examples/dashboard"
rm -rf "$DASH/pkg" "$DASH/samples" "$DASH/data"
cp -r "$PKG/web" "$DASH/pkg"
mkdir -p "$DASH/samples/communes" "$DASH/samples/estates" "$DASH/data"
cp "$ROOT"/examples/communes/*.csv "$ROOT"/examples/communes/*.json "$DASH/samples/communes/"
cp "$ROOT"/examples/estates/*.toml "$DASH/samples/estates/"
cp -r "$ROOT/reference-data/boavizta-2.5" "$DASH/data/"

for name in empreinte_wasm empreinte_full; do
  RAW=$(wc -c < "$PKG/web/${name}_bg.wasm")
  GZ=$(gzip -9 -c "$PKG/web/${name}_bg.wasm" | wc -c)
  echo "${name}_bg.wasm: ${RAW} bytes raw, ${GZ} bytes gzipped (-9)"
done
# The budget is the default module's, with the default dataset: what a page loads first.
GZ=$(gzip -9 -c "$PKG/web/empreinte_wasm_bg.wasm" | wc -c)
if [ "$GZ" -gt $((BUDGET_KB * 1000)) ]; then
  echo "ERROR: empreinte_wasm_bg.wasm is over its size budget: ${GZ} > $((BUDGET_KB * 1000)) bytes gzipped" >&2
  exit 1
fi
echo "empreinte_wasm_bg.wasm is within its size budget: ${GZ} <= $((BUDGET_KB * 1000)) bytes gzipped"
