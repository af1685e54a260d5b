#!/usr/bin/env bash
# The end-to-end load test of examples/http-service (examples/load-test): builds the module, then in
# one run searches the highest rate with P99 within the bound for each scenario, (a) no
# authentication, (b) a cached JWT, (c) a cached JWT and a Cedar decision, (d) an API key through
# the query cache, (e) a new RS256 JWT each request, then sustains (c) at 80 % of its highest rate
# for 10 minutes, recording latency and the server's heap every 10 seconds. The server runs in a JVM
# of its own on loopback; the JSON goes beside this script, a summary to stdout.
#
# Run it on a quiet machine: every other process takes CPU from the server or the generator.
#
# Usage: docs/bench/e2e/run.sh [extra options, see --help]
#   QUICK=1 docs/bench/e2e/run.sh   a smoke run of a minute or two (short steps, low rates, 10 s
#                                   sustained), its JSON under examples/load-test/target/e2e-quick,
#                                   not here: its figures are not a measurement.
set -euo pipefail
cd "$(dirname "$0")/../../.."
shared="${BULWARK_SHARED_DIR:-$(cd .. && pwd)/shared}"

./mvnw -q -B -ntp -pl examples/load-test -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dbulwark.shared.dir="$shared"
cp="examples/load-test/target/classes:$(cat examples/load-test/target/classpath.txt)"
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
  commit="$commit-dirty"
fi

if [[ "${QUICK:-0}" != 0 ]]; then
  args=(--quick --sustained 10s --out examples/load-test/target/e2e-quick)
else
  args=(--sustained 10m --out docs/bench/e2e)
fi
# The generator's heap holds scenario (e)'s pre-minted requests (up to --max-tokens of them).
exec java -Xms1g -Xmx1g -cp "$cp" dev.bulwark.example.load.Main \
  --scenarios a,b,c,d,e --git-commit "$commit" "${args[@]}" "$@"
