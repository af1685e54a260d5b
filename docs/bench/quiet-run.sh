#!/usr/bin/env bash
# The figures of docs/benchmarks.md (authentication, policy, simd kernels, cache memory) in one
# sequence, for a quiet machine (nothing else building or benchmarking: check `uptime` first). Each
# step writes JMH JSON to docs/bench/quiet/<jdk>/ (SampleTime histograms stripped, percentiles
# kept) and its log to $TMPDIR; a step that fails stops the run. Tables and charts:
# python3 docs/bench/report.py, after pointing it at the new files.
#   docs/bench/quiet-run.sh [java ...]      (default: the two JDKs of .ci/run, 17 then 25)
# Optional environment: STEPS (a subset of the step names below, space-separated; default all),
# OUT (default docs/bench/quiet), AUTH_FORKS (forks of the auth step, default 1; more forks give
# the cached path's percentiles over several JVMs), SIMD_SIZES (default 1024; 64,256,1024,4096
# for the report's four sizes).
# Peers that Bulwark is compared with run in the same JMH run as Bulwark: java-jwt, nimbus,
# jose4j and jjwt with the cached path; cedar-java with the policy engine; the JDK's decoder and
# the scalar twin with the vector kernels; the on-heap cache with the off-heap one.
set -euo pipefail
cd "$(dirname "$0")/../.."
javas=("$@")
if [ ${#javas[@]} -eq 0 ]; then
  javas=(/usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
fi
./mvnw -q -B -pl jmh-benchmarks -am package -DskipTests
jar="${TMPDIR:-/tmp}/bulwark-quiet-benchmarks.jar"
cp jmh-benchmarks/target/benchmarks.jar "$jar"

for java in "${javas[@]}"; do
  jdk="jdk$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
  out="${OUT:-docs/bench/quiet}/$jdk"
  mkdir -p "$out"
  step() { # name, then JMH arguments
    local name="$1"; shift
    case " ${STEPS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    echo "$(date -u +%H:%M:%S) $jdk $name (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    "$java" -Dbulwark.shared.dir=../shared -jar "$jar" "$@" -rf json -rff "$out/$name.json" \
      > "${TMPDIR:-/tmp}/bulwark-quiet-$jdk-$name.log" 2>&1
    python3 - "$out/$name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for e in d:
    for m in [e["primaryMetric"], *e.get("secondaryMetrics", {}).values()]:
        m.pop("rawDataHistogram", None)
json.dump(d, open(sys.argv[1], "w"), indent=1)
PY
  }
  # Authentication: the cached path against every peer's uncached HS256, same run.
  step auth-hs256 'JwtVerify.(bulwark|rawJca|jose4j|jjwt)$|JwtVerifyNoEdDSA.(nimbus|auth0)$|JwtCached' \
    -p alg=HS256 -f "${AUTH_FORKS:-1}" -prof gc -prof dev.bulwark.jmh.WorkerCpuProfiler
  # Policy engine: sample applications and 100 vs 10,000 policies, cedar-java in the same run.
  step policy-apps 'PolicySampleApps.(bulwark|cedarJavaCached)$' -prof gc
  step policy-scale 'PolicyScale.(bulwark|bulwarkLatency|cedarJavaCached)$' -p policies=100,10000 -prof gc
  # simd kernels, vector and scalar and the JDK in one fork.
  step simd-targets 'KeyedHashBenchmark.(vector|scalar)$|Base64UrlDecodeBenchmark.(vector|scalar|jdkUrlDecoder)$' \
    -p size="${SIMD_SIZES:-1024}" -wi 8 -i 8 -prof gc -jvmArgsAppend --add-modules=jdk.incubator.vector
  # Cached authentication, on-heap vs off-heap cache, 100k and 1M tokens.
  step cache-memory CachedAuthMemory -prof gc -prof dev.bulwark.jmh.CacheMemoryProfiler \
    -prof dev.bulwark.jmh.WorkerCpuProfiler
done
echo "$(date -u +%H:%M:%S) done"
