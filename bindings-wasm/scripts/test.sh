#!/usr/bin/env bash
# Builds the package, then runs the Node test suite: API, shared vectors, README examples,
# and the dashboard end to end in Debian's Chromium (playwright-core, headless).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

(cd "$HERE" && npm ci --no-audit --no-fund)
"$HERE/scripts/build.sh"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
# The dashboard test compares with the CLI's JSON: build it from the same core sources.
(cd "$ROOT" && cargo build --release -p empreinte-cli)

cd "$HERE"
node --test tests/*.test.mjs
