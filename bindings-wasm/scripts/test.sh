#!/usr/bin/env bash
# Builds the package, then runs the Node test suite: API, shared vectors, README examples,
# and the dashboard end to end in Debian's Chromium (playwright-core, headless).
#
# With arguments, they go to `node --test` (after the same build): test files (from where the
# script was called, the repository root or bindings-wasm/; default: every tests/*.test.mjs) and
# options, written `--option=value`:
#   bash bindings-wasm/scripts/test.sh tests/api.test.mjs
#   bash bindings-wasm/scripts/test.sh --test-name-pattern=glpi
#   bash bindings-wasm/scripts/test.sh bindings-wasm/tests/vectors.test.mjs --test-name-pattern='village-2025'
set -euo pipefail
CALLER=$PWD
HERE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

(cd "$HERE" && npm ci --no-audit --no-fund)
"$HERE/scripts/build.sh"

# pkg/panic-test: the default module for Node with the test-only export `__panicForTest` (cargo
# feature `panic-test`), built with the published modules' flags, for tests/panic.test.mjs.
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build -p empreinte-wasm --target wasm32-unknown-unknown --release \
  --no-default-features --features panic-test \
  --config 'profile.release.lto=true' \
  --config 'profile.release.opt-level="z"' \
  --config 'profile.release.codegen-units=1' \
  --config 'profile.release.panic="abort"')
wasm-bindgen --target nodejs --out-dir "$HERE/pkg/panic-test" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/empreinte_wasm.wasm"
echo '{"type":"commonjs"}' > "$HERE/pkg/panic-test/package.json"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
# The dashboard test compares with the CLI's JSON: build it from the same core sources.
(cd "$ROOT" && cargo build --release -p empreinte-cli)

cd "$HERE"
# Options before files: node reads whatever follows a file as files.
options=()
files=()
for a in "$@"; do
  if [[ $a == -* ]]; then
    options+=("$a")
    continue
  fi
  for base in "$CALLER" "$ROOT" "$HERE"; do
    if [ -e "$base/$a" ]; then a="$base/$a"; break; fi
  done
  files+=("$a")
done
if [ ${#files[@]} -eq 0 ]; then
  files=(tests/*.test.mjs)
fi
node --test ${options[@]+"${options[@]}"} "${files[@]}"
