#!/usr/bin/env bash
# Runs a Midicoth tool (or any topology) over a corpus and prints, per file and in total: bytes, compressed
# bytes, bits per byte, compress and decompress MB/s, and peak memory (max RSS) of each run; every round trip is
# checked with cmp. With --anchors, xz -9e, zstd --ultra -22, 7-Zip PPMd and zpaq -m5 run over the same files in
# the same session, so that their figures share the machine's load.
#
#   bench/corpus.sh                          # the paper (samples/Midicoth, MDC7), Native AOT as shipped
#   bench/corpus.sh --sample Fast --anchors  # mdg-fast and the anchors
#   bench/corpus.sh --topology TEXT          # any topology, through mdg-fast's --topology (run-time pipeline)
#   bench/corpus.sh --jit FILE...            # given files, framework-dependent JIT build
#   bench/corpus.sh --tsv results.tsv ...    # also append one row per tool and file (for Midicoth.Chart)
#   bench/corpus.sh --rounds 5 ...           # time each run 5 times and keep the fastest (as lzbench does):
#                                            # this machine's load moves single runs by ±10-15%
#   TOOL=/path/to/tool bench/corpus.sh       # an already built tool
#
# Native AOT is what the memory figures in the README are measured with: a JIT process alone takes ~28 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=aot; sample=Midicoth; topology=""; anchors=no; tsv=""; rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jit) mode=jit; shift ;;
    --sample) sample=$2; shift 2 ;;
    --topology) topology=$2; sample=Fast; shift 2 ;;
    --anchors) anchors=yes; shift ;;
    --tsv) tsv=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) break ;;
  esac
