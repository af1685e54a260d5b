#!/usr/bin/env python3
# Renders the auth benchmarks' JMH JSON (docs/bench/auth-jdk*.json) as the Markdown tables of
# docs/benchmarks.md. Usage: python3 docs/bench/render_auth.py docs/bench/auth-jdk17.json
# Times are the median of the measurement iterations (JMH's own score, the mean, is printed beside
# it because a shared machine's outliers move the mean far more than the median).
import json
import statistics
import sys

PEERS = ["rawJca", "bulwark", "nimbus", "jose4j", "jjwt", "auth0"]
ALGS = ["HS256", "RS256", "ES256", "EdDSA"]


def load(path):
    rows = {}
    for e in json.load(open(path)):
        name = e["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], e["params"].get("alg"), e["mode"])
        pm = e["primaryMetric"]
        iters = [x for fork in pm["rawData"] for x in fork] if e["mode"] != "sample" else []
        rows[key] = {
            "score": pm["score"],
            "median": statistics.median(iters) if iters else pm["scorePercentiles"]["50.0"],
            "pct": pm.get("scorePercentiles", {}),
            "alloc": e["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score"),
            "jvm": e.get("jdkVersion", "") + " " + e.get("vmName", ""),
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


def main(path):
    rows = load(path)
    any_row = next(iter(rows.values()))
    print(f"JVM: {any_row['jvm'].strip()}\n")
    print("Uncached verification, µs/op (median of 5 iterations; lower is better), and allocation per op:\n")
    print("| alg | " + " | ".join(PEERS) + " |")
    print("|---|" + "---:|" * len(PEERS))
    for alg in ALGS:
        cells = []
        for p in PEERS:
            r = uncached(rows, p, alg)
            cells.append("skipped" if r is None else f"{fmt(r['median'])} (mean {fmt(r['score'])}; {fmt(r['alloc'], 0)} B)")
        print(f"| {alg} | " + " | ".join(cells) + " |")
    print("\nThroughput ratios (median times inverted): Bulwark against raw JCA and against nimbus, and each peer against raw JCA:\n")
    print("| alg | Bulwark / raw JCA | Bulwark / nimbus | nimbus / raw JCA | jose4j / raw JCA | jjwt / raw JCA | auth0 / raw JCA |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for alg in ALGS:
        raw = uncached(rows, "rawJca", alg)
        b = uncached(rows, "bulwark", alg)
        n = uncached(rows, "nimbus", alg)

        def ratio(num, den):
            return "–" if num is None or den is None else f"{num['median'] / den['median']:.2f}"
        cells = [ratio(raw, b), ratio(n, b)] + [ratio(raw, uncached(rows, p, alg)) for p in ("nimbus", "jose4j", "jjwt", "auth0")]
        print(f"| {alg} | " + " | ".join(cells) + " |")
    print("\nCached path (Bulwark, cache on):\n")
    print("| benchmark | alg | mean µs/op (avgt) | p50 µs | p90 µs | p99 µs | p99.9 µs | B/op |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for m in ("sameToken", "roundRobin"):
        for alg in ALGS:
            a = rows.get(("JwtCached", m, alg, "avgt"))
            s = rows.get(("JwtCached", m, alg, "sample"))
            if not a and not s:
                continue
            pct = s["pct"] if s else {}
            print(f"| {m} | {alg} | {fmt(a['median'], 3) if a else '–'} | {fmt(pct.get('50.0'), 3)} | {fmt(pct.get('90.0'), 3)} "
                  f"| {fmt(pct.get('99.0'), 3)} | {fmt(pct.get('99.9'), 3)} | {fmt((a or s)['alloc'], 0)} |")
    print("\nTargets of issue 2, point 8:\n")
    for alg in ("RS256", "ES256"):
        raw, b = uncached(rows, "rawJca", alg), uncached(rows, "bulwark", alg)
        if raw and b:
            r = raw["median"] / b["median"]
            print(f"- uncached {alg} at >= 90% of raw JCA throughput: {r:.0%} -> {'met' if r >= 0.9 else 'MISSED'}")
    n, b = uncached(rows, "nimbus", "HS256"), uncached(rows, "bulwark", "HS256")
    if n and b:
        r = n["median"] / b["median"]
        print(f"- uncached HS256 at >= 2x nimbus DefaultJWTProcessor: {r:.2f}x -> {'met' if r >= 2 else 'MISSED'}")
    peers = [(p, uncached(rows, p, "HS256")) for p in ("nimbus", "jose4j", "jjwt", "auth0")]
    peers = [(p, r) for p, r in peers if r]
    if peers:
        fastest, fr = min(peers, key=lambda pr: pr[1]["median"])
        for m in ("sameToken", "roundRobin"):
            for alg in ALGS:
                a = rows.get(("JwtCached", m, alg, "avgt"))
                s = rows.get(("JwtCached", m, alg, "sample"))
                if a:
                    r = fr["median"] / a["median"]
                    print(f"- cached ({m}, {alg}) at >= 10x the fastest peer's uncached HS256 ({fastest}, {fmt(fr['median'])} µs): "
                          f"{r:.1f}x -> {'met' if r >= 10 else 'MISSED'}")
                if s:
                    p99 = s["pct"]["99.0"]
                    print(f"- cached ({m}, {alg}) p99 under 1 µs: {fmt(p99, 3)} µs -> {'met' if p99 < 1 else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1])
