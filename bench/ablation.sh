#!/usr/bin/env bash
# The ablation ladder and variants over ../shared/corpus: compressed bytes per sample tool (.mdg, one block per
# file), printed as a Markdown table (the README's). Usage: bench/ablation.sh [FILE...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/../shared/corpus/*)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
tools=(PpmOnly:mdg-ppm PpmMatch:mdg-ppm-match PpmMatchWord:mdg-ppm-match-word NoDenoise:mdg-no-denoise Midicoth:midicoth Ppm6:mdg-ppm6)
topo=()
header="| file | bytes |"; rule="|---|---:|"
for t in "${tools[@]}"; do
  dir=${t%%:*}; name=${t##*:}
  dotnet build "$root/samples/$dir" -c Release -o "$work/$dir" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  header+=" $name |"; rule+="---:|"
  topo[${#topo[@]}]=$("$work/$dir/$name" --version | sed 's/.*topology \(.*\))/\1/')
done
echo "$header"; echo "$rule"
printf '| topology | |'; for t in "${topo[@]}"; do printf ' `%s` |' "$t"; done; echo
declare -A total
tb=0
for f in "${files[@]}"; do
  b=$(stat -c %s "$f"); tb=$((tb + b)); row="| $(basename "$f") | $b |"
  for t in "${tools[@]}"; do
    dir=${t%%:*}; name=${t##*:}
    "$work/$dir/$name" -q -f -o "$work/out.mdg" "$f"
    p=$(stat -c %s "$work/out.mdg"); total[$dir]=$(( ${total[$dir]:-0} + p )); row+=" $p |"
  done
  echo "$row"
done
row="| **total** | $tb |"; bpb="| bits/byte | |"
for t in "${tools[@]}"; do dir=${t%%:*}; row+=" ${total[$dir]} |"; bpb+=" $(awk -v p="${total[$dir]}" -v b="$tb" 'BEGIN{printf "%.4f", p*8/b}') |"; done
echo "$row"; echo "$bpb"
