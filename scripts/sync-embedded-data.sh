#!/usr/bin/env bash
# Copies reference-data/<id>/ into core/data/<id>/, the crate-local copy compiled into the
# library (include_str! cannot reach outside the crate when it is packaged).
# core/tests/embedded_data.rs fails when the two drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
for id in ademe-negaoctet-2022 boavizta-2.5; do
  rm -rf "core/data/$id"
  mkdir -p "core/data/$id"
  cp reference-data/"$id"/*.csv reference-data/"$id"/datapackage.json "core/data/$id/"
done
echo "core/data synced from reference-data/"
