#!/usr/bin/env bash
# Reading a published PDF report (the corpus PDF, 5 pages, made by WPS): xxgk's reader in one
# process (xxgk-pdf-bench: poppler's text layer, layout, text parser), beside poppler's own
# pdftotext -layout on the same file; with valgrind, the instruction count of one read.
set -euo pipefail
cd "$(dirname "$0")/.."
XXGK=${XXGK:-.build-release/release/xxgk}
PDF_BENCH=${PDF_BENCH:-$(dirname "$XXGK")/xxgk-pdf-bench}
PDF=Tests/Fixtures/pdf/02_hongze_quzf_2023.pdf
PAGES=5
"$PDF_BENCH" "$PDF" 50 "$PAGES"
start=$(date +%s.%N)
for _ in $(seq 20); do pdftotext -layout "$PDF" /dev/null; done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v p="$PAGES" 'BEGIN { t = (e - s) / 20 * 1000; printf "pdftotext -layout (process included): %.2f ms per file, %.2f ms per page\n", t, t / p }'
if command -v valgrind >/dev/null; then
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$PDF_BENCH" "$PDF" 1 "$PAGES" 2>&1 | grep -E "Collected" \
    | awk -v p="$PAGES" '{ printf "callgrind, one read in a fresh process: %s instructions, %.1f M per page\n", $4, $4 / p / 1e6 }'
  rm -f "$out"
fi
