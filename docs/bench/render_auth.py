#!/usr/bin/env python3
# Renders the auth benchmarks' JMH JSON (docs/bench/auth-jdk*.json) as the Markdown tables of
# docs/benchmarks.md:  python3 docs/bench/render_auth.py docs/bench/auth-jdk17.json
#
# Each figure is the median over the 5 measurement iterations. "cpu" is the worker thread's CPU
# time per operation (dev.bulwark.jmh.WorkerCpuProfiler), "wall" JMH's own wall-clock score; on a
# machine shared by busy processes the wall clock also counts time spent waiting for a core, so the
# ratios and targets are computed on CPU time.
import json
import statistics
import sys

PEERS = ["rawJca", "bulwark", "nimbus", "jose4j", "jjwt", "auth0"]
ALGS = ["HS256", "RS256", "ES256", "EdDSA"]


def median_of(metric):
    xs = [x for fork in metric.get("rawData", []) for x in fork]
    return statistics.median(xs) if xs else metric["score"]


def load(path):
    rows = {}
    for e in json.load(open(path)):
        cls, method = e["benchmark"].rsplit(".", 2)[-2:]
        pm, sm = e["primaryMetric"], e["secondaryMetrics"]
        rows[(cls, method, e["params"].get("alg"), e["mode"])] = {
            "wall": median_of(pm) if e["mode"] != "sample" else pm["score"],
            "cpu": median_of(sm["cpu.time.norm"]) if "cpu.time.norm" in sm else None,
            "pct": pm.get("scorePercentiles", {}),
            "alloc": sm.get("gc.alloc.rate.norm", {}).get("score"),
            "jvm": f"{e.get('jdkVersion', '')} {e.get('vmName', '')} {e.get('vmVersion', '')}",
        }
    return rows


def uncached(rows, peer, alg):
    for cls in ("JwtVerify", "JwtVerifyNoEdDSA"):
        r = rows.get((cls, peer, alg, "avgt"))
        if r:
            return r
    return None


def fmt(x, digits=2):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def ratio(num, den):
    return None if num is None or den is None else num["cpu"] / den["cpu"]


def main(path):
    rows = load(path)
    print(f"JVM: {next(iter(rows.values()))['jvm'].strip()}\n")
    print("Uncached verification, µs/op: CPU time (wall clock), median of 5 iterations; lower is better.\n")
    print("| alg | " + " | ".join(PEERS) + " |")
    print("|---|" + "---:|" * len(PEERS))
    for alg in ALGS:
        cells = []
        for p in PEERS:
            r = uncached(rows, p, alg)
            cells.append("skipped" if r is None else f"{fmt(r['cpu'])} ({fmt(r['wall'])})")
        print(f"| {alg} | " + " | ".join(cells) + " |")
    print("\nAllocation per verification, bytes (gc.alloc.rate.norm):\n")
    print("| alg | " + " | ".join(PEERS) + " |")
    print("|---|" + "---:|" * len(PEERS))
    for alg in ALGS:
        cells = [fmt((uncached(rows, p, alg) or {}).get("alloc"), 0) for p in PEERS]
        print(f"| {alg} | " + " | ".join(cells) + " |")
    print("\nThroughput ratios on CPU time (time of the reference / time of the subject; above 1 is faster):\n")
    print("| alg | Bulwark vs raw JCA | Bulwark vs nimbus | nimbus vs raw JCA | jose4j vs raw JCA | jjwt vs raw JCA | auth0 vs raw JCA |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for alg in ALGS:
        raw, b, n = (uncached(rows, p, alg) for p in ("rawJca", "bulwark", "nimbus"))
        cells = [ratio(raw, b), ratio(n, b)] + [ratio(raw, uncached(rows, p, alg)) for p in ("nimbus", "jose4j", "jjwt", "auth0")]
        print(f"| {alg} | " + " | ".join("–" if c is None else f"{c:.2f}" for c in cells) + " |")
    print("\nCached path (Bulwark, cache on): CPU and wall-clock mean from AverageTime, percentiles (wall clock) from SampleTime:\n")
    print("| benchmark | alg | cpu µs/op | wall µs/op | p50 µs | p90 µs | p99 µs | p99.9 µs | B/op |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for m in ("sameToken", "roundRobin"):
        for alg in ALGS:
            a, s = rows.get(("JwtCached", m, alg, "avgt")), rows.get(("JwtCached", m, alg, "sample"))
            if not a and not s:
                continue
            pct = s["pct"] if s else {}
            print(f"| {m} | {alg} | {fmt(a['cpu'], 3) if a else '–'} | {fmt(a['wall'], 3) if a else '–'} "
                  f"| {fmt(pct.get('50.0'), 3)} | {fmt(pct.get('90.0'), 3)} | {fmt(pct.get('99.0'), 3)} "
                  f"| {fmt(pct.get('99.9'), 3)} | {fmt((a or s)['alloc'], 0)} |")
    print("\nTargets of issue 2, point 8 (on CPU time):\n")
    for alg in ("RS256", "ES256"):
        r = ratio(uncached(rows, "rawJca", alg), uncached(rows, "bulwark", alg))
        if r is not None:
            print(f"- uncached {alg} at >= 90% of raw JCA throughput: {r:.0%} -> {'met' if r >= 0.9 else 'MISSED'}")
    r = ratio(uncached(rows, "nimbus", "HS256"), uncached(rows, "bulwark", "HS256"))
    if r is not None:
        print(f"- uncached HS256 at >= 2x nimbus DefaultJWTProcessor: {r:.2f}x -> {'met' if r >= 2 else 'MISSED'}")
    peers = [(p, uncached(rows, p, "HS256")) for p in ("nimbus", "jose4j", "jjwt", "auth0")]
    peers = [(p, r) for p, r in peers if r]
    if peers:
        fastest, fr = min(peers, key=lambda pr: pr[1]["cpu"])
        for m in ("sameToken", "roundRobin"):
            for alg in ALGS:
                a, s = rows.get(("JwtCached", m, alg, "avgt")), rows.get(("JwtCached", m, alg, "sample"))
                if a:
                    r = fr["cpu"] / a["cpu"]
                    print(f"- cached {m} ({alg}) at >= 10x the fastest peer's uncached HS256 ({fastest}, {fmt(fr['cpu'])} µs): "
                          f"{r:.1f}x -> {'met' if r >= 10 else 'MISSED'}")
                if s:
                    p99 = s["pct"]["99.0"]
                    print(f"- cached {m} ({alg}) p99 under 1 µs (wall clock): {fmt(p99, 3)} µs -> {'met' if p99 < 1 else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1])
