#!/bin/bash
# Every labelled claim set against its store, at the given revisions and the working tree:
# benchmarks/results/<store>/<revision>.json (claim id -> verdict) and <store>.md (per-kind table).
#
#     bash benchmarks/all_verdicts.sh c5edf25 7551141
#
# An earlier revision runs from a temporary worktree with this checkout's verdicts.py.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
declare -A sets=(
  [shipped]="data/claims.yaml|benchmarks/claims/dev.jsonl benchmarks/claims/heldout.jsonl benchmarks/claims-final/final.jsonl benchmarks/claims/telecom-tune.jsonl benchmarks/claims/telecom-heldout.jsonl benchmarks/claims/shipped2-tune.jsonl benchmarks/claims/shipped2-heldout.jsonl benchmarks/claims/shipped3-final.jsonl benchmarks/claims/shipped4-final.jsonl benchmarks/claims/shipped5-final.jsonl benchmarks/claims/shipped6-final.jsonl benchmarks/claims/shipped7-final.jsonl benchmarks/claims/shipped8-final.jsonl benchmarks/claims/shipped9-final.jsonl benchmarks/claims/shipped10-final.jsonl benchmarks/claims/shipped11-final.jsonl benchmarks/claims/shipped12-final.jsonl benchmarks/claims/shipped13-final.jsonl benchmarks/claims/shipped14-final.jsonl benchmarks/claims/shipped15-final.jsonl benchmarks/claims/shipped16-final.jsonl benchmarks/claims/shipped17-final.jsonl benchmarks/claims/shipped18-final.jsonl benchmarks/claims/shipped19-final.jsonl benchmarks/claims/shipped20-final.jsonl benchmarks/claims/shipped21-final.jsonl benchmarks/claims/shipped22-final.jsonl"
  [telecom-alt]="benchmarks/stores/telecom-alt|benchmarks/claims/telecom-tune.jsonl benchmarks/claims/telecom-heldout.jsonl"
  [harbour]="benchmarks/stores/harbour|benchmarks/claims/harbour-tune.jsonl benchmarks/claims/harbour-heldout.jsonl benchmarks/claims/harbour-final2.jsonl benchmarks/claims/harbour-final3.jsonl"
  [airline]="benchmarks/stores/airline|benchmarks/claims/airline-tune.jsonl benchmarks/claims/airline-heldout.jsonl benchmarks/claims/airline-final.jsonl benchmarks/claims/airline-final2.jsonl benchmarks/claims/airline-final3.jsonl"
  [pharma]="benchmarks/stores/pharma|benchmarks/claims/pharma-final.jsonl benchmarks/claims/pharma-final2.jsonl benchmarks/claims/pharma-final3.jsonl"
  [media]="benchmarks/stores/media|benchmarks/claims/media-final.jsonl benchmarks/claims/media-final2.jsonl benchmarks/claims/media-final3.jsonl"
  [banking]="benchmarks/stores/banking|benchmarks/claims/banking-final.jsonl benchmarks/claims/banking-final2.jsonl benchmarks/claims/banking-final3.jsonl benchmarks/claims/banking-final4.jsonl"
  [grocery]="benchmarks/stores/grocery|benchmarks/claims/grocery-final.jsonl benchmarks/claims/grocery-final2.jsonl"
  [chips]="benchmarks/stores/chips|benchmarks/claims/chips-final.jsonl"
  [autos]="benchmarks/stores/autos|benchmarks/claims/autos-final.jsonl"
  [fintech]="benchmarks/stores/fintech|benchmarks/claims/fintech-final.jsonl benchmarks/claims/fintech-final2.jsonl"
  [agri]="benchmarks/stores/agri|benchmarks/claims/agri-final.jsonl"
  [health]="benchmarks/stores/health|benchmarks/claims/health-final.jsonl"
  [build]="benchmarks/stores/build|benchmarks/claims/build-final.jsonl"
  [travel]="benchmarks/stores/travel|benchmarks/claims/travel-final.jsonl"
  [energy]="benchmarks/stores/energy|benchmarks/claims/energy-tune.jsonl benchmarks/claims/energy-heldout.jsonl benchmarks/claims/energy-final.jsonl benchmarks/claims/energy-final2.jsonl"
  [mining]="benchmarks/stores/mining|benchmarks/claims/mining-final.jsonl"
  [insure]="benchmarks/stores/insure|benchmarks/claims/insure-final.jsonl benchmarks/claims/insure-final2.jsonl"
  [aero]="benchmarks/stores/aero|benchmarks/claims/aero-final.jsonl"
  [luxury]="benchmarks/stores/luxury|benchmarks/claims/luxury-final.jsonl"
  [sport]="benchmarks/stores/sport|benchmarks/claims/sport-final.jsonl"
  [utility]="benchmarks/stores/utility|benchmarks/claims/utility-final.jsonl"
  [gaming]="benchmarks/stores/gaming|benchmarks/claims/gaming-final.jsonl"
  [delivery]="benchmarks/stores/delivery|benchmarks/claims/delivery-final.jsonl"
  [shipping]="benchmarks/stores/shipping|benchmarks/claims/shipping-final.jsonl benchmarks/claims/shipping-final2.jsonl"
  [cloud]="benchmarks/stores/cloud|benchmarks/claims/cloud-final.jsonl"
  [rail]="benchmarks/stores/rail|benchmarks/claims/rail-final.jsonl benchmarks/claims/rail-final2.jsonl"
  [property]="benchmarks/stores/property|benchmarks/claims/property-final.jsonl"
  [music]="benchmarks/stores/music|benchmarks/claims/music-final.jsonl"
  [hotels]="benchmarks/stores/hotels|benchmarks/claims/hotels-final.jsonl benchmarks/claims/hotels-final2.jsonl benchmarks/claims/hotels-final3.jsonl"
  [towers]="benchmarks/stores/towers|benchmarks/claims/towers-final.jsonl"
  [steel]="benchmarks/stores/steel|benchmarks/claims/steel-final.jsonl benchmarks/claims/steel-final2.jsonl"
  [space]="benchmarks/stores/space|benchmarks/claims/space-final.jsonl"
  [brewing]="benchmarks/stores/brewing|benchmarks/claims/brewing-final.jsonl"
  [edtech]="benchmarks/stores/edtech|benchmarks/claims/edtech-final.jsonl"
  [chemicals]="benchmarks/stores/chemicals|benchmarks/claims/chemicals-final.jsonl"
  [cyber]="benchmarks/stores/cyber|benchmarks/claims/cyber-final.jsonl"
  [defence]="benchmarks/stores/defence|benchmarks/claims/defence-final.jsonl"
  [waste]="benchmarks/stores/waste|benchmarks/claims/waste-final.jsonl"
  [paper]="benchmarks/stores/paper|benchmarks/claims/paper-final.jsonl"
  [nuclear]="benchmarks/stores/nuclear|benchmarks/claims/nuclear-final.jsonl"
  [fisheries]="benchmarks/stores/fisheries|benchmarks/claims/fisheries-final.jsonl"
  [concessions]="benchmarks/stores/concessions|benchmarks/claims/concessions-final.jsonl"
  [pharmacy]="benchmarks/stores/pharmacy|benchmarks/claims/pharmacy-final.jsonl"
  [cement]="benchmarks/stores/cement|benchmarks/claims/cement-final.jsonl"
  [offshore]="benchmarks/stores/offshore|benchmarks/claims/offshore-final.jsonl"
  [games]="benchmarks/stores/games|benchmarks/claims/games-final.jsonl"
  [forestry]="benchmarks/stores/forestry|benchmarks/claims/forestry-final.jsonl"
  [mobility]="benchmarks/stores/mobility|benchmarks/claims/mobility-final.jsonl"
  [airports]="benchmarks/stores/airports|benchmarks/claims/airports-final.jsonl"
  [dairy]="benchmarks/stores/dairy|benchmarks/claims/dairy-final.jsonl"
  [textiles]="benchmarks/stores/textiles|benchmarks/claims/textiles-final.jsonl"
  [alpine]="benchmarks/stores/alpine|benchmarks/claims/alpine-final.jsonl"
)
here=$PWD
for store in "${!sets[@]}"; do mkdir -p "benchmarks/results/$store"; done
for revision in "$@"; do
  tree=$(mktemp -d)
  git worktree add -q --detach "$tree" "$revision"
  for store in "${!sets[@]}"; do
    IFS='|' read -r path claims <<< "${sets[$store]}"
    (cd "$tree" && PYTHONPATH="$tree" "$here/$python" "$here/benchmarks/verdicts.py" $(for c in $claims; do echo "$here/$c"; done) \
      --store "$here/$path" --save "$here/benchmarks/results/$store/$revision.json" > /dev/null)
  done
  git worktree remove --force "$tree"
done
for store in "${!sets[@]}"; do
  IFS='|' read -r path claims <<< "${sets[$store]}"
  compare=$(for revision in "$@"; do echo "--compare benchmarks/results/$store/$revision.json"; done)
  "$python" benchmarks/verdicts.py $claims --store "$path" --save "benchmarks/results/$store/now.json" $compare \
    > "benchmarks/results/$store.md"
done
