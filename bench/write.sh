#!/usr/bin/env bash
# Benchmark of the workbook writer: `xxgk template` as a whole process and 1,000 filled
# workbooks written in one process (xxgk-workbook-bench), beside Python's XlsxWriter writing
# the same workbooks (bench/xlsxwriter_same_workbook.py). Prints both times and the ratios.
# Aim: a filled workbook in under 5 ms of CPU, and faster than XlsxWriter.
set -euo pipefail
cd "$(dirname "$0")/.."
XXGK=${XXGK:-.build-release/release/xxgk}
WORKBOOK_BENCH=${WORKBOOK_BENCH:-$(dirname "$XXGK")/xxgk-workbook-bench}
python3 bench/run_bench.py "$XXGK" "$WORKBOOK_BENCH" examples/000_dongxihu_2020.json "${N:-1000}" "${PY_N:-200}"
