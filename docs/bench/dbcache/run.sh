#!/usr/bin/env bash
# The db-cache benchmarks on H2 (in memory) and on the PostgreSQL primary that .ci/postgres.sh
# runs, each written as JMH JSON beside this script: lookups cached and uncached, bulk against
# one-by-one loading, revocation propagation between two instances, and decision-log throughput.
# Build the benchmark jar first:
#   ./mvnw -q -pl jmh-benchmarks -am package -DskipTests
# Usage: docs/bench/dbcache/run.sh [extra JMH options, e.g. -wi 1 -i 2 for a quick look]
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=docs/bench/dbcache
jar=jmh-benchmarks/target/benchmarks.jar

.ci/postgres.sh start >/dev/null
# A database of the benchmarks' own; the bulwark role may create databases.
PGPASSWORD=bulwark psql -h 127.0.0.1 -p 55432 -U bulwark -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'bulwark_bench'" | grep -q 1 ||
  PGPASSWORD=bulwark psql -h 127.0.0.1 -p 55432 -U bulwark -d postgres -qc "CREATE DATABASE bulwark_bench"

pg="jdbc:postgresql://127.0.0.1:55432/bulwark_bench?user=bulwark&password=bulwark"
h2="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"

java -jar "$jar" 'dbcache.StoreLookup' -p "jdbcUrl=$h2,$pg" -prof gc \
  -rf json -rff "$out/store-lookup.json" "$@"
java -jar "$jar" 'dbcache.RevocationPropagation' -p "jdbcUrl=$pg" \
  -rf json -rff "$out/revocation-propagation.json" "$@"
java -jar "$jar" 'dbcache.DecisionLogThroughput' \
  -p "jdbcUrl=$h2,$pg&reWriteBatchedInserts=true" \
  -rf json -rff "$out/decision-log.json" "$@"
