#!/usr/bin/env bash
# Runs a built single file through what its users do, with an empty environment (no dotnet on PATH, no
# DOTNET_ROOT), so it proves the file needs no SDK or runtime: the README's "try it" on sample-data/,
# an xlsx report fed back as an xlsx input, the xlsx template, liner-bulk check, and settings from the
# environment (bound and validated by reflection, which a trimmed build must keep), and the page of liner-bulk ui.
# Exit 0 when all hold.
#
#   release/smoke.sh release/out/liner-bulk-0.2.0-linux-x64/liner-bulk
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Only what a run needs: a home for the log folder, and the settings a step sets.
bare() { env -i HOME="$work/home" PATH=/nonexistent "$@"; }
fail() { echo "release/smoke.sh: $*" >&2; exit 1; }
expect() { # expect CODE WHAT COMMAND...: runs it, keeps its output in $work/out, checks its exit code
  local code=$1 what=$2; shift 2
  local got=0; "$@" >"$work/out" 2>&1 || got=$?
  [[ $got -eq $code ]] || { cat "$work/out" >&2; fail "$what: exit $got, expected $code"; }
  echo "ok: $what (exit $got)"
}

expect 0 "--version" bare "$exe" --version
grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+\+[0-9a-f]{7,40}$' "$work/out" || fail "--version printed '$(cat "$work/out")', not <version>+<commit>"

# The README's "try it", as written, in the repository: 42 updated, 7 invalid, 1 skipped, exit 1.
rm -f sample-data/leads.report-*.csv
expect 1 "run sample-data/leads.csv --sandbox" bare "$exe" run sample-data/leads.csv --sandbox
grep -q '42 updated, 7 invalid, 1 skipped' "$work/out" || fail "the sample run did not end 42 updated, 7 invalid, 1 skipped"
reports=(sample-data/leads.report-*.csv)
[[ -f "${reports[0]}" ]] || fail "no report sample-data/leads.report-*.csv"
rm -f sample-data/leads.report-*.csv

cp sample-data/leads.csv "$work/leads.csv"
expect 1 "an xlsx report" bare "$exe" run "$work/leads.csv" --sandbox --report "$work/leads.xlsx"
[[ -s "$work/leads.xlsx" ]] || fail "no xlsx report"
expect 1 "the xlsx report read back as an input" bare "$exe" run "$work/leads.xlsx" --sandbox
grep -q '42 updated, 7 invalid, 1 skipped' "$work/out" || fail "the xlsx input did not end 42 updated, 7 invalid, 1 skipped"
ls "$work"/leads.report-*.xlsx >/dev/null || fail "no xlsx report of the xlsx input"
expect 0 "template x.xlsx" bare "$exe" template "$work/x.xlsx"
[[ -s "$work/x.xlsx" ]] || fail "no template"

expect 0 "check FILE --sandbox" bare "$exe" check "$work/leads.csv" --sandbox
expect 2 "check with a key the sandbox refuses" bare Sandbox__ApiKey=right LINER_API_KEY=wrong "$exe" check --sandbox
grep -q 'refused the API key' "$work/out" || fail "the refused key was not named"
expect 2 "a setting out of range" bare Sending__Rps=-1 "$exe" check --sandbox
grep -q 'Sending:Rps' "$work/out" || fail "the bad setting was not named"
# The sandbox's options are another assembly's, bound and validated by the same reflection.
expect 2 "a nested sandbox setting out of range" bare Sandbox__Faults__Share429=2 "$exe" check --sandbox
grep -q 'settings: Sandbox:Faults:Share429: ' "$work/out" || fail "the bad sandbox setting was not named"
# A list setting from the environment: lead 100001 is unknown to the sandbox, so its row fails.
expect 1 "a list setting (Sandbox:MissingLeads)" bare Sandbox__MissingLeads__0=100001 "$exe" run "$work/leads.csv" --sandbox
grep -q '41 updated, 1 failed, 7 invalid, 1 skipped' "$work/out" || { cat "$work/out" >&2; fail "Sandbox:MissingLeads was not applied"; }
# The page (liner-bulk ui): its address printed on a line of its own, the page served with it (the file input in the
# HTML itself), and refused without it. Kestrel, cookies and the embedded page must survive trimming.
# env execs the program, so $! is its own PID (a backgrounded function would be a subshell's).
env -i HOME="$work/home" PATH=/nonexistent Ui__RunsFolder="$work/runs" "$exe" ui --no-browser --sandbox >"$work/ui" 2>&1 &
ui=$!
for _ in $(seq 100); do grep -q '^http://127.0.0.1:[0-9]*/?token=' "$work/ui" && break; sleep 0.1; done
address=$(grep -m1 '^http://127.0.0.1:[0-9]*/?token=' "$work/ui") || { kill "$ui"; cat "$work/ui" >&2; fail "ui printed no address"; }
origin=${address%%/\?*}
[[ $(curl -s -o /dev/null -w '%{http_code}' "$origin/") == 401 ]] || { kill "$ui"; fail "ui answered without the token"; }
# Into a file, not a pipe: under pipefail, grep -q leaving at the first match can fail curl's write (exit 23).
curl -s -L -c "$work/cookies" -b "$work/cookies" -o "$work/page.html" "$address" || { kill "$ui"; fail "ui's page could not be fetched"; }
grep -q '<input type="file" id="file"' "$work/page.html" || { kill "$ui"; fail "ui served no page with the file input"; }
kill -TERM "$ui"; wait "$ui" || fail "ui did not end with exit 0 on SIGTERM"
echo "ok: ui --no-browser --sandbox"
echo "release/smoke.sh: $exe passed"
