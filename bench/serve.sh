#!/usr/bin/env bash
# Benchmark of the web page: 300 submissions uploaded through the API of `xxgk serve`
# (20 concurrent requests of 15 files, and one file per request), the round's page for 300
# departments rendered, the summary and the total downloaded — beside `xxgk check`,
# `xxgk check --summary` and `xxgk sum` on the same files. Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}
XXGK=${XXGK:-.build-release/release/xxgk}
WORK=${WORK:-/tmp/xxgk-bench-serve}
rm -rf "$WORK" && mkdir -p "$WORK/json" "$WORK/xlsx"

python3 bench/make_reports.py templates/form-2021.json "$WORK/json" "$N" 11
ls "$WORK/json" | sed 's/\.json$//' | xargs -P "$(nproc)" -I{} "$XXGK" convert "$WORK/json/{}.json" "$WORK/xlsx/{}.xlsx"
echo "$N filled workbooks in $WORK/xlsx ($(du -sh "$WORK/xlsx" | cut -f1))"

seconds() { python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[2:], stdout=open(sys.argv[1],"w"), stderr=subprocess.DEVNULL); print(f"{time.perf_counter()-t:.3f}")' "$@"; }
check=$(seconds "$WORK/check.out" "$XXGK" check "$WORK/xlsx")
summary=$(seconds "$WORK/summary.out" "$XXGK" check "$WORK/xlsx" --summary "$WORK/cli-summary.xlsx")
sum=$(seconds "$WORK/sum.out" "$XXGK" sum "$WORK/xlsx" -o "$WORK/cli-total.xlsx")

python3 bench/serve_client.py "$XXGK" "$WORK/xlsx" "$N" "$check" "$summary" "$sum"
