#!/usr/bin/env bash
# Checks every row of ../shared/conformance/mdc7.tsv through the midicoth CLI: compressing the input must give
# the reference's .mdc byte for byte (sha256), and decompressing the reference's .mdc must give the input.
#   bench/conformance.sh [path/to/midicoth]     (default: builds samples/Midicoth in Release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="${MIDICOTH_SHARED:-$root/../shared}"
# Checking nothing is a failure, not a pass: CI must not go green without conformance.
[ -f "$shared/conformance/mdc7.tsv" ] || { echo "FAIL: $shared/conformance/mdc7.tsv is absent: nothing to check"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tool=${1:-}
if [ -z "$tool" ]; then
  dotnet build "$root/samples/Midicoth" -c Release -o "$work/bin" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  tool="$work/bin/midicoth"
fi
pass=0; fail=0
while IFS=$'\t' read -r name in_bytes in_sha mdc_bytes mdc_sha location; do
  case "$name" in \#*|"") continue;; esac
  input="$shared/$location/$name"
  "$tool" compress "$input" "$work/out.mdc" --format mdc7 -f
  got=$(sha256sum "$work/out.mdc" | cut -d' ' -f1)
  "$tool" decompress "$shared/conformance/mdc7/$name.mdc" "$work/out.bin" -f
  back=$(sha256sum "$work/out.bin" | cut -d' ' -f1)
  if [ "$got" = "$mdc_sha" ] && [ "$back" = "$in_sha" ]; then pass=$((pass + 1)); echo "ok   $name";
  else fail=$((fail + 1)); echo "FAIL $name (compress $got, decompress $back)"; fi
done < "$shared/conformance/mdc7.tsv"
echo "$pass passed, $fail failed"
[ "$pass" -gt 0 ] || { echo "FAIL: no conformance row was checked"; exit 1; }
[ "$fail" -eq 0 ]
