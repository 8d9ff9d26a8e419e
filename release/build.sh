#!/usr/bin/env bash
# Self-contained single-file builds of liner-bulk, each with appsettings.json beside it, and one archive
# per platform (zip for Windows, tar.gz for the others), under release/out/ (see release/README.md).
#
#   release/build.sh                         # win-x64, linux-x64 and osx-arm64, the shipped variant
#   release/build.sh --rid linux-x64         # one platform (what CI builds); --rid may be repeated
#   release/build.sh --variant plain         # another variant, for measuring: plain, compressed, r2r,
#                                            # r2r-compressed, trimmed, trimmed-r2r (the default, shipped;
#                                            # release/README.md has the numbers)
#   release/build.sh --out DIR --no-archive  # elsewhere, folders only
#
# Prints the path of each single file it built, one a line, last.
set -euo pipefail
cd "$(dirname "$0")/.."

rids=()
variant=trimmed-r2r
out=release/out
archive=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rid) rids+=("$2"); shift 2 ;;
    --variant) variant="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-archive) archive=false; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "release/build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#rids[@]} -gt 0 ]] || rids=(win-x64 linux-x64 osx-arm64)

# Every variant is self-contained and one file; they differ in what is added on top.
props=(-p:PublishSingleFile=true -p:SelfContained=true -p:DebugType=None -p:GenerateDocumentationFile=false)
case "$variant" in
  plain) ;;
  compressed) props+=(-p:EnableCompressionInSingleFile=true) ;;
  r2r) props+=(-p:PublishReadyToRun=true) ;;
  r2r-compressed) props+=(-p:PublishReadyToRun=true -p:EnableCompressionInSingleFile=true) ;;
  # What trimming keeps whole, and why, is in the csproj; release/smoke.sh proves a trimmed build.
  trimmed) props+=(-p:PublishTrimmed=true) ;;
  trimmed-r2r) props+=(-p:PublishTrimmed=true -p:PublishReadyToRun=true) ;;
  *) echo "release/build.sh: unknown variant '$variant' (plain, compressed, r2r, r2r-compressed, trimmed, trimmed-r2r)" >&2; exit 2 ;;
esac

# The commit goes into the version (liner-bulk --version prints 0.2.0+<short sha>); a build outside
# git falls back to the project's own target, which leaves the version bare.
revision=$(git rev-parse --short HEAD 2>/dev/null || true)
[[ -n "$revision" ]] && props+=("-p:SourceRevisionId=$revision")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version=$(dotnet msbuild src/LinerBulkUpdater -getProperty:Version)
mkdir -p "$out"
built=()
for rid in "${rids[@]}"; do
  name="liner-bulk-$version-$rid"
  folder="$out/$name"
  rm -rf "$folder"
  dotnet publish src/LinerBulkUpdater -c Release -r "$rid" "${props[@]}" -o "$folder" -nologo -v quiet >&2
  exe="$folder/liner-bulk"; [[ "$rid" == win-* ]] && exe="$folder/liner-bulk.exe"
  [[ -f "$exe" && -f "$folder/appsettings.json" ]] || { echo "release/build.sh: $rid: no single file or appsettings.json in $folder" >&2; exit 1; }
  if [[ "$archive" == true ]]; then
    if [[ "$rid" == win-* ]]; then
      rm -f "$out/$name.zip"
      if command -v zip >/dev/null 2>&1; then (cd "$out" && zip -qr "$name.zip" "$name"); else (cd "$out" && python3 -m zipfile -c "$name.zip" "$name"); fi
    else
      tar -C "$out" -czf "$out/$name.tar.gz" "$name"
    fi
  fi
  built+=("$exe")
done
printf '%s\n' "${built[@]}"
