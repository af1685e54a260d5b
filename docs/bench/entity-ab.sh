#!/usr/bin/env bash
# A/B of Cedar decisions before and after a change to how entities, sets and records are held:
# two benchmarks.jar files (OLD and NEW), run alternately, PAIRS times each, same JVM flags, so
# that drift of a shared machine hits both alike. Writes JMH JSON per run into OUT and prints each
# run's score per benchmark.
#
#   OLD=path/to/old/benchmarks.jar NEW=jmh-benchmarks/target/benchmarks.jar \
#     OUT=docs/bench/entity-ab PAIRS=3 docs/bench/entity-ab.sh
set -euo pipefail
: "${OLD:?path of the baseline benchmarks.jar}"
NEW=${NEW:-jmh-benchmarks/target/benchmarks.jar}
OUT=${OUT:-docs/bench/entity-ab}
PAIRS=${PAIRS:-3}
SHARED=${SHARED:-../shared}
BENCH='dev.bulwark.jmh.policy.(RoleCheck|PolicySampleApps|PolicyScale).bulwark$'
mkdir -p "$OUT"
for i in $(seq 1 "$PAIRS"); do
  for side in old new; do
    jar=$OLD; [ "$side" = new ] && jar=$NEW
    java -Dbulwark.shared.dir="$SHARED" -jar "$jar" "$BENCH" -f 1 -wi 3 -w 1 -i 5 -r 1 \
      -p app=example_use_cases/5b,multi/3 -p policies=100 \
      -jvmArgsAppend "-Dbulwark.shared.dir=$SHARED" -rf json -rff "$OUT/$side-$i.json" \
      > "$OUT/$side-$i.log" 2>&1
    python3 - "$OUT/$side-$i.json" "$side" "$i" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    p = ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
    print(sys.argv[2], sys.argv[3], r["benchmark"].split(".")[-2], p,
          round(r["primaryMetric"]["score"], 4), r["primaryMetric"]["scoreUnit"])
PY
  done
done
