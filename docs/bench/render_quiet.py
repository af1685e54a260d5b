#!/usr/bin/env python3
"""Markdown tables from the JSON that docs/bench/quiet-run.sh writes.

    python3 docs/bench/render_quiet.py docs/bench/quiet/jdk17

Times are medians of the measurement iterations (JMH's own score is their mean; on a shared
machine one slow iteration moves a mean but not a median). CPU time is the worker thread's CPU time
per operation from dev.bulwark.jmh.WorkerCpuProfiler. Percentiles are wall clock, from SampleTime.
"""
import json
import os
import statistics
import sys

folder = sys.argv[1]


def load(name):
    path = os.path.join(folder, name + ".json")
    try:
        return json.load(open(path)) if os.path.exists(path) else []
    except ValueError:  # a step still running has not finished its JSON
        return []


def med(metric):
    return statistics.median(x for it in metric["rawData"] for x in it)


def sec(e, name):
    m = e["secondaryMetrics"].get(name)
    return med(m) if m and m.get("rawData") else None


def short(e):
    return e["benchmark"].rsplit(".", 2)[-2] + "." + e["benchmark"].rsplit(".", 1)[-1]


def fmt(x, nd=3):
    if x is None:
        return "-"
    if nd == 0:
        return f"{x:,.0f}"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{nd}f}"


def jvm():
    for name in ("auth-hs256", "policy-apps", "simd-targets", "cache-memory"):
        d = load(name)
        if d:
            return d[0]["jdkVersion"] + " " + d[0]["vmName"]
    return "?"


print(f"JVM: {jvm()}\n")

