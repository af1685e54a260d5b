#!/usr/bin/env bash
# Fuzzes one Jazzer target for a given time. See docs/fuzz/README.md.
#
#   docs/fuzz/run.sh CLASS#METHOD DURATION [libFuzzer flag...]
#   docs/fuzz/run.sh CedarPolicyFuzzTest#policyText 10m
#   docs/fuzz/run.sh AuthenticateFuzzTest#authorizationHeader 90s -use_value_profile=1
#
# DURATION is a number of seconds with an optional s, m or h suffix. Needs JDK 17 (Jazzer's
# fuzzing mode); replaying the corpora works on any supported JDK through ./mvnw verify.
set -euo pipefail

if [[ $# -lt 2 || "$1" != *#* ]]; then
  echo "usage: $0 CLASS#METHOD DURATION [libFuzzer flag...]" >&2
  exit 2
fi
target=$1
duration=$2
shift 2

case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds == 0 )); then
  echo "DURATION must be a positive number of seconds, minutes (m) or hours (h), was $duration" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
class=${target%%#*}
source=$(find . -path "*/src/test/java/*/fuzz/$class.java" -not -path "*/target/*" | head -n 1)
if [[ -z "$source" ]]; then
  echo "no fuzz target class $class under */src/test/java/*/fuzz/" >&2
  exit 2
fi
module=${source#./}
module=${module%%/src/test/java/*}

# Jazzer 0.24 reads the run's length from @FuzzTest(maxDuration) only, but appends the libFuzzer
# flags given as jazzer.internal.arg.N (argument 0 is a program name) after it, and libFuzzer keeps
# the last value of a flag: so -max_total_time here wins. -max_len lets mutations grow to the
# targets' 64 KiB cap (libFuzzer's default is 4 KiB). Hooks on: coverage needs Jazzer's agent.
args=(-Djazzer.internal.arg.0=jazzer "-Djazzer.internal.arg.1=-max_total_time=$seconds"
  "-Djazzer.internal.arg.2=-max_len=65536")
n=3
for flag in "$@"; do
  args+=("-Djazzer.internal.arg.$n=$flag")
  n=$((n + 1))
done

JAZZER_FUZZ=1 exec ./mvnw -B -ntp -pl "$module" -am test -Dtest="$target" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbulwark.jazzer.hooks=true "${args[@]}"
