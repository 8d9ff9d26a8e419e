#!/usr/bin/env bash
# Benchmarks of liner-bulk (see bench/README.md). Loopback only; every loop is bounded.
#   bash bench/run.sh            # both benchmarks
#   ROWS=100000 BIG_ROWS=1000000 CONCURRENCY=32 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
BIG_ROWS=${BIG_ROWS:-1000000}
XLSX_ROWS=${XLSX_ROWS:-200000}
CONCURRENCY=${CONCURRENCY:-32}
PORT=${PORT:-5098}
OUT=bench/out
mkdir -p "$OUT"

dotnet build bench/LinerBulkUpdater.Bench -c Release -o "$OUT/bin" --nologo -v quiet >/dev/null
TOOL="$OUT/bin/liner-bulk.dll"
BENCH="$OUT/bin/LinerBulkUpdater.Bench.dll"
export Log__Directory="$OUT/logs" Sandbox__LatencyMs=0 LINER_API_KEY=bench DOTNET_gcServer=0

echo "== throughput: $ROWS rows, --rps 0 --concurrency $CONCURRENCY, against the sandbox in its own process"
dotnet "$BENCH" generate "$ROWS" "$OUT/rows.csv" "$OUT/bodies.tsv"
dotnet "$TOOL" sandbox --port "$PORT" >"$OUT/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

# Warm the sandbox up, so neither contender pays for its JIT.
dotnet "$BENCH" loop "http://127.0.0.1:$PORT" "$OUT/bodies.tsv" "$CONCURRENCY" >/dev/null
start=$(date +%s.%N)
dotnet "$TOOL" run "$OUT/rows.csv" --base-url "http://127.0.0.1:$PORT" --rps 0 --concurrency "$CONCURRENCY" --report "$OUT/rows.report.csv" | tail -1
end=$(date +%s.%N)
tool_rate=$(python3 -c "print(round($ROWS / ($end - $start)))")
echo "tool: $ROWS rows in $(python3 -c "print(round($end - $start, 2))") s wall (process start to exit) = $tool_rate rows/s"
start=$(date +%s.%N)
dotnet "$BENCH" loop "http://127.0.0.1:$PORT" "$OUT/bodies.tsv" "$CONCURRENCY"
end=$(date +%s.%N)
loop_rate=$(python3 -c "print(round($ROWS / ($end - $start)))")
echo "loop: $ROWS requests in $(python3 -c "print(round($end - $start, 2))") s wall (process start to exit) = $loop_rate requests/s"
echo "tool / loop = $(python3 -c "print(f'{$tool_rate / $loop_rate:.0%}')")"
kill $SANDBOX; trap - EXIT

