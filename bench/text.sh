#!/usr/bin/env bash
# Instructions (valgrind callgrind) to parse each corpus text report, for main's parser and
# this tree's, and the start-up cost of the binary. Instruction counts do not depend on the
# machine's load, so the figures repeat exactly on a shared machine.
#
# Parse: `ReportText.parse` counted alone (--toggle-collect), inside `xxgk convert FILE.txt`;
# it includes what the first parse of a process builds (form catalogue, caches). "warm" is
# the cost of a further parse in the same process: xxgk-text-bench with 2 parses minus 1.
# Web page and PDF page: `HTMLReport.read` / `PDFReport.read` counted alone inside `xxgk convert`.
# Start-up: the whole process of `xxgk --version`, `xxgk forms` and a small convert (JSON → JSON).
#
# main's release binary is built once in .build-bench-main (a git worktree of main).
set -euo pipefail
cd "$(dirname "$0")/.."
# String hashing is seeded per process: without this a warm figure moved by up to 0.7M
# between two runs of one binary.
export SWIFT_DETERMINISTIC_HASHING=1
XXGK=${XXGK:-.build-release/release/xxgk}
BENCH=.build-release/release/xxgk-text-bench
command -v valgrind >/dev/null || { echo "text.sh: valgrind is needed (apt-get install valgrind)"; exit 1; }
[ -x "$XXGK" ] || swift build -c release --build-path .build-release --product xxgk
[ -x "$BENCH" ] || swift build -c release --build-path .build-release --product xxgk-text-bench
MAIN=.build-bench-main/build/release/xxgk
if [ ! -x "$MAIN" ]; then
  [ -d .build-bench-main/src ] || git worktree add --detach .build-bench-main/src main >/dev/null
  (cd .build-bench-main/src && swift build -c release --product xxgk --build-path ../build >/dev/null)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind 3.19 gives up on the debug info of the big xxgk binary ("Possibly corrupted debuginfo
# file"): it counts stripped copies, whose symbol tables still name the functions.
strip --strip-debug -o "$out/xxgk-main" "$MAIN"
strip --strip-debug -o "$out/xxgk-tree" "$XXGK"
MAIN="$out/xxgk-main"
XXGK="$out/xxgk-tree"

# Instructions of a whole run, or with a function name of only that function (and its callees).
count() {
  local toggle=()
  if [ "$1" != "-" ]; then toggle=("--toggle-collect=$1"); fi
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "${toggle[@]}" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
mega() { awk -v n="$1" 'BEGIN { printf "%.1fM", n / 1e6 }'; }
parse='$s10ReportTextAAO5parse*'

printf '%-32s %12s %12s %8s %12s\n' "report (ReportText.parse)" "main" "this tree" "ratio" "warm"
for file in Tests/Fixtures/corpus/*.txt; do
  before=$(count "$parse" "$MAIN" convert "$file" "$out/main.json")
  after=$(count "$parse" "$XXGK" convert "$file" "$out/new.json")
  one=$(count - "$BENCH" "$file" 1)
  two=$(count - "$BENCH" "$file" 2)
  cmp -s "$out/main.json" "$out/new.json" || echo "  note: $(basename "$file"): output differs from main's"
  printf '%-32s %12s %12s %7.1fx %12s\n' "$(basename "$file")" "$(mega "$before")" "$(mega "$after")" \
    "$(awk -v a="$before" -v b="$after" 'BEGIN { print a / b }')" "$(mega $((two - one)))"
done

# A published page (HTMLReport.read, counted alone) and a PDF page (PDFReport.read over the
# corpus PDF's 5 pages, per page): both end in the text parser, whose first parse builds the caches.
echo
printf '%-32s %12s %12s\n' "web page (HTMLReport.read)" "main" "this tree"
for file in Tests/Fixtures/html/*.html; do
  printf '%-32s %12s %12s\n' "$(basename "$file")" "$(mega "$(count '$s10HTMLReportAAO4read*' "$MAIN" convert "$file" "$out/h1.json")")" \
    "$(mega "$(count '$s10HTMLReportAAO4read*' "$XXGK" convert "$file" "$out/h2.json")")"
done
# The web-page reader alone, warm (issue 14's goal: under 10M): a second read in one process
# (xxgk-text-bench, 2 reads less 1) less the text parse inside it.
strip --strip-debug -o "$out/bench" "$BENCH"
printf '%-32s %12s %12s %12s\n' "web page, warm" "read" "text parse" "reader"
for file in Tests/Fixtures/html/*.html; do
  read1=$(count - "$out/bench" "$file" 1); read2=$(count - "$out/bench" "$file" 2)
  parse1=$(count '$s10ReportTextAAO5parse4text*' "$out/bench" "$file" 1); parse2=$(count '$s10ReportTextAAO5parse4text*' "$out/bench" "$file" 2)
  printf '%-32s %12s %12s %12s\n' "$(basename "$file")" "$(mega $((read2 - read1)))" "$(mega $((parse2 - parse1)))" \
    "$(mega $((read2 - read1 - parse2 + parse1)))"
done
pdf=Tests/Fixtures/pdf/02_hongze_quzf_2023.pdf
perpage() { awk -v n="$1" 'BEGIN { printf "%.1fM", n / 5 / 1e6 }'; }
printf '%-32s %12s %12s\n' "PDF page (PDFReport.read / 5)" "$(perpage "$(count '$s9PDFReportAAO4read*' "$MAIN" convert "$pdf" "$out/p1.json")")" \
  "$(perpage "$(count '$s9PDFReportAAO4read*' "$XXGK" convert "$pdf" "$out/p2.json")")"

echo
printf '%-32s %12s %12s\n' "start-up (whole process)" "main" "this tree"
printf '%-32s %12s %12s\n' "xxgk --version" "$(mega "$(count - "$MAIN" --version)")" "$(mega "$(count - "$XXGK" --version)")"
printf '%-32s %12s %12s\n' "xxgk forms" "$(mega "$(count - "$MAIN" forms)")" "$(mega "$(count - "$XXGK" forms)")"
printf '%-32s %12s %12s\n' "xxgk convert 000.json x.json" "$(mega "$(count - "$MAIN" convert examples/000_dongxihu_2020.json "$out/a.json")")" \
  "$(mega "$(count - "$XXGK" convert examples/000_dongxihu_2020.json "$out/b.json")")"
# Wall time of 20 runs of the text convert of the flattened report, each binary.
for binary in "$MAIN" "$XXGK"; do
  start=$(date +%s%N)
  for _ in $(seq 20); do "$binary" convert Tests/Fixtures/corpus/08_pingtan_2024.txt "$out/t.json" >/dev/null 2>&1 || true; done
  printf '%-32s %12s\n' "20 x convert 08_pingtan ($([ "$binary" = "$MAIN" ] && echo main || echo this))" "$(( ($(date +%s%N) - start) / 1000000 )) ms"
done
