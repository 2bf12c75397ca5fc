#!/usr/bin/env bash
# Reproduces a fuzzing run of every parser (cargo-fuzz / libFuzzer).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets: inventory_csv inventory_json glpi_agent glpi_csv dataset_files estate numecoeval
# referential (default: all).
# SECONDS_PER_TARGET defaults to 600. JOBS (default 2) targets run at once.
# Needs a nightly toolchain (`rustup toolchain install nightly`; cargo-fuzz builds with
# -Zsanitizer=address) and `cargo install cargo-fuzz`.
#
# Seeds come from the repository (sample inventories, GLPI samples, the test dataset), so a run
# is reproducible from a clean checkout. Logs: fuzz/logs/<target>.log (the last "#N DONE" or
# "stat::number_of_executed_units" line gives the executions). Crashes land in
# fuzz/artifacts/<target>/; minimise one with
#   cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/crash-...
# and copy it to fuzz/regressions/<target>/ so `cargo test -p empreinte --test fuzz_regressions`
# replays it in CI.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECS="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(inventory_csv inventory_json glpi_agent glpi_csv dataset_files estate numecoeval referential)
JOBS="${JOBS:-2}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

cargo +nightly fuzz build -O

seed() {
  local t=$1 d=corpus/$1
  mkdir -p "$d" "artifacts/$t" logs
  cp -n regressions/"$t"/* "$d"/ 2>/dev/null || true
  case $t in
    inventory_csv)
      cp -n ../examples/communes/*.csv "$d"/
      printf 'category;quantity\nlaptop;2\n' > "$d/min.csv"
      printf 'Cat\xe9gorie;Qt\xe9;\xc9tat\nPC portable;1;reconditionn\xe9\n' > "$d/cp1252.csv"
      printf '\xff\xfec\x00a\x00t\x00e\x00g\x00o\x00r\x00y\x00\n\x00l\x00a\x00p\x00t\x00o\x00p\x00\n\x00' > "$d/utf16.csv" ;;
    inventory_json)
      cp -n ../examples/communes/*.json "$d"/
      echo '[{"category":"laptop","quantity":2,"condition":"refurbished"},{"Catégorie":"écran","Qté":"3"}]' > "$d/min.json"
      echo '{"lines":[{"category":"smartphone","lifetime_years":"4,5","country":"DE"}]}' > "$d/lines.json" ;;
    glpi_agent) cp -n ../tests/glpi/agent/*.json "$d"/ ;;
    glpi_csv) cp -n ../tests/glpi/csv/*.csv "$d"/ ;;
    dataset_files)
      local i=0
      for f in datapackage.json sources.csv zones.csv categories.csv embodied.csv refurbishment.csv electricity.csv; do
        { printf "\\x$(printf %02x $i)"; cat ../core/tests/fixtures/mini/$f; } > "$d/$i-$f"
        i=$((i+1))
      done ;;
    estate)
      cp -n ../examples/estates/*.toml "$d"/
      printf 'year = 2025\n[[fleet]]\npath = "parc.csv"\n[[rooms]]\nname = "S"\n[[rooms.servers]]\nname = "srv-1"\nserver = { generic = true }\n' > "$d/room.toml"
      printf '{"services": [{"visio": {"uses": 3}}, {"website": {"model": "swd4", "bytes": 1e6}, "page_views": 10}]}' > "$d/services.json" ;;
    numecoeval)
      # The files of an inventory, separated by 0x1E (fuzz/src/entry.rs).
      local sep; sep=$(printf '\x1e')
      { for f in ../tests/numecoeval/g4it/inputs/*.csv; do cat "$f"; printf '%s' "$sep"; done; } > "$d/g4it.bin"
      { for f in ../examples/numecoeval/ville-montclair/*.csv; do cat "$f"; printf '%s' "$sep"; done; } > "$d/commune.bin"
      printf 'nomEquipementPhysique;type;nomCourtDatacenter;dateAchat;dateRetrait\nsrv;Server;DC;2020-01-01;2019-01-01\n\x1enomCourtDatacenter,pue,localisation\nDC,0.5,Mars\n' > "$d/bad.bin" ;;
    referential)
      local sep; sep=$(printf '\x1e')
      { for f in ref_criterion ref_lifecycle_step ref_hypothesis ref_item_type ref_item_impact ref_matching_item; do
          cat "../tests/numecoeval/g4it/referential/$f.csv"; printf '%s' "$sep"; done; } > "$d/g4it.bin" ;;
  esac
}

run() {
  local t=$1 maxlen=65536
  local timeout=20
  [ "$t" = glpi_agent ] && maxlen=200000
  # The CSV target reaches the did-you-mean suggestion on every row of a badly split file
  # (slow under ASan): smaller inputs keep it exploring.
  [ "$t" = inventory_csv ] && { maxlen=8192; timeout=60; }
  seed "$t"
  echo "fuzzing $t for ${SECS}s (log: fuzz/logs/$t.log)"
  local start=$(date +%s)
  cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$SECS" -max_len="$maxlen" -timeout="$timeout" -rss_limit_mb=3072 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" > "logs/$t.log" 2>&1 || true
  echo "$t: $(( $(date +%s) - start ))s, $(grep -o 'stat::number_of_executed_units: [0-9]*' "logs/$t.log" | tail -1), crashes: $(ls "artifacts/$t" | wc -l)" | tee -a logs/summary.txt
}

for t in "${TARGETS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 2; done
  run "$t" &
done
wait
cat logs/summary.txt
