#!/usr/bin/env python3
# Renders the policy benchmarks' JMH JSON (docs/bench/policy-jdk*.json) as the Markdown tables of
# the policy section of docs/benchmarks.md. Usage: python3 docs/bench/render_policy.py FILE.json [MORE.json ...]
# (several files are merged, later ones adding to or replacing rows of earlier ones).
# Times are the median of the measurement iterations (JMH's score, the mean, is given beside it:
# on a shared machine outliers move the mean far more than the median). Ratios use medians.
import json
import statistics
import sys


def load(paths):
    rows = {}
    for e in [e for path in paths for e in json.load(open(path))]:
        cls, method = e["benchmark"].rsplit(".", 2)[-2:]
        params = e.get("params", {})
        key = (cls, method, params.get("app") or params.get("policies"))
        pm = e["primaryMetric"]
        iters = [x for fork in pm.get("rawData", []) for x in fork] if e["mode"] != "sample" else []
        rows[key] = {
            "mode": e["mode"],
            "score": pm["score"],
            "median": statistics.median(iters) if iters else pm["scorePercentiles"]["50.0"],
            "pct": pm.get("scorePercentiles", {}),
            "alloc": e["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score"),
            "jvm": (e.get("jdkVersion", "") + " " + e.get("vmName", "")).strip(),
        }
    return rows


def fmt(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def cell(r):
    if r is None:
        return "–"
    return f"{fmt(r['median'])} (mean {fmt(r['score'])}; {fmt(r['alloc'])} B)"


def ratio(a, b):
    if a is None or b is None:
        return "–"
    return f"{b['median'] / a['median']:,.0f}x"


def main(paths):
    rows = load(paths)
    print(f"JVM: {next(iter(rows.values()))['jvm']}\n")

    apps = sorted({k[2] for k in rows if k[0] == "PolicySampleApps"})
    print("Cedar sample applications (the handwritten integration tests), µs per decision, median"
          " of 5 iterations (mean; allocation per decision):\n")
    print("| test | Bulwark | cedar-java cached | cedar-java uncached | speed-up vs cached |"
          " vs uncached |")
    print("|---|---:|---:|---:|---:|---:|")
    for app in apps:
        b = rows.get(("PolicySampleApps", "bulwark", app))
        c = rows.get(("PolicySampleApps", "cedarJavaCached", app))
        u = rows.get(("PolicySampleApps", "cedarJavaUncached", app))
        print(f"| {app} | {cell(b)} | {cell(c)} | {cell(u)} | {ratio(b, c)} | {ratio(b, u)} |")

    sizes = sorted({k[2] for k in rows if k[0] == "PolicyScale"}, key=int)
    print("\nGenerated policy sets, µs per decision (each request matches one to three policies):\n")
    print("| policies | Bulwark | Bulwark p50 / p99 / p99.9 (ns) | cedar-java cached |"
          " cedar-java uncached | speed-up vs cached |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        b = rows.get(("PolicyScale", "bulwark", n))
        s = rows.get(("PolicyScale", "bulwarkLatency", n))
        c = rows.get(("PolicyScale", "cedarJavaCached", n))
        u = rows.get(("PolicyScale", "cedarJavaUncached", n))
        lat = "–" if s is None else (f"{fmt(s['pct'].get('50.0'))} / {fmt(s['pct'].get('99.0'))}"
                                     f" / {fmt(s['pct'].get('99.9'))}")
        print(f"| {n} | {cell(b)} | {lat} | {cell(c)} | {cell(u)} | {ratio(b, c)} |")
    b100 = rows.get(("PolicyScale", "bulwark", "100"))
    b10k = rows.get(("PolicyScale", "bulwark", "10000"))
    if b100 and b10k:
        print(f"\nBulwark, 10,000 policies vs 100: {b10k['median'] / b100['median']:.1f}x the cost.")

    print("\nPlain role checks (RBAC), µs per decision:\n")
    print("| Bulwark | jCasbin | cedar-java cached | speed-up vs jCasbin | vs cedar-java |")
    print("|---:|---:|---:|---:|---:|")
    b = rows.get(("RoleCheck", "bulwark", None))
    j = rows.get(("RoleCheck", "jcasbin", None))
    c = rows.get(("RoleCheck", "cedarJavaCached", None))
    print(f"| {cell(b)} | {cell(j)} | {cell(c)} | {ratio(b, j)} | {ratio(b, c)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
