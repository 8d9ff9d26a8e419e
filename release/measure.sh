#!/usr/bin/env bash
# Builds each single-file variant for linux-x64 and measures it: the file's size, the archive's, and the
# wall time of `liner-bulk --version` and of a one-row run against the embedded sandbox
# (liner-bulk run one.csv --sandbox), each the median of N runs after one warm-up. Prints a Markdown
# table for release/README.md. It builds in this tree: run nothing else that builds meanwhile.
#
#   release/measure.sh [N [VARIANT...]]   # N runs a variant (default 7); every variant by default
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=(plain compressed r2r r2r-compressed trimmed trimmed-r2r)
work=release/out/measure
mkdir -p "$work"
printf 'lead_id,status\n1,3\n' > "$work/one.csv"

echo "| variant | single file (MB) | archive (MB) | --version (ms) | one-row run (ms) |"
echo "|---|---:|---:|---:|---:|"

# median N COMMAND...: the median wall time in ms of N runs after a warm-up; each must exit 0.
median() {
  local n=$1; shift
  local times=() i start end
  for i in $(seq 0 "$n"); do
    rm -f "$work"/one.report-*.csv
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "release/measure.sh: '$*' failed" >&2; exit 1; }
    end=$(date +%s%N)
    [[ $i -eq 0 ]] || times+=($(( (end - start) / 1000000 )))
  done
  rm -f "$work"/one.report-*.csv
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p"
}
for variant in "${variants[@]}"; do
  exe=$(release/build.sh --rid linux-x64 --variant "$variant" --out "$work/$variant" | tail -1)
  archive=$(ls "$work/$variant"/*.tar.gz)
  version_ms=$(median "$runs" "$exe" --version)
  run_ms=$(median "$runs" "$exe" run "$work/one.csv" --sandbox)
  size=$(stat -c %s "$exe"); asize=$(stat -c %s "$archive")
  printf '| %s | %.1f | %.1f | %s | %s |\n' "$variant" "$(awk "BEGIN{print $size/1048576}")" "$(awk "BEGIN{print $asize/1048576}")" "$version_ms" "$run_ms"
done
