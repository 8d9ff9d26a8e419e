#!/usr/bin/env bash
# The rate controller against the sandbox's sliding 1 s window limit (see bench/README.md): each schedule with
# --rps 100 (a user who guessed high), run time against the best possible for that schedule, and the share of 429s;
# then two runs on one key (the second 10 s after the first), with and without Sending__CoordinateLocally=false; then
# throughput under transient faults.
#   bash bench/adaptive.sh            (ONLY=single|shared|faults runs one part; FAULT_REPEAT=3 repeats the fault cases)
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

leads() { # from count file: lead ids from..from+count-1, status 3
  python3 -c "
import sys; start, n = int(sys.argv[1]), int(sys.argv[2])
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    f.write('lead_id,status\n'); f.writelines(f'{i},3\n' for i in range(start, start + n))" "$1" "$2" "$3"
}

sandbox() { # args...: starts the sandbox on $PORT, waits until it answers
  dotnet "$TOOL" sandbox --port "$PORT" --latency-ms 20 "$@" >"$OUT/sandbox.log" 2>&1 &
  SANDBOX=$!
  trap 'kill $SANDBOX 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
}

stop_sandbox() {
  kill $SANDBOX; trap - EXIT; wait $SANDBOX 2>/dev/null || true
}

if [ "${ONLY:-single}" = single ] || [ -z "${ONLY:-}" ]; then
# run-s is the summary's duration (process start to end, which a loaded machine stretches by seconds); sent-s is the
# sandbox's, first request to last, what the best time is counted against.
printf '%-18s %6s %12s %9s %8s %8s %8s %s\n' schedule rows retry-after best-s run-s sent-s ratio 429s
for case in "10|200|true" "20|300|true" "10, 4@10, 10@20|300|true" "10|200|false" "20, 5@30, 20@90|1000|true"; do
  IFS='|' read -r schedule rows retry <<<"$case"
  leads 1 "$rows" "$OUT/rows.csv"
  sandbox --rate-limit-schedule "$schedule" --rate-limit-retry-after "$retry" --request-log "$OUT/requests.csv"
  dotnet "$TOOL" run "$OUT/rows.csv" --base-url "http://127.0.0.1:$PORT" --rps 100 --concurrency 8 --report "$OUT/rows.report.csv" --summary-json "$OUT/summary.json" >/dev/null || true
  stop_sandbox
  python3 - "$schedule" "$rows" "$retry" "$(best "$schedule" "$rows")" "$OUT/summary.json" "$OUT/requests.csv" <<'PY'
import csv, json, sys
schedule, rows, retry, best, path, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5], sys.argv[6]
summary = json.load(open(path))
took, throttled = summary["durationSeconds"], summary["rateLimit"]["throttled"]
updates = [float(r["seconds"]) for r in csv.DictReader(open(log)) if r["lead_id"]]
sent = max(updates) - min(updates)
print(f"{schedule:<18} {rows:>6} {retry:>12} {best:>9.1f} {took:>8.1f} {sent:>8.1f} {sent / best:>7.2f}x {throttled}/{rows + throttled} = {throttled / (rows + throttled):.1%}")
PY
done
fi

# Two runs on one key against a 20/s limit neither was told of, the second (B) 10 s after the first (A), 600 rows each:
# the time from the first request to the last against the best for 1200, B's share of the requests Liner accepted while
# both ran, and the share of 429s; first as two runs on one machine, then as if on two (no local coordination).
if [ "${ONLY:-shared}" = shared ] || [ -z "${ONLY:-}" ]; then
echo
printf '%-22s %8s %8s %8s %10s %s\n' case best-s both-s ratio B-share 429s
leads 1 600 "$OUT/a.csv"
leads 100001 600 "$OUT/b.csv"
for coordinate in true false; do
  sandbox --rate-limit-schedule 20 --request-log "$OUT/requests.csv"
  Sending__CoordinateLocally=$coordinate dotnet "$TOOL" run "$OUT/a.csv" --base-url "http://127.0.0.1:$PORT" --rps 100 --concurrency 8 --report "$OUT/a.report.csv" --summary-json "$OUT/a.json" >"$OUT/a.out" 2>&1 &
  A=$!
  sleep 10
  Sending__CoordinateLocally=$coordinate dotnet "$TOOL" run "$OUT/b.csv" --base-url "http://127.0.0.1:$PORT" --rps 100 --concurrency 8 --report "$OUT/b.report.csv" --summary-json "$OUT/b.json" >"$OUT/b.out" 2>&1 || true
  wait $A || true
  stop_sandbox
  python3 - "$coordinate" "$(best 20 1200)" "$OUT/requests.csv" <<'PY'
