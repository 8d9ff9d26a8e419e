#!/usr/bin/env bash
# The lead list benchmarks of issue 20 (see bench/README.md, "Sweeps and exports"). Loopback only.
#   bash bench/sweep.sh                         # SWEEP_LEADS=1000000 EXPORT_LEADS=200000
set -euo pipefail
cd "$(dirname "$0")/.."
SWEEP_LEADS=${SWEEP_LEADS:-1000000}
EXPORT_LEADS=${EXPORT_LEADS:-200000}
PORT=${PORT:-5099}
OUT=bench/out
mkdir -p "$OUT"

dotnet build bench/LinerBulkUpdater.Bench -c Release -o "$OUT/bin" --nologo -v quiet >/dev/null
TOOL="$OUT/bin/liner-bulk.dll"
export Log__Directory="$OUT/logs" Sandbox__LatencyMs=0 LINER_API_KEY=bench DOTNET_gcServer=0

start_sandbox() { # lead-count
  Sandbox__LeadCount=$1 dotnet "$TOOL" sandbox --port "$PORT" >"$OUT/sandbox.log" 2>&1 &
  SANDBOX=$!
  trap 'kill $SANDBOX 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
  # Warm it up: one page, so the sweep does not pay for the sandbox's JIT.
  curl -s -o /dev/null -H "X-Api-Key: bench" "http://127.0.0.1:$PORT/v2/lead/?createdAt%5B0%5D=2000-01-01T00:00:00Z&createdAt%5B1%5D=2030-01-01T00:00:00Z&limit=100"
}

echo "== sweep: --match-by client_phone over $SWEEP_LEADS leads, --rps 0, the whole run under /usr/bin/time"
start_sandbox "$SWEEP_LEADS"
# Ten rows: the run is the sweep, then ten lookups (a dry run: it sweeps and reads, and writes nothing).
printf 'client_phone,priority\n' >"$OUT/match.csv"
for lead in 1 2 3 500000 999999 4 5 6 7 8; do
  phone=$(curl -s -H "X-Api-Key: bench" "http://127.0.0.1:$PORT/v2/lead/detail/$lead/" | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['phone'])")
  printf '%s,1\n' "$phone" >>"$OUT/match.csv"
done
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$OUT/rss" dotnet "$TOOL" run "$OUT/match.csv" --match-by client_phone --dry-run --base-url "http://127.0.0.1:$PORT" --rps 0 --report "$OUT/match.report.csv" | grep -E "Indexed|Done" || true
end=$(date +%s.%N)
echo "sweep run: $(python3 -c "print(round($end - $start, 1))") s wall (process start to exit), peak RSS $(( $(tail -1 "$OUT/rss") / 1024 )) MB"
kill $SANDBOX; trap - EXIT; wait $SANDBOX 2>/dev/null || true

# A tenth of the leads first: memory flat in the number of leads means the same peak for both.
for leads in $(( EXPORT_LEADS / 10 )) "$EXPORT_LEADS"; do
  echo "== export: $leads leads to .xlsx, --rps 0"
  start_sandbox "$leads"
  rm -f "$OUT/export.xlsx"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$OUT/rss" dotnet "$TOOL" export "$OUT/export.xlsx" --base-url "http://127.0.0.1:$PORT" --rps 0 | tail -1
  end=$(date +%s.%N)
  echo "export: $(python3 -c "print(round($end - $start, 1))") s wall, peak RSS $(( $(tail -1 "$OUT/rss") / 1024 )) MB, $(( $(stat -c %s "$OUT/export.xlsx") / 1024 / 1024 )) MB file"
  kill $SANDBOX; trap - EXIT; wait $SANDBOX 2>/dev/null || true
done
