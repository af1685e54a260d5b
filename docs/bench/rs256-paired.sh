#!/usr/bin/env bash
# Measures uncached RS256 and ES256 verification against the raw-JCA baseline (the goal: 90% or
# more of its throughput) on a machine whose JVM-to-JVM spread is larger than the 10% in question
# (fork medians of the same RS256 code ranged 49.6-72.9 us on one 2-core VM).
#
# How: JMH gives every benchmark method its own fork, so JwtVerify.bulwark and JwtVerify.rawJca
# are never in one JVM when forked. This starts FORKS separate JVMs per algorithm; each runs
# dev.bulwark.jmh.PairedRun, which has JMH measure BOTH methods non-forked, one after the other in
# that JVM, rawJca first in odd JVMs and bulwark first in even ones. The two are paired within each
# JVM: whatever makes one JVM fast or slow (JIT decisions, code layout, the neighbours' load) then
# applies to both sides of its ratio, and the alternation cancels what running first or second
# does. The figure is CPU time per operation of the JMH worker thread
# (dev.bulwark.jmh.WorkerCpuProfiler, cpu.time.norm), which leaves out the time the thread waits
# for a core; the wall-clock ratio is printed beside it.
#   ratio = Bulwark throughput / raw-JCA throughput = raw cpu us/op / Bulwark cpu us/op
# (1.00 = as fast as the bare signature check; the target is a median >= 0.90). Per JVM the
# median over its measurement iterations is used; the script prints each JVM's ratio and their
# median and minimum, and the medians of the odd (raw first) and even (Bulwark first) JVMs apart,
# so that an order effect shows.
#
# Fairness of the baseline: both sides reuse one JCA Signature per thread, initialised with the
# key once (rawJca at setup; Bulwark per key and algorithm in a ThreadLocal at key load), so
# neither pays getInstance or initVerify per token; rawJca is handed the signing input and the
# decoded signature ready-made and checks nothing else, while Bulwark splits and decodes the
# header string, parses and checks header and claims and builds the principal on every call,
# which is exactly the overhead the target bounds.
# Caveat: -f 0 shares the JVM with JMH's host; JMH warns about that, and it is the price of the
# pairing. Both sides pay it alike.
#
#   docs/bench/rs256-paired.sh [java]        (about 7 minutes per JDK with the defaults)
#   FORKS=2 ITER=3 docs/bench/rs256-paired.sh   (a smoke run)
# Needs jmh-benchmarks/target/benchmarks.jar
# (./mvnw -q -B -pl jmh-benchmarks -am package -DskipTests). JSON results go to
# docs/bench/paired/<jdk>/ (PAIRED_OUT overrides), one file per JVM, kept for the record.
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${1:-java}"
jar=jmh-benchmarks/target/benchmarks.jar
forks="${FORKS:-8}"
iter="${ITER:-5}"
algs="${ALGS:-RS256 ES256}"
jdk="jdk$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
out="${PAIRED_OUT:-docs/bench/paired/$jdk}"
[ -f "$jar" ] || { echo "missing $jar: ./mvnw -q -B -pl jmh-benchmarks -am package -DskipTests" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.json # a stale file from a longer earlier run would be read as this run's

for k in $(seq 1 "$forks"); do
  for alg in $algs; do # algorithms alternate, so that a slow spell of the machine hits both
    log="${TMPDIR:-/tmp}/bulwark-paired-$jdk-$alg-$k.log"
    if [ $((k % 2)) -eq 1 ]; then order="rawJca bulwark"; else order="bulwark rawJca"; fi
    # -Djmh.ignoreLock: other JMH runs on a shared machine must not abort this one.
    if ! "$java" -Djmh.ignoreLock=true -cp "$jar" dev.bulwark.jmh.PairedRun "$alg" "$iter" \
        "$out/$alg-$k" $order > "$log" 2>&1; then
      echo "JMH failed for $alg JVM $k, see $log" >&2
      exit 1
    fi
    echo "done: $alg JVM $k/$forks" >&2
  done
done

python3 - "$out" "$forks" "$algs" <<'PY'
import json, statistics, sys
out, forks, algs = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def median_of(path):
    e = json.load(open(path))[0]
    cpu = [x for f in e["secondaryMetrics"]["cpu.time.norm"]["rawData"] for x in f]
    wall = [x for f in e["primaryMetric"]["rawData"] for x in f]
    return statistics.median(cpu), statistics.median(wall)
print("ratio = Bulwark throughput / raw-JCA throughput = raw us/op / Bulwark us/op (target >= 0.90)")
for alg in algs:
    cpu_r, wall_r = [], []
    print(f"{alg}:  JVM  Bulwark cpu us/op  raw cpu us/op  cpu ratio  wall ratio")
    for k in range(1, forks + 1):
        bc, bw = median_of(f"{out}/{alg}-{k}-bulwark.json")
        rc, rw = median_of(f"{out}/{alg}-{k}-rawJca.json")
        cpu_r.append(rc / bc)
        wall_r.append(rw / bw)
        first = "raw first" if k % 2 else "Bulwark first"
        print(f"       {k:3d}  {bc:17.2f}  {rc:13.2f}  {rc / bc:9.3f}  {rw / bw:10.3f}  {first}")
    print(f"  {alg} cpu ratio: median {statistics.median(cpu_r):.3f}, min {min(cpu_r):.3f}, "
          f"max {max(cpu_r):.3f} over {forks} JVMs; wall ratio median "
          f"{statistics.median(wall_r):.3f}, min {min(wall_r):.3f}")
    if forks >= 2:
        print(f"  {alg} cpu ratio median when raw ran first {statistics.median(cpu_r[0::2]):.3f}, "
              f"when Bulwark ran first {statistics.median(cpu_r[1::2]):.3f}")
PY