# Issue 2, point 8 ---------------------------------------------------------------------------
auth = load("auth-hs256")
if auth:
    print("#### Authentication, HS256: uncached peers and the cached path (auth-hs256.json)\n")
    print("| benchmark | mode | CPU µs/op | wall µs/op | p50 µs | p99 µs | p99.9 µs | B/op |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    uncached = {}
    cached = {}
    for e in auth:
        name, mode = short(e), e["mode"]
        cpu = sec(e, "cpu.time.norm")  # µs/op
        alloc = sec(e, "gc.alloc.rate.norm")
        p = e["primaryMetric"]["scorePercentiles"]
        if mode == "sample":
            unit = e["primaryMetric"]["scoreUnit"]
            scale = 1000 if unit.startswith("ns") else 1
            p50, p99, p999 = (p["50.0"] / scale, p["99.0"] / scale, p["99.9"] / scale)
            wall = e["primaryMetric"]["score"] / scale
        else:
            p50 = p99 = p999 = None
            wall = med(e["primaryMetric"])
        print(f"| {name} | {mode} | {fmt(cpu)} | {fmt(wall)} | {fmt(p50)} | {fmt(p99)} | {fmt(p999)} "
              f"| {fmt(alloc, 1)} |")
        if name.startswith("JwtCached") and mode == "avgt":
            cached[name] = cpu
        elif mode == "avgt":
            uncached[name] = cpu
    peers = {k: v for k, v in uncached.items() if not k.endswith(("bulwark", "rawJca"))}
    if peers and cached:
        fastest = min(peers, key=peers.get)
        print(f"\nFastest peer (uncached, CPU): {fastest} at {fmt(peers[fastest])} µs; "
              f"10x needs a cached hit of at most {fmt(peers[fastest] / 10)} µs.\n")
        for k, v in sorted(cached.items()):
            print(f"- {k}: {fmt(v)} µs CPU, {peers[fastest] / v:.1f}x the fastest peer")
        if "JwtVerifyNoEdDSA.nimbus" in uncached and "JwtVerify.bulwark" in uncached:
            print(f"- uncached Bulwark vs nimbus: "
                  f"{uncached['JwtVerifyNoEdDSA.nimbus'] / uncached['JwtVerify.bulwark']:.1f}x")
    print()

# Issue 3, point 5 ---------------------------------------------------------------------------
apps = load("policy-apps")
if apps:
    print("#### Policy engine, Cedar sample applications (policy-apps.json)\n")
    print("| app | Bulwark µs | cedar-java cached µs | ratio | Bulwark B/op | cedar-java B/op |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = {}
    for e in apps:
        rows.setdefault(e["params"]["app"], {})[short(e).split(".")[1]] = e
    for app, r in rows.items():
        b, c = r.get("bulwark"), r.get("cedarJavaCached")
        bt, ct = med(b["primaryMetric"]), med(c["primaryMetric"]) if c else None
        ratio = f"{ct / bt:,.0f}x" if ct else "-"
        print(f"| {app} | {fmt(bt)} | {fmt(ct)} | {ratio} | {fmt(sec(b, 'gc.alloc.rate.norm'), 0)} "
              f"| {fmt(sec(c, 'gc.alloc.rate.norm'), 0) if c else '-'} |")
    print()

scale = load("policy-scale")
if scale:
    print("#### Policy engine, generated policy sets (policy-scale.json)\n")
    print("| policies | Bulwark µs | p50 / p99 / p99.9 ns | cedar-java cached µs | ratio | Bulwark B/op |")
    print("|---:|---:|---:|---:|---:|---:|")
    rows = {}
    for e in scale:
        rows.setdefault(int(e["params"]["policies"]), {})[short(e).split(".")[1]] = e
    avg = {}
    for n, r in sorted(rows.items()):
        b, lat, c = r.get("bulwark"), r.get("bulwarkLatency"), r.get("cedarJavaCached")
        bt = med(b["primaryMetric"])
        avg[n] = bt
        p = lat["primaryMetric"]["scorePercentiles"] if lat else None
        ps = f"{p['50.0']:,.0f} / {p['99.0']:,.0f} / {p['99.9']:,.0f}" if p else "-"
        ct = med(c["primaryMetric"]) if c else None
        print(f"| {n} | {fmt(bt)} | {ps} | {fmt(ct)} | {f'{ct / bt:,.0f}x' if ct else '-'} "
              f"| {fmt(sec(b, 'gc.alloc.rate.norm'), 0)} |")
    if 100 in avg and 10000 in avg:
        print(f"\n10,000 policies vs 100: {avg[10000] / avg[100]:.2f}x the time per decision.")
    print()

# Issue 4, point 4 ---------------------------------------------------------------------------
simd = load("simd-targets")
if simd:
    sizes = sorted({int(e["params"]["size"]) for e in simd})
    print(f"#### simd kernels at {', '.join(map(str, sizes))} bytes (simd-targets.json)\n")
    print("| benchmark | size | ns/op (median) | error (99.9%) | B/op |")
    print("|---|---:|---:|---:|---:|")
    t = {}
    for e in simd:
        size = int(e["params"]["size"])
        t[(short(e), size)] = med(e["primaryMetric"])
        print(f"| {short(e)} | {size} | {fmt(t[(short(e), size)], 1)} "
              f"| ± {fmt(e['primaryMetric']['scoreError'], 1)} "
              f"| {fmt(sec(e, 'gc.alloc.rate.norm'), 2)} |")
    print()
    for size in sizes:
        h = (("KeyedHashBenchmark.scalar", size), ("KeyedHashBenchmark.vector", size))
        d = (("Base64UrlDecodeBenchmark.jdkUrlDecoder", size), ("Base64UrlDecodeBenchmark.vector", size))
        if all(k in t for k in h):
            print(f"- {size} B: vector hash vs scalar: {t[h[0]] / t[h[1]]:.1f}x faster.")
        if all(k in t for k in d):
            r = t[d[0]] / t[d[1]]
            print(f"- {size} B: vector base64url vs JDK decoder: "
                  + (f"{r:.2f}x faster." if r >= 1 else f"{1 / r:.2f}x slower."))
    print()

def per_second(e):
    unit = e["primaryMetric"]["scoreUnit"]
    return med(e["primaryMetric"]) * {"ops/s": 1, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}[unit]


mem = load("cache-memory")
if mem:
    print("#### Cached authentication, on-heap vs off-heap cache (cache-memory.json)\n")
    print("| cache | entries | hits/s (median) | CPU µs/hit | B/hit | cache heap MiB | heap B/entry "
          "| GC ms per s of measurement | one full GC, empty / filled ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for e in mem:
        p = e["params"]
        cpu = sec(e, "cpu.time.norm")
        print(f"| {p['cache']} | {int(p['entries']):,} | {per_second(e):,.0f} "
              f"| {fmt(cpu)} | {fmt(sec(e, 'gc.alloc.rate.norm'), 0)} "
              f"| {fmt(sec(e, 'cache.heap.MiB'), 2)} | {fmt(sec(e, 'cache.heap.bytesPerEntry'), 1)} "
              f"| {fmt(sec(e, 'gc.collector.ms'), 0)} | {fmt(sec(e, 'gc.fullGc.empty.ms'), 0)} / "
              f"{fmt(sec(e, 'gc.fullGc.filled.ms'), 0)} |")
    print()
