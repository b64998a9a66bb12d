#!/usr/bin/env bash
# A bounded AFL++ campaign on one target (see fuzz/README.md):
#
#   fuzz/run.sh TARGET SECONDS        targets: mdg mdc7 reader topology topology-bytes jpeg cli
#
# Installs what it needs (afl++ from Debian's packages, SharpFuzz's instrumenter as a local dotnet tool), publishes
# the fuzzing host, instruments the libraries under test, runs afl-fuzz from the target's seeds (fuzz/seeds/TARGET)
# for SECONDS, then prints executions, speed, paths and edges found, and the findings (crashes and hangs), which
# stay in fuzz/out/TARGET-TIME/default/{crashes,hangs}. Replay one: dotnet fuzz/out/bin/Midicoth.Fuzz.dll TARGET FILE
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"
[ -d "$fuzz/seeds/$target" ] || { echo "run.sh: no seeds for target '$target' (fuzz/seeds/)" >&2; exit 1; }

if ! command -v afl-fuzz >/dev/null; then
  echo "installing afl++ ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
tools="$fuzz/out/tools"
if [ ! -x "$tools/sharpfuzz" ]; then
  echo "installing SharpFuzz.CommandLine ..."
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

bin="$fuzz/out/bin"
echo "building the fuzzing host ..."
rm -rf "$bin"
dotnet publish "$fuzz/Midicoth.Fuzz" -c Release -o "$bin" -v quiet -nologo >/dev/null
for lib in Midicoth.Models Midicoth.Cli Midicoth.Abstractions; do "$tools/sharpfuzz" "$bin/$lib.dll" >/dev/null; done

out="$fuzz/out/$target-$(date -u +%Y%m%dT%H%M%S)"
echo "fuzzing $target for $seconds s into $out ..."
# The host is .NET, not an AFL-compiled binary; core dumps and CPU scaling do not matter for a bounded campaign.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_TieredCompilation=0 DOTNET_TieredPGO=0
afl-fuzz -i "$fuzz/seeds/$target" -o "$out" -t 10000 -m none -V "$seconds" -- dotnet "$bin/Midicoth.Fuzz.dll" "$target" >"$out.log" 2>&1 || {
  echo "afl-fuzz failed; its output:" >&2; tail -30 "$out.log" >&2; exit 1; }

stats="$out/default/fuzzer_stats"
value() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(find "$out/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$out/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
echo "target $target: run time $(value run_time) s, executions $(value execs_done), $(value execs_per_sec)/s, paths $(value corpus_count), edges $(value edges_found) of $(value total_edges), crashes $crashes, hangs $hangs"
for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do [ -e "$f" ] && echo "finding: $f"; done
exit 0
