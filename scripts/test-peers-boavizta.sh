#!/usr/bin/env bash
# Conformance of empreinte with BoaviztAPI 2.5.0 (servers, cloud instances, terminals), called
# in-process from Python. From a fresh clone: creates .venv-peers (gitignored), installs
# boaviztapi==2.5.0 from PyPI, builds the CLI, runs tests/peers/boavizta/conformance.py.
# Exit status non-zero on any mismatch (tolerance 1e-6 relative on unrounded values).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-peers
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import boaviztapi, importlib.metadata as m; assert m.version('boaviztapi') == '2.5.0'" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet "boaviztapi==2.5.0"
fi
cargo build --release --locked -p empreinte-cli
TARGET="${CARGO_TARGET_DIR:-target}"
"$VENV/bin/python" tests/peers/boavizta/conformance.py --empreinte "$TARGET/release/empreinte" "$@"
