#!/usr/bin/env bash
# The rate controller against the sandbox's sliding 1 s window limit (see bench/README.md): each schedule with
# --rps 100 (a user who guessed high), run time against the best possible for that schedule, and the share of 429s.
#   bash bench/adaptive.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/adaptive
PORT=${PORT:-5094}
mkdir -p "$OUT"
dotnet build src/LinerBulkUpdater -c Release -o "$OUT/bin" --nologo -v quiet >/dev/null
TOOL="$OUT/bin/liner-bulk.dll"
export Log__Directory="$OUT/logs" LINER_API_KEY=bench DOTNET_gcServer=0

best() { # schedule rows -> when the last of ROWS requests could start at best, each the moment the window has room
  python3 - "$1" "$2" <<'PY'
import sys, collections
steps = []
for part in sys.argv[1].split(','):
    limit, _, at = part.strip().partition('@')
    steps.append((float(at or 0), int(limit)))
rows, accepted, sent, t = int(sys.argv[2]), collections.deque(), 0, 0.0
while sent < rows:
    while accepted and accepted[0] <= t - 1: accepted.popleft()
    limit = [l for f, l in steps if f <= t][-1]
    while len(accepted) < limit and sent < rows: accepted.append(t); sent += 1
    t += 0.001
print(f"{t - 0.001:.2f}")
PY
}

printf '%-18s %6s %12s %9s %8s %8s %s\n' schedule rows retry-after best-s run-s ratio 429s
for case in "10|200|true" "20|400|true" "10, 4@10, 10@20|300|true" "10|200|false"; do
  IFS='|' read -r schedule rows retry <<<"$case"
  python3 -c "
import sys; n = int(sys.argv[1])
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('lead_id,status\n'); f.writelines(f'{i},3\n' for i in range(1, n + 1))" "$rows" "$OUT/rows.csv"
  dotnet "$TOOL" sandbox --port "$PORT" --latency-ms 20 --rate-limit-schedule "$schedule" --rate-limit-retry-after "$retry" >"$OUT/sandbox.log" 2>&1 &
  SANDBOX=$!
  trap 'kill $SANDBOX 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
  dotnet "$TOOL" run "$OUT/rows.csv" --base-url "http://127.0.0.1:$PORT" --rps 100 --concurrency 8 --report "$OUT/rows.report.csv" --summary-json "$OUT/summary.json" >/dev/null || true
  kill $SANDBOX; trap - EXIT; wait $SANDBOX 2>/dev/null || true
  python3 - "$schedule" "$rows" "$retry" "$(best "$schedule" "$rows")" "$OUT/summary.json" <<'PY'
import json, sys
schedule, rows, retry, best, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5]
summary = json.load(open(path))
took, throttled = summary["durationSeconds"], summary["rateLimit"]["throttled"]
print(f"{schedule:<18} {rows:>6} {retry:>12} {best:>9.1f} {took:>8.1f} {took / best:>7.2f}x {throttled}/{rows + throttled} = {throttled / (rows + throttled):.1%}")
PY
done

# Throughput when things go wrong, no limit at all: transient faults and spurious 429s should cost retries, not pace.
ROWS=${FAULT_ROWS:-50000}
python3 -c "
import sys; n = int(sys.argv[1])
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('lead_id,status\n'); f.writelines(f'{i},3\n' for i in range(1, n + 1))" "$ROWS" "$OUT/faults.csv"
echo
echo "== $ROWS rows, --rps 0 --concurrency 32, sandbox latency 20 ms"
clean=""
for faults in "" "--share-5xx 0.05 --share-drop 0.02" "--share-429 0.01"; do
  # shellcheck disable=SC2086
  dotnet "$TOOL" sandbox --port "$PORT" --latency-ms 20 --seed 7 $faults >"$OUT/sandbox.log" 2>&1 &
  SANDBOX=$!
  trap 'kill $SANDBOX 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
  start=$(date +%s.%N)
  dotnet "$TOOL" run "$OUT/faults.csv" --base-url "http://127.0.0.1:$PORT" --rps 0 --concurrency 32 --report "$OUT/faults.report.csv" >/dev/null || true
  end=$(date +%s.%N)
  kill $SANDBOX; trap - EXIT; wait $SANDBOX 2>/dev/null || true
  rate=$(python3 -c "print(round($ROWS / ($end - $start)))")
  clean=${clean:-$rate}
  echo "${faults:-clean}: $rate rows/s = $(python3 -c "print(f'{$rate / $clean:.0%}')") of clean"
done
