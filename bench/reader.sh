#!/usr/bin/env bash
# Benchmark of the XLSX reader: `xxgk cells` beside python-calamine and openpyxl (read_only)
# reading the same 100k-cell and 1M-cell sheets (written by XlsxWriter). Prints wall time,
# peak RSS and the ratios to xxgk. Goal: on the big sheet at least as fast as calamine with
# a third of its memory.
set -euo pipefail
cd "$(dirname "$0")/.."
XXGK=${XXGK:-.build-release/release/xxgk}
WORK=${WORK:-/tmp/xxgk-bench-reader}
mkdir -p "$WORK"
for cells in 100000 1000000; do
  file="$WORK/sheet-$cells.xlsx"
  [ -s "$file" ] || python3 bench/reader_make_sheet.py "$file" $((cells / 10))
  printed=$("$XXGK" cells "$file" | wc -l)
  [ "$printed" -eq "$cells" ] || { echo "xxgk cells printed $printed lines for $cells cells" >&2; exit 1; }
  python3 bench/reader_measure.py "$XXGK" "$file" "$cells"
done
