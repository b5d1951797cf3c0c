#!/usr/bin/env bash
# usage: compare.sh NEWBINARY REFBINARY
# The differential test of the web-page reader: a change that should not change what is read
# (speed work) is run against the binary before it (e.g. main's, built in a worktree).
# Runs `BIN convert PAGE out.json` (XXGK_LANG=en) with both binaries on every page of
# .build-htmldiff/pages (make_variants.py), in the same working-directory layout so that paths printed
# are identical, and compares exit code, combined stdout+stderr, and the JSON bytes.
# Prints `DIFF: page (rcA/rcB) [what]` per difference, then `N pages, M differ`.
# Env: PAGES=dir (default: .build-htmldiff/pages), JOBS=2 (parallel runs),
#      KEEP=1 keep the work directory (its path is printed) to inspect differences.
set -u
here=$(cd "$(dirname "$0")" && pwd)
new=${1:?usage: compare.sh NEWBINARY REFBINARY}
ref=${2:?usage: compare.sh NEWBINARY REFBINARY}
pages=${PAGES:-$here/../../.build-htmldiff/pages}
jobs=${JOBS:-2}
for b in "$new" "$ref"; do [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 64; }; done
new=$(cd "$(dirname "$new")" && pwd)/$(basename "$new")
ref=$(cd "$(dirname "$ref")" && pwd)/$(basename "$ref")
work=$(mktemp -d /tmp/htmldiff.XXXXXX)
mkdir -p "$work/A" "$work/B" "$work/res"
export XXGK_LANG=en new ref work

one() {
  page=$1; name=$(basename "$page")
  for side in A B; do
    bin=$ref; [ $side = B ] && bin=$new
    d=$work/$side/$name; mkdir -p "$d"
    (cd "$d" && timeout 60 "$bin" convert "$page" out.json >out.txt 2>&1; echo $? >rc)
  done
  a=$work/A/$name; b=$work/B/$name
  ra=$(cat "$a/rc"); rb=$(cat "$b/rc"); why=
  [ "$ra" = "$rb" ] || why="$why rc"
  cmp -s "$a/out.txt" "$b/out.txt" || why="$why output"
  if [ -f "$a/out.json" ] || [ -f "$b/out.json" ]; then
    cmp -s "$a/out.json" "$b/out.json" 2>/dev/null || why="$why json"
  fi
  if [ -n "$why" ]; then
    echo "DIFF: $name ($ra/$rb)$why" >"$work/res/$name"
  else
    echo "$ra" >"$work/res/$name"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$a" "$b"
  fi
}
export -f one

find "$pages" -maxdepth 1 -type f -name '*.html' -print0 | sort -z | xargs -0 -n 1 -P "$jobs" bash -c 'one "$1"' _
n=0; m=0
for f in "$work"/res/*; do
  [ -e "$f" ] || continue
  n=$((n+1)); line=$(cat "$f")
  case $line in DIFF:*) m=$((m+1)); echo "$line";; esac
done
# exit-code distribution of the reference binary
cat "$work"/A/*/rc 2>/dev/null >/dev/null
dist=$(for f in "$work"/res/*; do l=$(cat "$f"); case $l in DIFF:*) echo "$l" | sed -E 's/.*\(([^/]*)\/.*/\1/';; *) echo "$l";; esac; done | sort | uniq -c | awk '{printf "%s rc=%s: %s", (NR>1?",":""), $2, $1}')
echo "reference exit codes:$dist"
if [ "${KEEP:-0}" = 1 ] || [ $m -gt 0 ]; then echo "work directory (differing pages' outputs in A/ and B/): $work"; else rm -rf "$work"; fi
echo "$n pages, $m differ"
[ $m = 0 ]