import csv, sys
coordinate, best, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [(float(r["seconds"]), int(r["lead_id"]) if r["lead_id"] else 0, int(r["status"])) for r in csv.DictReader(open(path))]
updates = [r for r in rows if r[1] > 0]
a = [r for r in updates if r[1] < 100001]
b = [r for r in updates if r[1] >= 100001]
start, end = min(r[0] for r in updates), max(r[0] for r in updates)
both_from, both_to = min(r[0] for r in b), max(r[0] for r in a)
accepted = lambda rs: sum(1 for r in rs if r[2] == 200 and both_from <= r[0] <= both_to)
share = accepted(b) / max(1, accepted(a) + accepted(b))
smaller = min(share, 1 - share)
throttled = sum(1 for r in rows if r[2] == 429)
took = end - start
name = "one machine" if coordinate == "true" else "CoordinateLocally=false"
print(f"{name:<22} {best:>8.1f} {took:>8.1f} {took / best:>7.2f}x {share:>9.0%} {throttled}/{len(rows)} = {throttled / len(rows):.1%}  (smaller run's share {smaller:.0%})")
PY
done
fi

# Throughput when things go wrong, no limit at all: transient faults and spurious 429s should cost retries, not pace.
if [ "${ONLY:-faults}" = faults ] || [ -z "${ONLY:-}" ]; then
ROWS=${FAULT_ROWS:-50000}
python3 -c "
import sys; n = int(sys.argv[1])
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('lead_id,status\n'); f.writelines(f'{i},3\n' for i in range(1, n + 1))" "$ROWS" "$OUT/faults.csv"
echo
echo "== $ROWS rows, --rps 0 --concurrency 32, sandbox latency 20 ms; each fault case against the clean run just before it"
: >"$OUT/faults.txt"
for repeat in $(seq "${FAULT_REPEAT:-1}"); do
  clean=""
  for faults in "" "--share-5xx 0.05 --share-drop 0.02" "--share-429 0.01"; do
    # shellcheck disable=SC2086
    sandbox --seed $((6 + repeat)) $faults
    start=$(date +%s.%N)
    dotnet "$TOOL" run "$OUT/faults.csv" --base-url "http://127.0.0.1:$PORT" --rps 0 --concurrency 32 --report "$OUT/faults.report.csv" >/dev/null || true
    end=$(date +%s.%N)
    stop_sandbox
    rate=$(python3 -c "print(round($ROWS / ($end - $start)))")
    clean=${clean:-$rate}
    ratio=$(python3 -c "print(f'{$rate / $clean:.2f}')")
    echo "${faults:-clean}|$ratio" >>"$OUT/faults.txt"
    echo "run $repeat ${faults:-clean}: $rate rows/s = $ratio of clean (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
python3 - "$OUT/faults.txt" <<'PY'
import collections, statistics, sys
ratios = collections.defaultdict(list)
for line in open(sys.argv[1]):
    case, ratio = line.strip().split("|")
    ratios[case].append(float(ratio))
for case, values in ratios.items():
    if case != "clean":
        print(f"{case}: median {statistics.median(values):.2f}, worst {min(values):.2f} of clean over {len(values)} runs")
PY
fi
