#!/usr/bin/env bash
# Runs the midicoth CLI over a corpus and prints, per file and in total: bytes, compressed bytes, bits per byte,
# compress and decompress MB/s, and peak memory (max RSS) of each run. Every round trip is checked with cmp.
#
#   bench/corpus.sh                     # ../shared/corpus, Native AOT build (the shipped configuration)
#   bench/corpus.sh --jit FILE...       # given files, framework-dependent JIT build
#   TOOL=/path/to/midicoth bench/corpus.sh   # an already built tool
#
# Native AOT is what the memory figures in the README are measured with: a JIT process alone takes ~28 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=aot
if [ "${1:-}" = "--jit" ]; then mode=jit; shift; fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=("$root"/../shared/corpus/*); fi

command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null 2>&1 || { echo "needs GNU time (apt-get install time)"; exit 1; }; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tool=${TOOL:-}
if [ -z "$tool" ]; then
  if [ $mode = aot ]; then
    isa=""
    grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && isa="-p:AotIsa=x86-64-v3"
    dotnet publish "$root/samples/Midicoth" -c Release -r linux-x64 -p:Aot=true $isa -o "$out/bin" >"$out/build.log" 2>&1 \
      || { cat "$out/build.log"; exit 1; }
    tool="$out/bin/midicoth"
  else
    dotnet build "$root/samples/Midicoth" -c Release -o "$out/bin" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
    tool="$out/bin/midicoth"
  fi
fi

printf "%-18s %10s %10s %7s %9s %9s %9s %9s\n" file bytes packed bpb "comp MB/s" "dec MB/s" "comp MiB" "dec MiB"
tb=0; tp=0; tc=0; td=0; maxc=0; maxd=0
for f in "${files[@]}"; do
  name=$(basename "$f")
  /usr/bin/time -f "%e %M" -o "$out/c.time" "$tool" compress "$f" "$out/$name.mdc" -f
  /usr/bin/time -f "%e %M" -o "$out/d.time" "$tool" decompress "$out/$name.mdc" "$out/$name.out" -f
  cmp -s "$f" "$out/$name.out" || { echo "ROUND TRIP FAILED: $name"; exit 1; }
  read -r cs cm < "$out/c.time"; read -r ds dm < "$out/d.time"
  b=$(stat -c %s "$f"); p=$(stat -c %s "$out/$name.mdc")
  awk -v n="$name" -v b="$b" -v p="$p" -v cs="$cs" -v ds="$ds" -v cm="$cm" -v dm="$dm" 'BEGIN {
    printf "%-18s %10d %10d %7.4f %9.3f %9.3f %9.1f %9.1f\n", n, b, p, p*8/b, b/1e6/(cs>0?cs:0.01), b/1e6/(ds>0?ds:0.01), cm/1024, dm/1024 }'
  tb=$((tb + b)); tp=$((tp + p))
  tc=$(awk -v a="$tc" -v b="$cs" 'BEGIN{print a+b}'); td=$(awk -v a="$td" -v b="$ds" 'BEGIN{print a+b}')
  [ "$cm" -gt "$maxc" ] && maxc=$cm; [ "$dm" -gt "$maxd" ] && maxd=$dm
  rm -f "$out/$name.mdc" "$out/$name.out"
done
awk -v b="$tb" -v p="$tp" -v cs="$tc" -v ds="$td" -v cm="$maxc" -v dm="$maxd" 'BEGIN {
  printf "%-18s %10d %10d %7.4f %9.3f %9.3f %9.1f %9.1f\n", "TOTAL (max mem)", b, p, p*8/b, b/1e6/cs, b/1e6/ds, cm/1024, dm/1024 }'
