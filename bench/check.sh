#!/usr/bin/env bash
# Benchmark of the disclosure office's job: `xxgk check` over 1,000 filled workbooks, beside
# a straightforward openpyxl script doing the same reads and checks. Prints both times and
# the ratio. Goal: under 2 s on 2 cores for the 1,000.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
XXGK=${XXGK:-.build-release/release/xxgk}
WORK=${WORK:-/tmp/xxgk-bench-check}
rm -rf "$WORK" && mkdir -p "$WORK/json" "$WORK/xlsx"

python3 bench/make_reports.py templates/form-2021.json "$WORK/json" "$N" 7
ls "$WORK/json" | sed 's/\.json$//' | xargs -P "$(nproc)" -I{} "$XXGK" convert "$WORK/json/{}.json" "$WORK/xlsx/{}.xlsx"
echo "$N filled workbooks in $WORK/xlsx ($(du -sh "$WORK/xlsx" | cut -f1))"

# Wall-clock seconds of a command (its output to a file).
seconds() { python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[2:], stdout=open(sys.argv[1],"w")); print(f"{time.perf_counter()-t:.3f}")' "$@"; }
# In English: the count below looks for the English status word (the default is Chinese, 通过).
ours=$(seconds "$WORK/xxgk.out" env XXGK_LANG=en "$XXGK" check "$WORK/xlsx")
theirs=$(seconds "$WORK/openpyxl.out" python3 bench/check_openpyxl.py templates "$WORK/xlsx")

passed=$(grep -c ': passed' "$WORK/xxgk.out" || true)
printf 'xxgk check:      %6.2f s for %d workbooks (%d passed)\n' "$ours" "$N" "$passed"
printf 'openpyxl script: %6.2f s (%s)\n' "$theirs" "$(cat "$WORK/openpyxl.out")"
python3 -c "import sys; print(f'ratio openpyxl / xxgk: {float(sys.argv[2]) / float(sys.argv[1]):.1f}x')" "$ours" "$theirs"