done
files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=("$root"/../shared/corpus/*); fi

command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null 2>&1 || { echo "needs GNU time (apt-get install time)"; exit 1; }; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tool=${TOOL:-}
if [ -z "$tool" ]; then
  name=$(sed -n 's|.*<AssemblyName>\(.*\)</AssemblyName>.*|\1|p' "$root/samples/$sample/$sample.csproj")
  if [ $mode = aot ]; then
    isa=""
    grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && isa="-p:AotIsa=x86-64-v3"
    dotnet publish "$root/samples/$sample" -c Release -r linux-x64 -p:Aot=true $isa -o "$out/bin" >"$out/build.log" 2>&1 \
      || { cat "$out/build.log"; exit 1; }
  else
    dotnet build "$root/samples/$sample" -c Release -o "$out/bin" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  fi
  tool="$out/bin/$name"
fi
label=$(basename "$tool")
[ -n "$topology" ] && label="$label --topology $topology"
[ -n "$tsv" ] && [ ! -s "$tsv" ] && printf 'tool\tfile\tbytes\tpacked\tcompress_s\tdecompress_s\tcompress_kib\tdecompress_kib\n' > "$tsv"

# One tool over the files: $1 label, $2 compress command template, $3 decompress command template
# (IN, OUT substituted), $4 suffix of the compressed file.
run() {
  local label=$1 ccmd=$2 dcmd=$3 suffix=$4
  printf "\n%s\n%-18s %10s %10s %7s %9s %9s %9s %9s\n" "$label" file bytes packed bpb "comp MB/s" "dec MB/s" "comp MiB" "dec MiB"
  local tb=0 tp=0 tc=0 td=0 maxc=0 maxd=0
  for f in "${files[@]}"; do
    local name packed back; name=$(basename "$f"); packed="$out/$name.$suffix"; back="$out/$name.out"
    local cs="" cm ds="" dm b p t r
    for ((r = 0; r < rounds; r++)); do
      rm -rf "$packed" "$back" "$out/x"; mkdir -p "$out/x"
      /usr/bin/time -f "%e %M" -o "$out/c.time" bash -c "${ccmd//IN/\"$f\"}" _ "$packed" >/dev/null 2>&1
      /usr/bin/time -f "%e %M" -o "$out/d.time" bash -c "${dcmd//IN/\"$packed\"}" _ "$back" >/dev/null 2>&1
      cmp -s "$f" "$back" || { echo "ROUND TRIP FAILED: $label $name"; exit 1; }
      read -r t cm < "$out/c.time"; { [ -z "$cs" ] || awk -v a="$t" -v b="$cs" 'BEGIN{exit !(a<b)}'; } && cs=$t
      read -r t dm < "$out/d.time"; { [ -z "$ds" ] || awk -v a="$t" -v b="$ds" 'BEGIN{exit !(a<b)}'; } && ds=$t
    done
    b=$(stat -c %s "$f"); p=$(stat -c %s "$packed")
    awk -v n="$name" -v b="$b" -v p="$p" -v cs="$cs" -v ds="$ds" -v cm="$cm" -v dm="$dm" 'BEGIN {
      printf "%-18s %10d %10d %7.4f %9.3f %9.3f %9.1f %9.1f\n", n, b, p, p*8/b, b/1e6/(cs>0?cs:0.01), b/1e6/(ds>0?ds:0.01), cm/1024, dm/1024 }'
    [ -n "$tsv" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$b" "$p" "$cs" "$ds" "$cm" "$dm" >> "$tsv"
    tb=$((tb + b)); tp=$((tp + p))
    tc=$(awk -v a="$tc" -v b="$cs" 'BEGIN{print a+b}'); td=$(awk -v a="$td" -v b="$ds" 'BEGIN{print a+b}')
    [ "$cm" -gt "$maxc" ] && maxc=$cm; [ "$dm" -gt "$maxd" ] && maxd=$dm
    rm -rf "$packed" "$back"
  done
  awk -v b="$tb" -v p="$tp" -v cs="$tc" -v ds="$td" -v cm="$maxc" -v dm="$maxd" 'BEGIN {
    printf "%-18s %10d %10d %7.4f %9.3f %9.3f %9.1f %9.1f\n", "TOTAL (max mem)", b, p, p*8/b, b/1e6/(cs>0?cs:0.01), b/1e6/(ds>0?ds:0.01), cm/1024, dm/1024 }'
}

# "$1" in the templates is the output path (passed as the script's first argument).
if [ "$sample" = Midicoth ] && [ -z "$topology" ] && [ -z "${TOOL:-}" ]; then
  run "$label" "'$tool' compress IN \"\$1\" -f" "'$tool' decompress IN \"\$1\" -f" mdc
else
  extra=""; [ -n "$topology" ] && extra="--topology '$topology'"
  run "$label" "'$tool' -q -f $extra -o \"\$1\" IN" "'$tool' -q -d -f -o \"\$1\" IN" mdg
fi

if [ $anchors = yes ]; then
  need() { apt-get install -y "$1" >/dev/null 2>&1 || { echo "needs $1 (apt-get install $1)"; exit 1; }; }
  command -v xz >/dev/null || need xz-utils
  command -v zstd >/dev/null || need zstd
  command -v zpaq >/dev/null || need zpaq
  command -v 7zz >/dev/null || command -v 7z >/dev/null || need 7zip
  sevenzip=$(command -v 7zz || command -v 7z)
  run "xz -9e" "xz -9e -c IN > \"\$1\"" "xz -d -c IN > \"\$1\"" xz
  run "zstd --ultra -22" "zstd --ultra -22 -q -c IN > \"\$1\"" "zstd -d -q -c IN > \"\$1\"" zst
  run "7z PPMd (-m0=PPMd -mx=9)" "$sevenzip a -t7z -m0=PPMd -mx=9 \"\$1\" IN" "$sevenzip e -so IN > \"\$1\"" 7z
  run "zpaq -m5" "zpaq a \"\$1\" IN -m5" "zpaq x IN -to '$out/x' && mv '$out'/x/*/* \"\$1\" 2>/dev/null || find '$out/x' -type f -exec mv {} \"\$1\" \\;" zpaq
fi
