#!/usr/bin/env bash
# Paired speed comparison of two builds of a tool on one file: each round runs the old and the new build at the
# same time (one per core, so both see the same machine load), compressing then decompressing, and prints the
# ratio new/old of the wall times; the summary is the median of the ratios (below 1: the new build is faster).
# Round trips are checked with cmp.
#
#   bench/paired.sh OLD_TOOL NEW_TOOL FILE [ROUNDS=5]
set -euo pipefail
old=$1; new=$2; file=$3; rounds=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
ratios_c=(); ratios_d=()
for ((r = 1; r <= rounds; r++)); do
  seconds "$old" -q -f -o "$work/old.mdg" "$file" >"$work/oc" & a=$!
  seconds "$new" -q -f -o "$work/new.mdg" "$file" >"$work/nc" & b=$!
  wait $a $b
  cmp -s "$work/old.mdg" "$work/new.mdg" || echo "note: the builds' outputs differ"
  seconds "$old" -q -d -f -o "$work/old.out" "$work/old.mdg" >"$work/od" & a=$!
  seconds "$new" -q -d -f -o "$work/new.out" "$work/new.mdg" >"$work/nd" & b=$!
  wait $a $b
  cmp "$file" "$work/old.out" && cmp "$file" "$work/new.out"
  rc=$(echo "$(cat "$work/nc") / $(cat "$work/oc")" | bc -l); rd=$(echo "$(cat "$work/nd") / $(cat "$work/od")" | bc -l)
  printf 'round %d: compress old %.2f s new %.2f s (%.3f)  decompress old %.2f s new %.2f s (%.3f)\n' \
    "$r" "$(cat "$work/oc")" "$(cat "$work/nc")" "$rc" "$(cat "$work/od")" "$(cat "$work/nd")" "$rd"
  ratios_c+=("$rc"); ratios_d+=("$rd")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf 'median new/old: compress %.3f, decompress %.3f (%d rounds)\n' "$(median "${ratios_c[@]}")" "$(median "${ratios_d[@]}")" "$rounds"
