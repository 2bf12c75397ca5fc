#!/usr/bin/env bash
# Every test of the project, from a fresh machine of the project's kind: installs what it
# needs (wasm32 target, wasm-bindgen-cli, Chromium, Python virtual environments, npm
# packages, the peer tools), then runs the Rust suites (with the shared vectors, the bad-input
# catalog and the fuzzing regressions), the data drift checks, the WebAssembly suites (Node and
# headless Chromium), the Python suite, the REEN review in Chromium, and the conformance
# suites against BoaviztAPI, CO2.js, ecoindex-compute and ADEME's model.
# README.md gives this command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
# Incremental caches are useless on a one-shot run and take gigabytes of disk.
export CARGO_INCREMENTAL=0
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
# Each step starts by saying how much disk the run has used and has left: a CI machine's disk
# is small, and a full disk fails a build with an error far from its cause.
step() {
  printf '\n==== %s ====\n' "$*"
  printf '(target: %s; free: %s)\n' "$(du -sh "$TARGET_DIR" 2>/dev/null | cut -f1)" \
    "$(df -h . | awk 'NR==2 {print $4}')"
}

step "format and lints"
cargo fmt --all -- --check
python3 scripts/check_front_ends.py
python3 -m unittest -q scripts/tests/test_front_ends_check.py
cargo clippy --workspace --exclude empreinte-wasm --all-targets --locked -- -D warnings
# The wasm crate on its own target, both modules: the default one (--no-default-features) and
# empreinte/full.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
cargo clippy -p empreinte-wasm --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings
cargo clippy -p empreinte-wasm --target wasm32-unknown-unknown --features full --locked -- -D warnings
# No two modules of a crate import each other (scripts/tests: the check fails on planted cycles).
python3 scripts/check_module_cycles.py
python3 -m unittest -q scripts/tests/test_module_cycles.py
# The core crate's docs.rs pages: every public item documented (missing_docs is warn in the
# crate, denied here), no broken intra-doc link, with and without the default features.
RUSTDOCFLAGS="-D warnings" cargo doc -p empreinte --no-deps --locked
RUSTDOCFLAGS="-D warnings" cargo doc -p empreinte --no-deps --locked --no-default-features

step "Rust tests (core, CLI)"
cargo test -p empreinte -p empreinte-cli --locked

step "reference data and samples: generated files match their generators"
if [ -d ../shared/reference-sources ]; then
  python3 reference-data/tools/generate.py --check
else
  echo "(../shared/reference-sources absent: reference-data drift check skipped)"
fi
python3 reference-data/tools/validate.py
python3 examples/tools/generate_communes.py --check
python3 core/tools/gen_names_fold.py --check
# Every later step uses release builds: the debug tree (test binaries, clippy's and rustdoc's
# metadata) is no longer needed, and the disk is.
rm -rf "$TARGET_DIR/debug" "$TARGET_DIR/doc"

step "WebAssembly: build, Node tests, headless Chromium dashboard"
bash bindings-wasm/scripts/test.sh

step "Python: wheel, pytest, stubtest, mypy"
bash bindings-python/scripts/test.sh

step "REEN review: rendered in headless Chromium, printed to PDF, figures checked against JSON"
bash scripts/test-report.sh

step "Conformance with the peers: BoaviztAPI (PyPI), in-process"
bash scripts/test-peers-boavizta.sh

step "Conformance with the peers: CO2.js and ADEME's model (npm), ecoindex-compute (PyPI)"
bash scripts/test-peers-services.sh

step "all tests passed"
