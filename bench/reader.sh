#!/usr/bin/env bash
# Benchmark of the streaming reader: `xxgk cells` beside python-calamine and openpyxl
# (read-only) on one sheet of 100k and of 1M cells (time and peak memory, via /usr/bin/time -v),
# then the import of 1,000 filled templates (`xxgk check` on the folder, one process).
# Goals: on the big sheets at least as fast as calamine with a third of its memory; a filled
# template imported in under 2 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
XXGK=${XXGK:-.build-release/release/xxgk}
WORK=${WORK:-/tmp/xxgk-bench-reader}
N=${N:-1000}
rm -rf "$WORK" && mkdir -p "$WORK"

# "wall-seconds peak-KB cpu-seconds" of a command, its output kept in $WORK/out.
measure() {
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$WORK/out" 2>/dev/null
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$WORK/time"
}

for cells in 100000 1000000; do
  file="$WORK/sheet-$cells.xlsx"
  python3 bench/make_big_sheet.py "$file" "$cells"
  read -r ours_s ours_kb _ < <(measure "$XXGK" cells "$file")
  ours_lines=$(wc -l < "$WORK/out")
  read -r cal_s cal_kb _ < <(measure python3 bench/read_python.py calamine "$file")
  read -r opx_s opx_kb _ < <(measure python3 bench/read_python.py openpyxl "$file")
  echo "sheet of $cells cells ($(du -h "$file" | cut -f1)), $ours_lines cells printed by xxgk cells:"
  printf '  %-22s %7.2f s %8.1f MB\n' "xxgk cells" "$ours_s" "$(awk "BEGIN { print $ours_kb / 1024 }")"
  printf '  %-22s %7.2f s %8.1f MB\n' "python-calamine" "$cal_s" "$(awk "BEGIN { print $cal_kb / 1024 }")"
  printf '  %-22s %7.2f s %8.1f MB\n' "openpyxl read-only" "$opx_s" "$(awk "BEGIN { print $opx_kb / 1024 }")"
  python3 -c "import sys; o,ok,c,ck,p=map(float,sys.argv[1:]); print(f'  ratios: calamine/xxgk time {c/o:.2f}x, memory {ck/ok:.2f}x; openpyxl/xxgk time {p/o:.2f}x')" \
    "$ours_s" "$ours_kb" "$cal_s" "$cal_kb" "$opx_s"
done

mkdir -p "$WORK/json" "$WORK/xlsx"
python3 bench/make_reports.py templates/form-2021.json "$WORK/json" "$N" 11
ls "$WORK/json" | sed 's/\.json$//' | xargs -P "$(nproc)" -I{} "$XXGK" convert "$WORK/json/{}.json" "$WORK/xlsx/{}.xlsx"
read -r import_s import_kb import_cpu < <(measure "$XXGK" check "$WORK/xlsx" || true)
# check reads the files in parallel: CPU time per file is the cost of one import (plus its checks).
python3 -c "import sys; s,kb,cpu=map(float,sys.argv[1:4]); n=int(sys.argv[4]); print(f'import + check of {n} filled templates (xxgk check, one process): {s:.2f} s wall, {1000*s/n:.2f} ms each; CPU {1000*cpu/n:.2f} ms each; peak {kb/1024:.1f} MB')" \
  "$import_s" "$import_kb" "$import_cpu" "$N"
