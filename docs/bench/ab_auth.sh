#!/usr/bin/env bash
# Paired A/B runs of uncached verification (Bulwark against raw JCA for RS256 and ES256, against
# nimbus for HS256) on a shared machine. JMH runs benchmarks one after the other, so two of them in
# one run are minutes apart, and on a loaded machine its speed drifts by more than the difference
# being measured. This alternates short JMH runs of the two sides (A B A B A B) and prints the
# ratio of each adjacent pair and their median. docs/bench/rs256-paired.sh, which pairs the two
# sides inside each JVM, has replaced it for RS256 and ES256.
#   docs/bench/ab_auth.sh [java]      (results in docs/bench/ab/<jdk>/)
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${1:-java}"
jar=jmh-benchmarks/target/benchmarks.jar
jdk="jdk$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
out="docs/bench/ab/$jdk"
mkdir -p "$out"
rounds=3

run() { # name regex alg
  "$java" -Djmh.ignoreLock=true -jar "$jar" "$2" -p alg="$3" -prof dev.bulwark.jmh.WorkerCpuProfiler \
    -rf json -rff "$out/$1.json" > "${TMPDIR:-/tmp}/bulwark-ab-$jdk-$1.log" 2>&1
}

for pair in "RS256 JwtVerify.bulwark$ JwtVerify.rawJca$" "ES256 JwtVerify.bulwark$ JwtVerify.rawJca$" \
            "HS256 JwtVerify.bulwark$ JwtVerifyNoEdDSA.nimbus$"; do
  set -- $pair
  for r in $(seq 1 $rounds); do
    run "$1-a$r" "$2" "$1"
    run "$1-b$r" "$3" "$1"
  done
done

python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def cpu(name):
    e = json.load(open(f"{out}/{name}.json"))[0]
    xs = [x for f in e["secondaryMetrics"]["cpu.time.norm"]["rawData"] for x in f]
    return statistics.median(xs)
for alg, b in (("RS256", "raw JCA"), ("ES256", "raw JCA"), ("HS256", "nimbus")):
    a = [cpu(f"{alg}-a{r}") for r in range(1, rounds + 1)]
    bb = [cpu(f"{alg}-b{r}") for r in range(1, rounds + 1)]
    ratios = [y / x for x, y in zip(a, bb)]
    print(f"{alg}: Bulwark cpu µs/op {[round(x, 2) for x in a]}, {b} {[round(x, 2) for x in bb]}, "
          f"throughput ratio Bulwark/{b} per pair {[round(r, 2) for r in ratios]}, median {statistics.median(ratios):.2f}")
PY