# A fresh sandbox for each contender: one that already holds the rows' values would make --live-diff send nothing.
# Each is warmed up first on other leads, reads and writes both, so neither contender pays for the sandbox's JIT.
awk -F, 'NR == 1 { print; next } NR <= 3001 { $1 = $1 + 50000000; print }' OFS=, "$OUT/rows.csv" >"$OUT/warm.csv"
fresh_sandbox() {
  dotnet "$TOOL" sandbox --port "$PORT" >"$OUT/sandbox.log" 2>&1 &
  SANDBOX=$!
  trap 'kill $SANDBOX 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
  rm -f "$OUT/warm.undo.csv"
  dotnet "$TOOL" run "$OUT/warm.csv" --base-url "http://127.0.0.1:$PORT" --rps 0 --concurrency "$CONCURRENCY" --report "$OUT/warm.report.csv" --live-diff --undo "$OUT/warm.undo.csv" >/dev/null || true
}
timed_run() { # rows-file label extra-options...
  local file=$1 label=$2; shift 2
  rm -f "$OUT"/*.undo.csv
  local start end
  start=$(date +%s.%N)
  # Exit 1 (some rows failed) is a result to look at, not a broken benchmark.
  /usr/bin/time -f "%M" -o "$OUT/rss" dotnet "$TOOL" run "$file" --base-url "http://127.0.0.1:$PORT" --rps 0 --concurrency "$CONCURRENCY" --report "$OUT/$label.report.csv" "$@" | tail -1 || true
  end=$(date +%s.%N)
  echo "$label: $(python3 -c "print(f'{$end - $start:.2f} s wall, {round(($(wc -l <"$file") - 1) / ($end - $start))} rows/s')"), peak RSS $(cat "$OUT/rss") KB"
  python3 -c "print($end - $start)" >"$OUT/$label.seconds"
}

# external_id is only in Liner's v1 detail: a row that sets it costs a third request (v2 and v1 reads, the update).
without_v1_fields() { python3 -c "
import csv, sys
rows = csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8-sig', newline=''), lineterminator='\n')
header = next(rows); keep = [i for i, name in enumerate(header) if name not in ('external_id', 'campaign_id')]
out.writerow([header[i] for i in keep])
for row in rows: out.writerow([row[i] for i in keep])
" "$1" "$2"; }
without_v1_fields "$OUT/rows.csv" "$OUT/rows-v2.csv"

echo "== reads: $ROWS rows, --live-diff --undo beside a plain run, each against a fresh sandbox"
fresh_sandbox; timed_run "$OUT/rows-v2.csv" plain; kill $SANDBOX; trap - EXIT
fresh_sandbox; timed_run "$OUT/rows-v2.csv" live --live-diff --undo "$OUT/rows.undo.csv"; kill $SANDBOX; trap - EXIT
echo "live / plain time = $(python3 -c "print(f'{$(cat "$OUT/live.seconds") / $(cat "$OUT/plain.seconds"):.2f}x')") (at most 2.2x: two requests a row instead of one)"
fresh_sandbox; timed_run "$OUT/rows.csv" live-v1 --live-diff --undo "$OUT/rows.undo.csv"; kill $SANDBOX; trap - EXIT
echo "the same rows with external_id (three requests a row): $(python3 -c "print(f'{$(cat "$OUT/live-v1.seconds") / $(cat "$OUT/plain.seconds"):.2f}x')") the plain run's time"
LIVE_BIG_ROWS=${LIVE_BIG_ROWS:-$((ROWS * 4))}
dotnet "$BENCH" generate "$LIVE_BIG_ROWS" "$OUT/live-big-full.csv" "$OUT/live-big-bodies.tsv"
without_v1_fields "$OUT/live-big-full.csv" "$OUT/live-big.csv"
fresh_sandbox; timed_run "$OUT/live-big.csv" live-big --live-diff --undo "$OUT/live-big.undo.csv"; kill $SANDBOX; trap - EXIT

echo "== memory: $BIG_ROWS-row CSV, --dry-run"
dotnet "$BENCH" generate "$BIG_ROWS" "$OUT/big.csv" "$OUT/big-bodies.tsv"
ls -l "$OUT/big.csv" | awk '{printf "input: %.0f MB\n", $5/1048576}'
/usr/bin/time -f "peak RSS %M KB, %e s wall" dotnet "$TOOL" run "$OUT/big.csv" --dry-run --report "$OUT/big.report.csv" 2>&1 | tail -2

echo "== memory: $XLSX_ROWS-row XLSX, --dry-run"
dotnet "$BENCH" generate-xlsx "$XLSX_ROWS" "$OUT/big.xlsx"
ls -l "$OUT/big.xlsx" | awk '{printf "input: %.0f MB\n", $5/1048576}'
start=$(date +%s.%N)
/usr/bin/time -f "peak RSS %M KB, %e s wall" dotnet "$TOOL" run "$OUT/big.xlsx" --dry-run --report "$OUT/big-xlsx.report.csv" 2>&1 | tail -2
end=$(date +%s.%N)
echo "xlsx dry run: $(python3 -c "print(round($XLSX_ROWS / ($end - $start)))") rows/s (process start to exit)"
