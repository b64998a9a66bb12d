#!/usr/bin/env bash
# The 32 MB real-file check: the XML documentation files of the SDK's Microsoft.NETCore.App.Ref pack, concatenated
# in sorted path order, through the stream API and through the CLI (single-threaded and -T 2, both ways); prints
# size, time and peak memory of each run and checks every round trip. Takes about half an hour on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
pack=$(ls -d "$(dirname "$(command -v dotnet)")"/../share/dotnet/packs/Microsoft.NETCore.App.Ref/*/ref/net10.0 2>/dev/null | head -1)
[ -n "$pack" ] || pack=$(ls -d /usr/share/dotnet/packs/Microsoft.NETCore.App.Ref/*/ref/net10.0 | sort -V | tail -1)
find "$pack" -name '*.xml' | LC_ALL=C sort | xargs cat > "$work/netref.xml"
size=$(stat -c %s "$work/netref.xml")
echo "input: $pack/*.xml, $size bytes"
dotnet build "$root/bench/Midicoth.Bench" -c Release -o "$work/bench" >/dev/null
dotnet publish "$root/samples/Midicoth" -c Release -r linux-x64 -p:Aot=true -p:AotIsa=x86-64-v3 -o "$work/cli" >/dev/null
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@"
  read -r secs kb < "$work/t"
  printf "%-28s %8.1f s %8.3f MB/s %8.1f MiB peak\n" "$label" "$secs" "$(awk -v b="$size" -v s="$secs" 'BEGIN{print b/1e6/s}')" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
}
run "stream API compress" dotnet "$work/bench/Midicoth.Bench.dll" stream-compress "$work/netref.xml" "$work/s.mdg"
run "stream API decompress" dotnet "$work/bench/Midicoth.Bench.dll" stream-decompress "$work/s.mdg" "$work/s.out"
cmp "$work/netref.xml" "$work/s.out" && echo "stream round trip OK: $(stat -c %s "$work/s.mdg") bytes"
run "CLI compress -T 1" "$work/cli/midicoth" -q -f -o "$work/c1.mdg" "$work/netref.xml"
run "CLI compress -T 2" "$work/cli/midicoth" -q -f -T 2 -o "$work/c2.mdg" "$work/netref.xml"
run "CLI decompress -T 1" "$work/cli/midicoth" -q -f -d -o "$work/c1.out" "$work/c1.mdg"
cmp "$work/netref.xml" "$work/c1.out" && echo "CLI round trip OK (-T 1)"
run "CLI decompress -T 2" "$work/cli/midicoth" -q -f -d -T 2 -o "$work/c2.out" "$work/c2.mdg"
cmp "$work/netref.xml" "$work/c2.out" && echo "CLI round trip OK (-T 2)"
echo "sizes: -T 1 $(stat -c %s "$work/c1.mdg") bytes, -T 2 $(stat -c %s "$work/c2.mdg") bytes"
