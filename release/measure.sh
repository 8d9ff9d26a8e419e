#!/usr/bin/env bash
# Builds each single-file variant for linux-x64 and measures it: the file's size, and the wall time of a
# one-row run against the embedded sandbox (liner-bulk run one.csv --sandbox), the median of N runs
# after one warm-up. Prints a Markdown table for release/README.md.
#
#   release/measure.sh [N]      # N runs a variant (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
work=release/out/measure
mkdir -p "$work"
printf 'lead_id,status\n1,3\n' > "$work/one.csv"

echo "| variant | single file (MB) | archive (MB) | one-row run, median of $runs (ms) |"
echo "|---|---:|---:|---:|"
for variant in plain compressed r2r r2r-compressed trimmed; do
  exe=$(release/build.sh --rid linux-x64 --variant "$variant" --out "$work/$variant" | tail -1)
  archive=$(ls "$work/$variant"/*.tar.gz)
  times=()
  for i in $(seq 0 "$runs"); do
    rm -f "$work"/one.report-*.csv
    start=$(date +%s%N)
    code=0; "$exe" run "$work/one.csv" --sandbox >/dev/null 2>&1 || code=$?
    end=$(date +%s%N)
    [[ $code -eq 0 ]] || { echo "release/measure.sh: $variant: the one-row run exited $code" >&2; exit 1; }
    [[ $i -eq 0 ]] || times+=($(( (end - start) / 1000000 )))
  done
  rm -f "$work"/one.report-*.csv
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  size=$(stat -c %s "$exe"); asize=$(stat -c %s "$archive")
  printf '| %s | %.1f | %.1f | %s |\n' "$variant" "$(awk "BEGIN{print $size/1048576}")" "$(awk "BEGIN{print $asize/1048576}")" "$median"
done
