#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tables and charts of docs/benchmarks.md, computed from the JMH JSON under docs/bench/.

    python3 docs/bench/report.py            # rewrite the tables in docs/benchmarks.md, write the SVGs
    python3 docs/bench/report.py --print    # print the tables only, change no file
    python3 docs/bench/report.py --check    # exit 1 if docs/benchmarks.md or an SVG is out of date

Each table of docs/benchmarks.md sits between `<!-- table:NAME -->` and `<!-- /table -->`; this
script replaces what is between the two lines and nothing else, so the prose around the tables is
edited by hand and the numbers never are. Python 3 standard library only; the charts are plain SVG.

How the numbers are taken:
- A time is the median of the measurement iterations (of all forks), not JMH's mean: on a small
  shared VM one slow iteration moves a mean but not a median.
- CPU time is the JMH worker thread's CPU time per operation (`cpu.time.norm`, from
  dev.bulwark.jmh.WorkerCpuProfiler): it leaves out time the thread spent waiting for a core.
- Percentiles are wall clock, from SampleTime, merged by JMH over every fork.
- A ratio compares two figures of the same JMH run (or, for the paired runs, of the same JVM).
"""
import html
import json
import os
import re
import statistics
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(BENCH, "..", "benchmarks.md")

MACHINE = "the 2-vCPU Xeon VM (AVX-512 with VBMI, 24 GiB, Debian 12)"
JAR = "java -jar jmh-benchmarks/target/benchmarks.jar"
# The steps of quiet-run.sh pass the shared-data folder to every benchmark.
QJAR = "java -Dbulwark.shared.dir=../shared -jar jmh-benchmarks/target/benchmarks.jar"


# --- reading JMH JSON ---------------------------------------------------------------------------

def load(rel):
    with open(os.path.join(BENCH, rel)) as f:
        return json.load(f)


def flat(metric):
    return [x for it in metric["rawData"] for x in it]


def med(metric):
    return statistics.median(flat(metric)) if metric.get("rawData") else metric["score"]


def sec(e, name):
    m = e.get("secondaryMetrics", {}).get(name)
    return med(m) if m else None


def method(e):
    return e["benchmark"].rsplit(".", 1)[-1]


def cls(e):
    return e["benchmark"].rsplit(".", 2)[-2]


def param(e, name):
    return (e.get("params") or {}).get(name)


def find(data, cls_name, meth, mode="avgt", **params):
    for e in data:
        if cls(e) == cls_name and method(e) == meth and e["mode"] == mode and all(
                param(e, k) == v for k, v in params.items()):
            return e
    return None


def jdk_of(data):
    e = data[0]
    return f"{e['jdkVersion']} ({e['vmName']} {e['vmVersion']})"


def jdk_short(data):
    return data[0]["jdkVersion"]


# --- formatting ---------------------------------------------------------------------------------

def num(x, digits=3):
    """Three significant digits, thousands separated; '–' for a missing figure."""
    if x is None:
        return "–"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.{digits}f}"


def times(x):
    return "–" if x is None else (f"{x:,.0f}x" if x >= 100 else f"{x:.1f}x" if x >= 10 else f"{x:.2f}x")


def table(header, rows, right_from=1):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---" if i < right_from else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def source(files, command, when):
    """The provenance line under a table: JSON files, JDKs, machine, command."""
    jdks = "; ".join(f"JDK {jdk_of(load(f))}" for f in files)
    cmd = "\n".join("    " + line for line in command.strip().splitlines())
    return (f"Source: {', '.join('`docs/bench/' + f + '`' for f in files)}. {jdks}. "
            f"Machine: {MACHINE}. {when}\n\nCommand:\n\n{cmd}")


# --- SVG ------------------------------------------------------------------------------------------

COLOURS = ["#1f6feb", "#d1242f", "#8250df", "#1a7f37", "#bf8700", "#57606a"]


def bar_chart(name, title, unit, groups, series, log=False, ref=None, note=None):
    """Horizontal grouped bars. groups: [(label, [value per series or None])]."""
    bar_h, gap, left, right, top = 14, 10, 230, 90, 58
    width = 820
    plot_w = width - left - right
    n = len(series)
    height = top + len(groups) * (n * bar_h + gap) + 60
    values = [v for _, vs in groups for v in vs if v]
    lo = min(values + ([ref] if ref else []))
    hi = max(values + ([ref] if ref else []))
    if log:
        import math
        lo_e, hi_e = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        if hi_e == lo_e:
            hi_e += 1

        def xpos(v):
            return left + plot_w * (math.log10(v) - lo_e) / (hi_e - lo_e)
        ticks = [10 ** e for e in range(lo_e, hi_e + 1)]
    else:
        step = nice_step(hi / 5)
        top_v = step * (int(hi / step) + 1)

        def xpos(v):
            return left + plot_w * v / top_v
        ticks = [step * i for i in range(int(top_v / step) + 1)]
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="10" y="20" font-size="14" font-weight="bold">{esc(title)}</text>']
    # legend
    x = left
    for i, label in enumerate(series):
        s.append(f'<rect x="{x}" y="30" width="12" height="12" fill="{COLOURS[i]}"/>')
        s.append(f'<text x="{x + 16}" y="40">{esc(label)}</text>')
        x += 24 + 7 * len(label)
    base = top + len(groups) * (n * bar_h + gap)
    for t in ticks:
        tx = xpos(t)
        s.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{base}" stroke="#d0d7de"/>')
        s.append(f'<text x="{tx:.1f}" y="{base + 14}" text-anchor="middle">{esc(tick_label(t))}</text>')
    s.append(f'<text x="{left + plot_w / 2:.0f}" y="{base + 32}" text-anchor="middle">'
             f'{esc(unit)}{" (log scale)" if log else ""}</text>')
    y = top
    for label, vs in groups:
        s.append(f'<text x="{left - 8}" y="{y + n * bar_h / 2 + 4:.0f}" text-anchor="end">{esc(label)}</text>')
        for i, v in enumerate(vs):
            if v:
                x0 = xpos(10 ** lo_e) if log else left
                s.append(f'<rect x="{x0:.1f}" y="{y}" width="{max(xpos(v) - x0, 1):.1f}" '
                         f'height="{bar_h - 2}" fill="{COLOURS[i]}"/>')
                s.append(f'<text x="{xpos(v) + 4:.1f}" y="{y + bar_h - 4}" font-size="11">{esc(num(v))}</text>')
            y += bar_h
        y += gap
    if ref:
        rx = xpos(ref)
        s.append(f'<line x1="{rx:.1f}" y1="{top - 4}" x2="{rx:.1f}" y2="{base}" stroke="black" '
                 f'stroke-dasharray="4 3"/>')
    if note:
        s.append(f'<text x="{width - 8}" y="{height - 6}" text-anchor="end" font-size="10" '
                 f'fill="#57606a">{esc(note)}</text>')
    s.append("</svg>")
    return name, "\n".join(s) + "\n"


def nice_step(x):
    import math
    e = 10 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if x <= m * e:
            return m * e
    return 10 * e


def tick_label(t):
    if t >= 1000:
        return f"{t:,.0f}"
    if t >= 1:
        return f"{t:g}"
    return f"{t:g}"


def esc(text):
    return html.escape(str(text), quote=True)


# --- the tables -----------------------------------------------------------------------------------

PEERS = [  # (class, method, label)
    ("JwtVerify", "rawJca", "raw JCA `Mac` (baseline: the MAC alone)"),
    ("JwtVerify", "bulwark", "**Bulwark**"),
    ("JwtVerifyNoEdDSA", "auth0", "java-jwt 4.6.2"),
    ("JwtVerifyNoEdDSA", "nimbus", "nimbus-jose-jwt 10.10"),
    ("JwtVerify", "jjwt", "jjwt 0.13.0"),
    ("JwtVerify", "jose4j", "jose4j 0.9.6"),
]
AUTH = {17: "quiet3/jdk17/auth-hs256.json", 25: "quiet3/jdk25/auth-hs256.json"}
QUIET_AUTH_CMD = f"""
STEPS=auth-hs256 AUTH_FORKS=3 OUT=docs/bench/quiet3 docs/bench/quiet-run.sh   # runs, on each JDK:
{QJAR} 'JwtVerify.(bulwark|rawJca|jose4j|jjwt)$|JwtVerifyNoEdDSA.(nimbus|auth0)$|JwtCached' \\
    -p alg=HS256 -f 3 -prof gc -prof dev.bulwark.jmh.WorkerCpuProfiler -rf json -rff docs/bench/quiet3/jdk<17|25>/auth-hs256.json
"""
QUIET3_WHEN = ("Measured 2026-11-30 on a quiet machine (nothing else running; load average "
               "1.0–1.3, which is JMH itself), 3 forks per benchmark.")


def auth_uncached():
    data = {j: load(f) for j, f in AUTH.items()}
    cpu = {j: {m: sec(find(d, c, m, alg="HS256"), "cpu.time.norm") for c, m, _ in PEERS}
           for j, d in data.items()}
    rows = []
    for c, m, label in PEERS:
        row = [label]
        for j, d in data.items():
            e = find(d, c, m, alg="HS256")
            row += [num(cpu[j][m]), f"{sec(e, 'gc.alloc.rate.norm'):,.0f}",
                    times(cpu[j][m] / cpu[j]["bulwark"])]
        rows.append(row)
    head = ["HS256, uncached"]
    for j, d in data.items():
        head += [f"JDK {jdk_short(d)} CPU µs", "B/op", "time ÷ Bulwark's"]
    text = table(head, rows)
    chart = bar_chart(
        "auth-uncached.svg", "Uncached HS256 verification, CPU µs per token (lower is better)",
        "CPU µs per verification",
        [(strip_md(label), [cpu[j][m] for j in data]) for _, m, label in PEERS],
        [f"JDK {jdk_short(d)}" for d in data.values()],
        note="docs/bench/quiet3/jdk*/auth-hs256.json; median of 15 iterations over 3 forks")
    return text + "\n\n" + source(list(AUTH.values()), QUIET_AUTH_CMD, QUIET3_WHEN), [chart]


def strip_md(s):
    return re.sub(r"[*`]", "", s).replace(" (baseline: the MAC alone)", "")


def paired():
    rows = []
    groups = []
    files = []
    for j in (17, 25):
        for alg in ("RS256", "ES256"):
            folder = f"paired/jdk{j}"
            k, ratios, bw, rw = 1, [], [], []
            while os.path.exists(os.path.join(BENCH, folder, f"{alg}-{k}-bulwark.json")):
                b = load(f"{folder}/{alg}-{k}-bulwark.json")[0]
                r = load(f"{folder}/{alg}-{k}-rawJca.json")[0]
                bc, rc = med(b["secondaryMetrics"]["cpu.time.norm"]), med(r["secondaryMetrics"]["cpu.time.norm"])
                bw.append(bc)
                rw.append(rc)
                ratios.append(rc / bc)
                k += 1
            jdk = load(f"{folder}/{alg}-1-bulwark.json")[0]["jdkVersion"]
            files.append(f"{folder}/{alg}-1-bulwark.json")
            rows.append([alg, jdk, len(ratios), f"{num(min(bw))}–{num(max(bw))}",
                         f"{num(min(rw))}–{num(max(rw))}", f"**{statistics.median(ratios):.3f}**",
                         f"{min(ratios):.3f}–{max(ratios):.3f}", sum(r >= 0.9 for r in ratios)])
            groups.append((f"{alg}, JDK {jdk}", [statistics.median(ratios)]))
    text = table(["alg", "JDK", "JVMs", "Bulwark CPU µs", "raw JCA CPU µs",
                  "throughput ratio, median", "range", "JVMs ≥ 0.90"], rows, right_from=2)
    jdks = sorted({load(f)[0]["jdkVersion"] + " (" + load(f)[0]["vmName"] + " " + load(f)[0]["vmVersion"] + ")"
                   for f in files})
    cmd = """
docs/bench/rs256-paired.sh /usr/lib/jvm/java-17-openjdk-amd64/bin/java   # JSON in docs/bench/paired/jdk17/
docs/bench/rs256-paired.sh /usr/lib/jvm/temurin-25-jdk-amd64/bin/java    # JSON in docs/bench/paired/jdk25/
"""
    text += ("\n\nSource: `docs/bench/paired/jdk17/`, `docs/bench/paired/jdk25/` (one pair of files per JVM). "
             f"JDK {'; JDK '.join(jdks)}. Machine: {MACHINE}. Measured 2026-11-30 on a quiet machine, "
             "8 JVMs per algorithm and JDK; in each JVM JMH measures Bulwark and raw JCA one after the "
             "other (alternating which goes first) and the ratio is taken inside that JVM: raw JCA's "
             "CPU time ÷ Bulwark's, so 1.00 is as fast as the bare signature check. The first three JDK 25 "
             "JVMs shared the machine with a short check of the cached path, which widens that row's range."
             "\n\nCommand:\n\n" + "\n".join("    " + l for l in cmd.strip().splitlines()))
    chart = bar_chart("auth-paired.svg",
                      "Uncached RS256 / ES256: Bulwark's throughput ÷ raw JCA's (median of 8 JVMs)",
                      "throughput ratio (1.0 = the bare signature check; dashed line 0.90)",
                      groups, ["Bulwark ÷ raw JCA"], ref=0.9,
                      note="docs/bench/paired/jdk*/; ratio taken inside each JVM")
    return text, [chart]


def auth_all_algs():
    files = {17: "auth-jdk17.json", 25: "auth-jdk25.json"}
    out = []
    for j, f in files.items():
        d = load(f)
        rows = []
        for alg in ("HS256", "RS256", "ES256", "EdDSA"):
            base = sec(find(d, "JwtVerify", "rawJca", alg=alg), "cpu.time.norm")
            bul = sec(find(d, "JwtVerify", "bulwark", alg=alg), "cpu.time.norm")
            row = [alg]
            for c, m, _ in PEERS:
                e = find(d, c, m, alg=alg)
                row.append(num(sec(e, "cpu.time.norm")) if e else "not supported")
            row.append(f"{base / bul:.2f}")
            rows.append(row)
        out.append(f"JDK {jdk_short(d)}, CPU µs per verification:\n\n" + table(
            ["alg", "raw JCA", "Bulwark", "java-jwt", "nimbus", "jjwt", "jose4j",
             "Bulwark ÷ raw JCA throughput"], rows))
    cmd = f"""
{JAR} 'Jwt.*' -prof gc -prof dev.bulwark.jmh.WorkerCpuProfiler -rf json -rff docs/bench/auth-jdk17.json
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar jmh-benchmarks/target/benchmarks.jar 'Jwt.*' \\
    -prof gc -prof dev.bulwark.jmh.WorkerCpuProfiler -rf json -rff docs/bench/auth-jdk25.json
"""
    when = ("Measured 2026-11-30 on a **busy** machine (load average 10 to 17 on the 2 cores), one fork "
            "per benchmark, with an earlier version of Bulwark's parser (it allocated 3.6 KB per HS256 "
            "token where the current one allocates 1.9 KB): read the columns against each other, not as "
            "absolute times, and take Bulwark against raw JCA from the paired table above.")
    return "\n\n".join(out) + "\n\n" + source(list(files.values()), cmd, when), []


def auth_cached():
    rows = []
    groups = []
    for j, f in AUTH.items():
        d = load(f)
        peers = {m: sec(find(d, c, m, alg="HS256"), "cpu.time.norm") for c, m, _ in PEERS
                 if m not in ("bulwark", "rawJca")}
        fastest = min(peers, key=peers.get)
        for m, label in (("sameToken", "one token again and again"),
                         ("roundRobin", "10,000 distinct tokens in turn")):
            a = find(d, "JwtCached", m, "avgt")
            s = find(d, "JwtCached", m, "sample")
            p = s["primaryMetric"]["scorePercentiles"]
            k = 1000 if s["primaryMetric"]["scoreUnit"].startswith("ns") else 1
            cpu = sec(a, "cpu.time.norm")
            rows.append([label, jdk_short(d), num(cpu), num(p["50.0"] / k), num(p["99.0"] / k),
                         num(p["99.9"] / k), f"{sec(a, 'gc.alloc.rate.norm'):.1f}",
                         f"{times(peers[fastest] / cpu)} ({num(peers[fastest])} µs)"])
            groups.append((f"{m}, JDK {jdk_short(d)}", [p["50.0"] / k, p["99.0"] / k]))
    text = table(["cached hit, HS256", "JDK", "CPU µs", "p50 µs", "p99 µs", "p99.9 µs", "B/op",
                  "faster than the fastest peer's uncached verification (java-jwt)"], rows, right_from=2)
    chart = bar_chart("auth-cached.svg", "Cached hit: wall-clock percentiles, µs (lower is better)",
                      "µs per authentication (dashed line: 1 µs)", groups, ["p50", "p99"], ref=1.0,
                      note="docs/bench/quiet3/jdk*/auth-hs256.json; SampleTime over 3 forks")
    return text + "\n\n" + source(list(AUTH.values()), QUIET_AUTH_CMD, QUIET3_WHEN), [chart]


def cached_sizes():
    f = "quiet/jdk17/roundrobin-sizes.json"
    d = load(f)
    rows = []
    for e in sorted(d, key=lambda e: int(param(e, "distinctTokens"))):
        p = e["primaryMetric"]["scorePercentiles"]
        k = 1000 if e["primaryMetric"]["scoreUnit"].startswith("ns") else 1
        rows.append([f"{int(param(e, 'distinctTokens')):,}", num(p["50.0"] / k), num(p["99.0"] / k)])
    cmd = f"""
{JAR} 'JwtCached.roundRobin' -bm sample -p alg=HS256 -p distinctTokens=100,1000,10000 \\
    -wi 5 -i 5 -rf json -rff docs/bench/quiet/jdk17/roundrobin-sizes.json
"""
    return table(["distinct tokens", "p50 µs", "p99 µs"], rows) + "\n\n" + source(
        [f], cmd, "Measured 2026-11-30 on a quiet machine, one fork, with the cache index of that "
                  "day (two ways per bucket; the current index has four)."), []


POLICY = {17: ("quiet/jdk17/policy-apps.json", "quiet/jdk17/policy-scale.json"),
          25: ("quiet/jdk25/policy-apps.json", "quiet/jdk25/policy-scale.json")}
QUIET_WHEN = ("Measured 2026-11-30 on a quiet machine (nothing else running; load average 1.1–1.4), "
              "one fork per benchmark, every engine in the same JMH run.")


def policy_apps():
    data = {j: load(a) for j, (a, _) in POLICY.items()}
    apps = []
    for e in data[17]:
        if param(e, "app") not in apps:
            apps.append(param(e, "app"))
    rows, groups = [], []
    for app in apps:
        row = [f"`{app}`"]
        g = []
        for j, d in data.items():
            b = find(d, "PolicySampleApps", "bulwark", app=app)
            c = find(d, "PolicySampleApps", "cedarJavaCached", app=app)
            bt, ct = med(b["primaryMetric"]), med(c["primaryMetric"])
            row += [num(bt), num(ct), times(ct / bt)]
            g.append(ct / bt)
        b = find(data[17], "PolicySampleApps", "bulwark", app=app)
        c = find(data[17], "PolicySampleApps", "cedarJavaCached", app=app)
        row += [f"{sec(b, 'gc.alloc.rate.norm'):,.0f}", f"{sec(c, 'gc.alloc.rate.norm'):,.0f}"]
        rows.append(row)
        groups.append((app, g))
    head = ["sample app"]
    for d in data.values():
        v = jdk_short(d)
        head += [f"JDK {v} Bulwark µs", "cedar-java µs", "speed-up"]
    head += ["Bulwark B/op (17)", "cedar-java B/op (17)"]
    cmd = f"""
STEPS=policy-apps docs/bench/quiet-run.sh   # runs, on each JDK:
{QJAR} 'PolicySampleApps.(bulwark|cedarJavaCached)$' -prof gc -rf json -rff docs/bench/quiet/jdk<17|25>/policy-apps.json
"""
    chart = bar_chart("policy-apps.svg", "Cedar sample apps: Bulwark's speed-up over cedar-java 4.10 (cached)",
                      "cedar-java's time ÷ Bulwark's per decision", groups,
                      [f"JDK {jdk_short(d)}" for d in data.values()], log=True,
                      note="docs/bench/quiet/jdk*/policy-apps.json")
    return table(head, rows) + "\n\n" + source([a for a, _ in POLICY.values()], cmd, QUIET_WHEN), [chart]


def policy_scale():
    rows = []
    for j, (_, s) in POLICY.items():
        d = load(s)
        avg = {}
        for n in sorted({int(param(e, "policies")) for e in d}):
            b = find(d, "PolicyScale", "bulwark", policies=str(n))
            lat = find(d, "PolicyScale", "bulwarkLatency", "sample", policies=str(n))
            c = find(d, "PolicyScale", "cedarJavaCached", policies=str(n))
            bt, ct = med(b["primaryMetric"]), med(c["primaryMetric"])
            avg[n] = bt
            p = lat["primaryMetric"]["scorePercentiles"]
            k = 1000 if lat["primaryMetric"]["scoreUnit"].startswith("ns") else 1
            rows.append([f"{n:,}", jdk_short(d), num(bt), num(p["50.0"] / k), num(p["99.0"] / k),
                         num(p["99.9"] / k), f"{sec(b, 'gc.alloc.rate.norm'):,.0f}", num(ct), times(ct / bt),
                         times(bt / avg[min(avg)]) if n != min(avg) else "1.00x"])
    cmd = f"""
STEPS=policy-scale docs/bench/quiet-run.sh   # runs, on each JDK:
{QJAR} 'PolicyScale.(bulwark|bulwarkLatency|cedarJavaCached)$' -p policies=100,10000 -prof gc \\
    -rf json -rff docs/bench/quiet/jdk<17|25>/policy-scale.json
"""
    return table(["policies", "JDK", "Bulwark µs", "p50 µs", "p99 µs", "p99.9 µs", "Bulwark B/op",
                  "cedar-java µs", "speed-up", "Bulwark's time ÷ at 100 policies"], rows, right_from=2) + \
        "\n\n" + source([s for _, s in POLICY.values()], cmd, QUIET_WHEN), []


def role_check():
    f = "policy-jdk17.json"
    d = load(f)
    b = med(find(d, "RoleCheck", "bulwark")["primaryMetric"])
    j = med(find(d, "RoleCheck", "jcasbin")["primaryMetric"])
    c = med(find(d, "RoleCheck", "cedarJavaCached")["primaryMetric"])
    rows = [["Bulwark (one Cedar policy per grant)", num(b), "1.00x",
             f"{sec(find(d, 'RoleCheck', 'bulwark'), 'gc.alloc.rate.norm'):,.0f}"],
            ["jCasbin 1.55.0 (RBAC model)", num(j), times(j / b),
             f"{sec(find(d, 'RoleCheck', 'jcasbin'), 'gc.alloc.rate.norm'):,.0f}"],
            ["cedar-java 4.10.0, cached", num(c), times(c / b),
             f"{sec(find(d, 'RoleCheck', 'cedarJavaCached'), 'gc.alloc.rate.norm'):,.0f}"]]
    cmd = f"""
java -Dbulwark.shared.dir=../shared -jar jmh-benchmarks/target/benchmarks.jar 'dev.bulwark.jmh.policy.*' \\
    -prof gc -rf json -rff docs/bench/policy-jdk17.json
"""
    when = ("Measured 2026-11-30 on a **busy** machine (load average about 10), one fork, with an earlier "
            "version of the policy engine (before its scope index and allocation-free decisions): all three "
            "engines ran under the same load, so the ratios hold better than the absolute times.")
    return table(["plain role check (100 users, 10 roles, 50 grants)", "µs per decision", "time ÷ Bulwark's",
                  "B/op"], rows) + "\n\n" + source([f], cmd, when), []


SIMD = {17: "quiet3/jdk17/simd-targets.json", 25: "quiet3/jdk25/simd-targets.json"}
SIMD_CMD = f"""
STEPS=simd-targets SIMD_SIZES=64,256,1024,4096 OUT=docs/bench/quiet3 docs/bench/quiet-run.sh   # runs, on each JDK:
{QJAR} 'KeyedHashBenchmark.(vector|scalar)$|Base64UrlDecodeBenchmark.(vector|scalar|jdkUrlDecoder)$' \\
    -p size=64,256,1024,4096 -wi 8 -i 8 -prof gc -jvmArgsAppend --add-modules=jdk.incubator.vector \\
    -rf json -rff docs/bench/quiet3/jdk<17|25>/simd-targets.json
"""
SIMD_WHEN = ("Measured 2026-11-30 on a quiet machine, one fork, 8 warm-up and 8 measurement iterations "
             "of 1 s; every implementation of a row in the same JMH run. The vector kernels run 512-bit "
             "vectors here.")


LABELS = {"jdkUrlDecoder": "JDK decoder"}


def simd_kernel(bench, impls, base, base_label, title, svg):
    data = {j: load(f) for j, f in SIMD.items()}
    sizes = sorted({int(param(e, "size")) for e in data[17]})
    rows, groups = [], []
    for size in sizes:
        row = [f"{size:,}"]
        g = []
        for j, d in data.items():
            t = {m: med(find(d, bench, m, size=str(size))["primaryMetric"]) for m in impls}
            row += [num(t[m]) for m in impls]
            r = t[base] / t["vector"]
            row.append(f"**{times(r)}**" if r >= 1 else f"**{1 / r:.2f}x slower**")
            g.append(r)
        rows.append(row)
        groups.append((f"{size:,} bytes", g))
    head = ["size (bytes)" if bench == "KeyedHashBenchmark" else "size (characters)"]
    for d in data.values():
        v = jdk_short(d)
        head += [f"JDK {v} {LABELS.get(m, m)} ns" for m in impls] + [f"vector vs {base_label}"]
    chart = bar_chart(svg, title, f"{base_label}'s time ÷ vector's (above 1: the vector kernel is faster)",
                      groups, [f"JDK {jdk_short(d)}" for d in data.values()], log=True, ref=1.0,
                      note="docs/bench/quiet3/jdk*/simd-targets.json")
    return table(head, rows), [chart]


def simd_hash():
    text, charts = simd_kernel("KeyedHashBenchmark", ["vector", "scalar"], "scalar", "scalar",
                               "Keyed hash: vector kernel's speed-up over the scalar one", "simd-hash.svg")
    return text + "\n\n" + source(list(SIMD.values()), SIMD_CMD, SIMD_WHEN), charts


def simd_base64():
    text, charts = simd_kernel("Base64UrlDecodeBenchmark", ["vector", "scalar", "jdkUrlDecoder"],
                               "jdkUrlDecoder", "JDK decoder",
                               "base64url decoding: vector kernel against the JDK's Base64 URL decoder",
                               "simd-base64url.svg")
    return text + "\n\n" + source(list(SIMD.values()), SIMD_CMD, SIMD_WHEN), charts


def simd_equals():
    files = {17: "simd-jdk17-vector.json", 25: "simd-jdk25-vector.json"}
    data = {j: load(f) for j, f in files.items()}
    impls = [("vector", "vector"), ("jdkMessageDigestIsEqual", "`MessageDigest.isEqual`"),
             ("jdkArraysEquals", "`Arrays.equals` (not constant-time)")]
    rows = []
    for size in (64, 256, 1024, 4096):
        row = [f"{size:,}"]
        for j, d in data.items():
            for m, _ in impls:
                e = find(d, "ConstantTimeEqualsBenchmark", m, size=str(size))
                row.append(f"{num(med(e['primaryMetric']))} ± {num(e['primaryMetric']['scoreError'])}")
        rows.append(row)
    head = ["size (bytes)"]
    for d in data.values():
        head += [f"JDK {jdk_short(d)} {label} ns" for _, label in impls]
    cmd = f"""
{JAR} 'dev.bulwark.jmh.simd' -prof gc -jvmArgsAppend --add-modules=jdk.incubator.vector \\
    -rf json -rff docs/bench/simd-jdk17-vector.json
# the same with /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -> docs/bench/simd-jdk25-vector.json
"""
    when = ("Measured 2026-11-30 on a **busy** machine (load average 10 to 12), one fork, 3 measurement "
            "iterations: ± is JMH's 99.9% error, often wider than the figure. Equal inputs (every byte "
            "must be read).")
    return table(head, rows) + "\n\n" + source(list(files.values()), cmd, when), []


def buffer_pool():
    files = {17: "simd-jdk17-novector.json", 25: "simd-jdk25-novector.json"}
    rows = []
    for j, f in files.items():
        d = load(f)
        for threads in ("OneThread", "TwoThreads"):
            for size in ("256", "4096"):
                t, a = {}, {}
                for m in ("pooled", "allocateDirect", "heapArray"):
                    e = find(d, threads, m, size=size)
                    t[m], a[m] = med(e["primaryMetric"]), sec(e, "gc.alloc.rate.norm")
                rows.append([jdk_short(d), "1" if threads == "OneThread" else "2", f"{int(size):,}",
                             f"{num(t['pooled'])} ({a['pooled']:,.1f} B)",
                             f"{num(t['allocateDirect'])} ({a['allocateDirect']:,.0f} B)",
                             f"{num(t['heapArray'])} ({a['heapArray']:,.0f} B)"])
    cmd = f"""
{JAR} 'dev.bulwark.jmh.(simd|memory)' -e '\\.vector$' -prof gc -rf json -rff docs/bench/simd-jdk17-novector.json
# the same with /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -> docs/bench/simd-jdk25-novector.json
"""
    when = ("Measured 2026-11-30 on a **busy** machine (load average 10 to 12), one fork, 3 iterations of "
            "0.5 s: the absolute times are inflated and noisy; the allocation per operation is exact.")
    return table(["JDK", "threads", "buffer bytes", "pool acquire + release ns (heap B/op)",
                  "`ByteBuffer.allocateDirect` ns (B/op)", "`new byte[]` ns (B/op)"], rows,
                 right_from=1) + "\n\n" + source(list(files.values()), cmd, when), []


def cache_memory():
    files = {17: "quiet/jdk17/cache-memory.json", 25: "quiet/jdk25/cache-memory.json"}
    rows, groups = [], []
    for j, f in files.items():
        d = load(f)
        for cache in ("onheap", "offheap"):
            for n in ("100000", "1000000"):
                e = next(x for x in d if param(x, "cache") == cache and param(x, "entries") == n)
                heap = sec(e, "cache.heap.MiB")
                rows.append([cache.replace("onheap", "on-heap (default)").replace("offheap", "off-heap"),
                             f"{int(n):,}", jdk_short(d), num(sec(e, "cpu.time.norm")),
                             f"{sec(e, 'gc.alloc.rate.norm'):,.0f}", num(heap),
                             num(sec(e, "cache.heap.bytesPerEntry")),
                             f"{sec(e, 'gc.fullGc.empty.ms'):,.0f} / {sec(e, 'gc.fullGc.filled.ms'):,.0f}"])
        for n in ("100000", "1000000"):
            groups.append((f"{int(n):,} tokens, JDK {jdk_short(d)}",
                           [sec(next(x for x in d if param(x, "cache") == c and param(x, "entries") == n),
                                "cache.heap.MiB") for c in ("onheap", "offheap")]))
    cmd = f"""
STEPS=cache-memory docs/bench/quiet-run.sh   # runs, on each JDK:
{QJAR} CachedAuthMemory -prof gc -prof dev.bulwark.jmh.CacheMemoryProfiler \\
    -prof dev.bulwark.jmh.WorkerCpuProfiler -rf json -rff docs/bench/quiet/jdk<17|25>/cache-memory.json
"""
    chart = bar_chart("memory-cache-heap.svg", "Heap held by the verified-token cache, MiB (lower is better)",
                      "MiB of heap (filled minus empty, after full GCs)", groups, ["on-heap", "off-heap"],
                      log=True, note="docs/bench/quiet/jdk*/cache-memory.json")
    return table(["cache", "tokens", "JDK", "CPU µs per hit", "B/hit", "heap MiB", "heap B/token",
                  "full GC ms, empty / filled"], rows, right_from=1) + "\n\n" + source(
        list(files.values()), cmd, QUIET_WHEN + " Heap 6 GiB (`-Xms6g -Xmx6g`, set by the benchmark)."), \
        [chart]


CONTEXT = "policy-context-build-jdk17.json"


def context_build():
    d = load(CONTEXT)
    base = find(d, "PolicyContextBuild", "decision")
    tb = med(base["primaryMetric"])
    rows = []
    for label, m in [("context from JSON, with the schema (`Context.fromJson`)", "contextFromJson"),
                     ("**context from Java values, with the schema** (`Context.builder(schema, action)`)",
                      "contextFromValues"),
                     ("context from Java values, without a schema (`Context.builder()`)",
                      "contextFromValuesNoSchema"),
                     ("the decision on a built request (baseline)", "decision")]:
        e = find(d, "PolicyContextBuild", m)
        t = med(e["primaryMetric"])
        rows.append([label, f"{t:,.0f}", f"{sec(e, 'gc.alloc.rate.norm'):,.0f}", f"{t / tb:.2f}"])
    cmd = (f"java -Dbulwark.shared.dir=../shared -jar jmh-benchmarks/target/benchmarks.jar PolicyContextBuild "
           f"-f 3 -wi 3 -i 5 -prof gc -rf json -rff docs/bench/{CONTEXT}")
    return table(["Cedar's sample 5b: a context of a boolean and a record of two", "ns (median)", "B/op",
                  "÷ the decision"], rows) + "\n\n" + source(
        [CONTEXT], cmd, "Measured 2026-12-05, three forks of 3 warm-up and 5 measurement iterations of 1 s, "
        "on a machine with other builds running (load average 2 to 3): the ratios hold better than the times."), []


FLOW = "flow/header-to-decision-jdk17.json"


def flow_steps():
    d = load(FLOW)
    total = find(d, "HeaderToDecision", "headerToDecision")
    t_all = med(total["primaryMetric"])
    steps = [("1. `AuthEngine.authenticate(header)` (verified-token cache hit)", "authenticate"),
             ("2. `PrincipalMapper.toEntity(subject, claims)`, schema-checked", "toEntity"),
             ("3. `Context.builder(schema, action).put(...).build()`", "context"),
             ("4. `PolicyEngine.authorize(request, List.of(caller))`", "authorize")]
    rows = []
    for label, m in steps:
        e = find(d, "HeaderToDecision", m)
        rows.append([label, f"{med(e['primaryMetric']):,.0f}", f"{sec(e, 'gc.alloc.rate.norm'):,.0f}"])
    rows.append(["**all four, as a handler runs them**", f"**{t_all:,.0f}**",
                 f"**{sec(total, 'gc.alloc.rate.norm'):,.0f}**"])
    cmd = f"{JAR} 'flow.HeaderToDecision' -prof gc -rf json -rff docs/bench/{FLOW}"
    return table(["step", "ns", "B/op"], rows) + "\n\n" + source(
        [FLOW], cmd, "Measured 2026-12-05, one fork, 5 warm-up and 5 measurement iterations of 1 s, every "
        "step in the same run, with other builds running (load average about 2)."), []


METRICS = {"17": "metrics/cached-auth-metrics-jdk17.json", "25": "metrics/cached-auth-metrics-jdk25.json"}


POLICY_METRICS = {"17": "metrics/policy-decision-metrics-jdk17.json",
                  "25": "metrics/policy-decision-metrics-jdk25.json"}


def metrics_overhead():
    rows = []
    for what, cls, files, binder in (
            ("cached authentication (HS256, one token)", "CachedAuthMetrics", METRICS, "AuthEngineMetrics"),
            ("Cedar decision (two policies, one entity)", "PolicyDecisionMetrics", POLICY_METRICS,
             "PolicyEngineMetrics")):
        for f in files.values():
            d = load(f)
            base = med(find(d, cls, "baseline")["primaryMetric"])
            for label, m in [("no binder (baseline)", "baseline"),
                             (f"**`{binder}` as it ships** (timer samples 1 call in 16)", "withMetrics"),
                             (f"`{binder}` timing every call (sample interval 1)", "withMetricsTimingEveryCall")]:
                e = find(d, cls, m)
                t = med(e["primaryMetric"])
                # JMH's own loop shows as a tenth of a byte per op: nothing the engine allocates.
                rows.append([what, label, jdk_short(d), f"{t:,.1f}", f"{sec(e, 'gc.alloc.rate.norm'):.0f}",
                             f"{t / base:.2f}"])
    cmd = "\n".join(f"{'java' if j == '17' else '$JDK25/bin/java'} -jar jmh-benchmarks/target/benchmarks.jar "
                    f"{cls} -f 3 -prof gc -rf json -rff docs/bench/{f}"
                    for cls, files in (("CachedAuthMetrics", METRICS), ("PolicyDecisionMetrics", POLICY_METRICS))
                    for j, f in files.items())
    return table(["call", "engine", "JDK", "ns (median)", "B/op", "÷ baseline"], rows, right_from=3) + "\n\n" + source(
        list(METRICS.values()) + list(POLICY_METRICS.values()), cmd,
        "Measured 2026-12-05, three forks of 5 warm-up and 5 measurement iterations of 1 s each, the "
        "three engines of a call in the same run, with other builds running at times (load average up "
        "to 1.6): the ratios hold better than the times. The decision's 120 B/op are the decision's "
        "own, with or without the binder."), []


# --- end to end -----------------------------------------------------------------------------------

E2E_DIR = os.path.join(BENCH, "e2e")
E2E_CMD = """
docs/bench/e2e/run.sh --server-args "--token-cache-off-heap 268435456"
python3 docs/bench/report.py
"""
# The original platform's table for its auth service, as its report gave it.
ORIGINAL = {"rate": 5247, "p95_ms": 1.8, "p99_ms": 2.4, "cache_hit": 0.92, "pool_hit": 0.87,
            "fragmentation": 0.12}
SCENARIO_NAMES = {
    "a-public": "(a) no authentication, `GET /public`",
    "b-jwt-authenticated": "(b) a cached JWT, `GET /me` (authentication only)",
    "c-jwt-authorized": "(c) a cached JWT and a Cedar decision, `GET /photos/beach`",
    "d-api-key-authorized": "(d) an API key through the query cache, and a Cedar decision",
    "e-rs256-uncached": "(e) a new RS256 JWT every request (uncached), `GET /me`",
}


def e2e_file(sustained=False):
    """The newest end-to-end run under docs/bench/e2e (file names carry the date and time) that
    searched all five scenarios, or with sustained=True the newest that has a sustained phase."""
    files = sorted((f for f in os.listdir(E2E_DIR) if f.startswith("e2e-") and f.endswith(".json")),
                   reverse=True)
    for f in files:
        d = load("e2e/" + f)
        if d.get("sustained") if sustained else len(d["scenarios"]) == len(SCENARIO_NAMES):
            return "e2e/" + f
    sys.exit("docs/bench/e2e has no such e2e-*.json: run docs/bench/e2e/run.sh first")


def e2e_when(d):
    env = d["environment"]
    return (f"Measured {env['date'][:10]} by `docs/bench/e2e/run.sh` at commit `{env['git_commit'][:10]}`: "
            f"the service (Jetty 12, its own JVM, `{' '.join(env['server_jvm_args'])}`, "
            f"`{' '.join(d['settings'].get('server_args', []))}`) and the load generator share "
            f"{env['nproc']} vCPUs ({env['cpu_model']}) over loopback; "
            f"{d['settings']['connections']} keep-alive connections; each step "
            f"{d['settings']['warmup_s']:g} s of warm-up and {d['settings']['step_duration_s']:g} s measured. "
            "Latency is from each request's intended send time (coordinated omission corrected).")


def e2e_source(f, d):
    """The provenance under an end-to-end table: the run's JSON, JDK, machine, the generator's
    arguments as the run recorded them, and the command."""
    cmd = "\n".join("    " + line for line in E2E_CMD.strip().splitlines())
    args = re.sub(r"--git-commit \S+ ?", "", d["environment"]["command_line"]).strip()
    return (f"Source: `docs/bench/{f}`. JDK: {d['environment']['jdk']}. {e2e_when(d)} "
            f"The generator's arguments, as recorded: `{args}`."
            f"\n\nCommand:\n\n{cmd}")


def ms(x):
    return "–" if x is None else f"{x:.3f}" if x < 1 else f"{x:.2f}"


def e2e_scenarios():
    f = e2e_file()
    d = load(f)
    rows, rate_groups, lat_groups = [], [], []
    for sc in d["scenarios"]:
        b = sc["best"]
        name = SCENARIO_NAMES.get(sc["scenario"], sc["scenario"])
        if b is None:
            tried = ", ".join(f"{st['rate_offered']:,.0f}" for st in sc["steps"])
            rows.append([name, "none passed", "–", "–", "–", "–", "–", f"steps at {tried} req/s"])
            continue
        rows.append([name, f"**{b['rate_offered']:,.0f}**", f"{b['rate_achieved']:,.0f}", ms(b["p50_ms"]),
                     ms(b["p95_ms"]), ms(b["p99_ms"]), f"{b['server_cpu_us_per_request']:,.0f}",
                     f"{b['generator_cpu_us_per_request']:,.0f}"])
        short = sc["scenario"].split("-")[0]
        rate_groups.append((f"({short}) {sc['scenario'][2:]}", [b["rate_offered"]]))
        lat_groups.append((f"({short}) {sc['scenario'][2:]}", [b["p50_ms"], b["p95_ms"], b["p99_ms"]]))
    bound = d["settings"]["p99_bound_ms"]
    text = table(["scenario", f"highest rate with P99 ≤ {bound:g} ms (req/s)", "achieved", "P50 ms",
                  "P95 ms", "P99 ms", "server CPU µs/req", "generator CPU µs/req"], rows)
    charts = [
        bar_chart("e2e-throughput.svg", "End to end: highest rate with P99 within the bound, req/s",
                  f"requests per second (dashed line: the original platform's {ORIGINAL['rate']:,})",
                  rate_groups, ["req/s"], ref=ORIGINAL["rate"], note="docs/bench/" + f),
        bar_chart("e2e-latency.svg", "End to end: latency at that rate, ms (lower is better)",
                  f"milliseconds (dashed line: the original platform's P95, {ORIGINAL['p95_ms']} ms)",
                  lat_groups, ["P50", "P95", "P99"], ref=ORIGINAL["p95_ms"], note="docs/bench/" + f),
    ]
    return text + "\n\n" + e2e_source(f, d), charts


def meter(m, prefix, **labels):
    """The value of the sample line whose name starts with prefix and has these labels, or 0."""
    for k, v in m.items():
        if k.split("{")[0] == prefix and all(f'{a}="{b}"' in k for a, b in labels.items()):
            return v
    return 0.0


def delta(d, scenario, prefix, **labels):
    """A counter's growth over one scenario: its total after it minus after the one before."""
    names = [sc["scenario"] for sc in d["scenarios"]]
    i = names.index(scenario)
    after = meter(d["scenarios"][i]["server_meters_after"], prefix, **labels)
    before = meter(d["scenarios"][i - 1]["server_meters_after"], prefix, **labels) if i else 0.0
    return after - before


def pct(x):
    return "–" if x is None else f"{100 * x:.1f}%"


def e2e_original():
    f = e2e_file()
    d = load(f)
    best = {sc["scenario"]: sc["best"] for sc in d["scenarios"]}
    names = [sc["scenario"] for sc in d["scenarios"]]
    c, a = best.get("c-jwt-authorized"), best.get("a-public")
    rows = []
    if c:
        rows.append(["throughput of the auth service: **5,247 req/s**",
                     "the highest rate of (c), a cached JWT and a Cedar decision, with P99 within "
                     f"{d['settings']['p99_bound_ms']:g} ms",
                     f"**{c['rate_offered']:,.0f} req/s** ({c['rate_offered'] / ORIGINAL['rate']:.1f}x; "
                     f"target 10x = {10 * ORIGINAL['rate']:,})"])
        rows.append(["P95 latency: **1.8 ms**", "P95 of (c) at that rate",
                     f"**{ms(c['p95_ms'])} ms**"])
        rows.append(["P99 latency: **2.4 ms**", "P99 of (c) at that rate (the search's bound)",
                     f"**{ms(c['p99_ms'])} ms**"])
        if a:
            rows.append(["(no claim)", "(c) beside (a), the same service without authentication: "
                         "the target is at most 15% below", f"{c['rate_offered'] / a['rate_offered']:.2f} of (a)"])
    hits = sum(delta(d, s, "bulwark_auth_token_cache_gets_total", result="hit")
               for s in ("b-jwt-authenticated", "c-jwt-authorized") if s in names)
    miss = sum(delta(d, s, "bulwark_auth_token_cache_gets_total", result="miss")
               for s in ("b-jwt-authenticated", "c-jwt-authorized") if s in names)
    qh = delta(d, "d-api-key-authorized", "cache_gets_total", cache="bulwark.api_keys", result="hit") \
        if "d-api-key-authorized" in names else 0
    qm = delta(d, "d-api-key-authorized", "cache_gets_total", cache="bulwark.api_keys", result="miss") \
        if "d-api-key-authorized" in names else 0
    rows.append(["cache hit rate: **92%**",
                 "the verified-token cache over (b) and (c) (`bulwark.auth.token.cache.gets`); the API-key "
                 "query cache over (d) (Caffeine's `cache.gets`); both serve one credential per step, so "
                 "they say the caches work, not how a skewed population fares: the Zipf(0.99) simulation "
                 "above gives 80.4% against an optimum of 85.9%",
                 f"**{pct(hits / (hits + miss) if hits + miss else None)}** token cache, "
                 f"**{pct(qh / (qh + qm) if qh + qm else None)}** query cache"])
    last = d["scenarios"][-1]["server_meters_after"]
    ph = meter(last, "bulwark_memory_pool_acquisitions_total", pool="auth.token.cache", result="hit")
    pm = meter(last, "bulwark_memory_pool_acquisitions_total", pool="auth.token.cache", result="miss")
    frag = meter(last, "bulwark_memory_pool_fragmentation_ratio", pool="auth.token.cache")
    peak = meter(last, "bulwark_memory_pool_peak_bytes", pool="auth.token.cache")
    rows.append(["memory pool hit rate: **87%**",
                 "the off-heap verified-token cache's chunks after the whole run "
                 "(`bulwark.memory.pool.hit.ratio{pool=\"auth.token.cache\"}`): a hit is a token's chunk "
                 "reused from a free list, a miss one carved from a fresh page",
                 f"**{pct(ph / (ph + pm) if ph + pm else None)}** of {ph + pm:,.0f} chunks"])
    rows.append(["memory fragmentation: **12%**",
                 "the share of the token cache's pages holding no token byte at the end of the run "
                 "(`bulwark.memory.pool.fragmentation.ratio`)",
                 f"**{pct(frag)}** (peak in use {peak / 1048576:.1f} MiB)"])
    text = table(["the original platform claimed", "what Bulwark measures for it", "measured"], rows,
                 right_from=3)
    return text + "\n\n" + e2e_source(f, d), []


def e2e_sustained():
    f = e2e_file(sustained=True)
    d = load(f)
    s = d["sustained"]
    # The last interval can be a few stragglers after the last full one: not a minute's sample.
    typical = statistics.median(c["count"] for c in s["intervals"])
    iv = [c for c in s["intervals"] if c["count"] >= typical / 2]
    per_min = max(1, round(60 / s["interval_s"]))
    old = "old_gen_used_mb" in iv[0]
    rows = []
    for i in range(0, len(iv), per_min):
        chunk = iv[i:i + per_min]
        heap = [c.get("old_gen_used_mb" if old else "heap_used_mb") or 0 for c in chunk]
        rows.append([f"{chunk[0]['elapsed_s'] - s['interval_s']:.0f}–{chunk[-1]['elapsed_s']:.0f}",
                     f"{sum(c['count'] for c in chunk):,}",
                     ms(statistics.median(c["p50_ms"] for c in chunk)),
                     ms(max(c["p99_ms"] for c in chunk)), ms(max(c["max_ms"] for c in chunk)),
                     f"{min(heap):,.1f}–{max(heap):,.1f}"])
    o = s["overall"]
    rows.append(["**whole run**", f"**{o['recorded']:,}**", f"**{ms(o['p50_ms'])}**", f"**{ms(o['p99_ms'])}**",
                 f"**{ms(o['max_ms'])}**", f"errors: {o['errors']}"])
    bound = d["settings"]["p99_bound_ms"]
    slow = [c for c in iv if c["p99_ms"] > bound]
    full = load(e2e_file())
    c_best = next(sc["best"] for sc in full["scenarios"] if sc["scenario"] == "c-jwt-authorized")
    head = (f"(c) at {o['rate_offered']:,.0f} req/s, {o['rate_offered'] / c_best['rate_offered']:.0%} of its "
            f"highest rate above (achieved {o['rate_achieved']:,.0f}), for {s['duration_s'] / 60:g} minutes; "
            f"server CPU {o['server_cpu_us_per_request']:,.0f} µs per request, {o['errors']} errors. Per minute: "
            f"the median of the {s['interval_s']:g}-second intervals' P50, the worst interval's P99 and max, and "
            + ("the server's old generation (what survives young collections, where a leak would show) "
               if old else "the server's heap in use ")
            + "as its `/metrics` showed it at the intervals' ends. "
            f"{len(iv) - len(slow)} of the {len(iv)} intervals kept their P99 within {bound:g} ms"
            + ("; the others, by the second each ended: "
               + ", ".join(f"{c['elapsed_s']:.0f} s ({ms(c['p99_ms'])} ms)" for c in slow) if slow else "")
            + ".\n\n")
    text = head + table(["seconds", "requests", "P50 ms", "worst P99 ms", "max ms",
                         "old generation MiB" if old else "heap used MiB"], rows)
    return text + "\n\n" + e2e_source(f, d), []


# --- db-cache -------------------------------------------------------------------------------------

DB_LOOKUP = "dbcache/store-lookup.json"
DB_PROPAGATION = "dbcache/revocation-propagation.json"
DB_LOG = "dbcache/decision-log.json"
DB_HIT = "dbcache/hit-ratio-zipf099.jsonl"
DB_CMD = """
.ci/postgres.sh start
./mvnw -q -pl jmh-benchmarks -am package -DskipTests
docs/bench/dbcache/run.sh     # StoreLookup, RevocationPropagation, DecisionLogThroughput on H2 and
                              # PostgreSQL 15 (the primary .ci/postgres.sh runs on loopback)
"""


def db_name(url):
    return "PostgreSQL 15" if url.startswith("jdbc:postgresql") else "H2 (in memory)"


def db_when(f):
    return (f"Measured {DB_DATE}, one fork with the class's warm-up and measurement iterations; the "
            "database server shares the 2 vCPUs with the benchmark and is reached over loopback.")


DB_DATE = "2026-12-04"


def db_lookups():
    d = load(DB_LOOKUP)
    urls = sorted({param(e, "jdbcUrl") for e in d}, key=lambda u: u.startswith("jdbc:postgresql"))
    pairs = [("API key", "apiKeyCached", "apiKeyUncached", "API key"),
             ("revocation check (not revoked)", "revocationCached", "revocationUncached", "revocation"),
             ("entity with 2 ancestors", "entityCached", "entityUncached", "entity")]
    rows, groups = [], []
    for label, cached, uncached, short in pairs:
        for u in urls:
            c, un = find(d, "StoreLookup", cached, jdbcUrl=u), find(d, "StoreLookup", uncached, jdbcUrl=u)
            tc, tu = med(c["primaryMetric"]) / 1000, med(un["primaryMetric"]) / 1000
            rows.append([label, db_name(u), num(tc), f"{sec(c, 'gc.alloc.rate.norm'):,.0f}", num(tu),
                         f"{sec(un, 'gc.alloc.rate.norm'):,.0f}", times(tu / tc)])
            groups.append((f"{short}, {db_name(u).split()[0]}", [tc, tu]))
    bulk = []
    for u in urls:
        b, o = find(d, "StoreLookup", "bulk100", jdbcUrl=u), find(d, "StoreLookup", "oneByOne100", jdbcUrl=u)
        tb, to = med(b["primaryMetric"]) / 1000, med(o["primaryMetric"]) / 1000
        bulk.append([db_name(u), num(tb), "1", num(to), "100", times(to / tb)])
    chart = bar_chart("dbcache-lookups.svg", "A lookup in the JDBC stores, µs (lower is better)",
                      "µs per lookup (median of iterations)", groups, ["cached", "uncached (one round trip)"],
                      log=True, note="docs/bench/" + DB_LOOKUP)
    return (table(["lookup", "database", "cached µs", "B/op", "uncached µs", "B/op", "uncached ÷ cached"], rows,
                  right_from=2)
            + "\n\nLoading 100 keys: `findAll` sends one query (`= ANY(?)` on PostgreSQL, `IN` on H2; "
              "counted in `JdbcApiKeyStoreTest`), one by one sends 100.\n\n"
            + table(["100 API keys", "database", "bulk µs", "round trips", "one by one µs",
                               "round trips", "one by one ÷ bulk"], bulk, right_from=1)
            + "\n\n" + source([DB_LOOKUP], DB_CMD, db_when(DB_LOOKUP))), [chart]


def db_propagation():
    d = load(DB_PROPAGATION)
    rows = []
    for e in d:
        m = e["primaryMetric"]
        k = 1 if m["scoreUnit"].startswith("ms") else (1 / 1000 if m["scoreUnit"].startswith("us") else 1 / 1e6)
        pc = m["scorePercentiles"]
        n = sum(c for it in m.get("rawDataHistogram", []) for fork in [it] for hist in fork
                for _, c in hist) if m.get("rawDataHistogram") else None
        rows.append([db_name(param(e, "jdbcUrl")), f"{n:,}" if n else "–", num(pc["50.0"] * k),
                     num(pc["90.0"] * k), num(pc["99.0"] * k), num(pc["99.9"] * k), num(pc["100.0"] * k)])
    return table(["database", "revocations", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"], rows) + \
        "\n\n" + source([DB_PROPAGATION], DB_CMD, db_when(DB_PROPAGATION)), []


def db_decision_log():
    d = load(DB_LOG)
    rows = []
    for e in sorted(d, key=lambda e: param(e, "jdbcUrl").startswith("jdbc:postgresql")):
        m = e["primaryMetric"]
        vals = flat(m)
        rows.append([db_name(param(e, "jdbcUrl")), f"{med(m):,.0f}", f"{min(vals):,.0f}–{max(vals):,.0f}",
                     param(e, "batchSize"), param(e, "capacity")])
    return table(["database", "events/s, median", "range of iterations", "batch", "queue"], rows) + \
        "\n\n" + source([DB_LOG], DB_CMD, db_when(DB_LOG) + " Four producer threads, `BLOCK` when full: "
                          "the rate is what the one writer stores."), []


def db_hit_ratio():
    with open(os.path.join(BENCH, DB_HIT)) as f:
        res = {r["policy"]: r for r in (json.loads(line) for line in f if line.strip())}
    r0 = res["caffeine"]
    opt = res["belady"]["hitRatio"]
    names = {"belady": "optimal (Belady, offline: knows the future)",
             "caffeine": "**Bulwark's query cache (Caffeine, W-TinyLFU)**", "lru": "LRU"}
    rows = [[names[p], f"{res[p]['hitRatio'] * 100:.1f}%", f"{res[p]['hitRatio'] / opt * 100:.1f}%"]
            for p in ("belady", "caffeine", "lru")]
    rows.append(["the original platform's claim", "92%", f"{0.92 / opt * 100:.0f}% (above the optimum)"])
    cmd = (f"java -cp jmh-benchmarks/target/benchmarks.jar dev.bulwark.jmh.dbcache.HitRatioSimulation "
           f"{r0['keys']} {r0['accesses']} {r0['skew']} 0.10 {r0['seed']} > docs/bench/{DB_HIT}")
    return table(["cache", "hit ratio", "of the optimum"], rows) + (
        f"\n\nTrace: {r0['accesses']:,} requests over {r0['keys']:,} keys, Zipf exponent {r0['skew']}, a cache "
        f"of {r0['capacity']:,} entries (10% of the keys), seed {r0['seed']}. A deterministic simulation "
        f"(a hit ratio is a count, not a time): the same command gives the same figures on any machine. "
        f"Source: `docs/bench/{DB_HIT}`.\n\nCommand:\n\n    {cmd}"), []


def summary():
    """The headline figures, one bullet per area, from the same JSON as the tables."""
    out = []
    for j, f in AUTH.items():
        d = load(f)
        c = {m: sec(find(d, cl, m, alg="HS256"), "cpu.time.norm") for cl, m, _ in PEERS}
        same = find(d, "JwtCached", "sameToken", "sample")["primaryMetric"]["scorePercentiles"]
        k = 1000 if find(d, "JwtCached", "sameToken", "sample")["primaryMetric"]["scoreUnit"].startswith("ns") else 1
        hot = sec(find(d, "JwtCached", "sameToken"), "cpu.time.norm")
        out.append(f"- **Authentication, JDK {jdk_short(d)}:** uncached HS256 in {num(c['bulwark'])} µs of CPU, "
                   f"{times(c['auth0'] / c['bulwark'])} faster than java-jwt and "
                   f"{times(c['nimbus'] / c['bulwark'])} faster than nimbus-jose-jwt; a cached hit in "
                   f"{num(hot)} µs (p99 {num(same['99.0'] / k)} µs), "
                   f"{times(min(v for m, v in c.items() if m not in ('bulwark', 'rawJca')) / hot)} faster than "
                   f"the fastest peer's uncached verification.")
    meds = []
    for j in (17, 25):
        for alg in ("RS256", "ES256"):
            folder, k, ratios = f"paired/jdk{j}", 1, []
            while os.path.exists(os.path.join(BENCH, folder, f"{alg}-{k}-bulwark.json")):
                b = load(f"{folder}/{alg}-{k}-bulwark.json")[0]["secondaryMetrics"]["cpu.time.norm"]
                r = load(f"{folder}/{alg}-{k}-rawJca.json")[0]["secondaryMetrics"]["cpu.time.norm"]
                ratios.append(med(r) / med(b))
                k += 1
            meds.append(statistics.median(ratios))
    out.append(f"- **RS256 and ES256:** Bulwark's throughput is {min(meds):.2f} to {max(meds):.2f} times "
               f"that of the bare JCA signature check (medians over 8 JVMs per algorithm and JDK).")
    sp, p99 = [], []
    for a, sc in POLICY.values():
        da, ds = load(a), load(sc)
        for app in {param(e, "app") for e in da}:
            sp.append(med(find(da, "PolicySampleApps", "cedarJavaCached", app=app)["primaryMetric"])
                      / med(find(da, "PolicySampleApps", "bulwark", app=app)["primaryMetric"]))
        lat = find(ds, "PolicyScale", "bulwarkLatency", "sample", policies="100")["primaryMetric"]
        p99.append(lat["scorePercentiles"]["99.0"] / (1000 if lat["scoreUnit"].startswith("ns") else 1))
    out.append(f"- **Cedar:** {times(min(sp))} to {times(max(sp))} faster than cedar-java per decision on "
               f"Cedar's sample applications; p99 {num(min(p99))}–{num(max(p99))} µs with 100 policies.")
    h, b64 = [], {}
    for d in (load(f) for f in SIMD.values()):
        t = lambda bench, m, size: med(find(d, bench, m, size=size)["primaryMetric"])
        h.append(t("KeyedHashBenchmark", "scalar", "1024") / t("KeyedHashBenchmark", "vector", "1024"))
        b64[jdk_short(d)] = {size: t("Base64UrlDecodeBenchmark", "jdkUrlDecoder", size)
                             / t("Base64UrlDecodeBenchmark", "vector", size) for size in ("64", "1024")}
    out.append(f"- **simd:** the vector keyed hash is {times(min(h))} to {times(max(h))} faster than the scalar "
               f"one at 1 KiB; against the JDK's own base64url decoder the vector decoder is "
               + "; ".join(f"{ratio_words(r['64'])} at 64 characters and {ratio_words(r['1024'])} at "
                           f"1 KiB on JDK {v}" for v, r in b64.items()) + ".")
    heap = {}
    for f in ("quiet/jdk17/cache-memory.json", "quiet/jdk25/cache-memory.json"):
        for e in load(f):
            if param(e, "entries") == "1000000":
                heap.setdefault(param(e, "cache"), []).append(sec(e, "cache.heap.MiB"))
    out.append(f"- **Memory:** with 1,000,000 cached tokens the off-heap cache holds "
               f"{num(max(heap['offheap']))} MiB of heap at most, the on-heap cache "
               f"{num(min(heap['onheap']))}–{num(max(heap['onheap']))} MiB.")
    d = load(DB_LOOKUP)
    cached = [med(e["primaryMetric"]) / 1000 for e in d if method(e).endswith("Cached")]
    pc = load(DB_PROPAGATION)[0]["primaryMetric"]["scorePercentiles"]
    pg_log = [med(e["primaryMetric"]) for e in load(DB_LOG) if param(e, "jdbcUrl").startswith("jdbc:postgresql")]
    with open(os.path.join(BENCH, DB_HIT)) as f:
        hit = {r["policy"]: r["hitRatio"] for r in (json.loads(line) for line in f if line.strip())}
    out.append(f"- **db-cache:** a cached API key, revocation or entity in {num(min(cached))}–{num(max(cached))} µs; "
               f"a revocation committed on one instance is refused by another in p99 {num(pc['99.0'])} ms "
               f"(PostgreSQL); the decision log stores {pg_log[0]:,.0f} events/s into PostgreSQL; the query "
               f"cache hits {hit['caffeine'] * 100:.1f}% on a Zipf(0.99) trace where the optimum is "
               f"{hit['belady'] * 100:.1f}%.")
    over = [med(find(load(f), cls, "withMetrics")["primaryMetric"])
            / med(find(load(f), cls, "baseline")["primaryMetric"])
            for cls, files in (("CachedAuthMetrics", METRICS), ("PolicyDecisionMetrics", POLICY_METRICS))
            for f in files.values()]
    out.append(f"- **Metrics:** with `bulwark-metrics` bound, a cached authentication or a Cedar decision "
               f"takes {min(over):.2f}x to {max(over):.2f}x its time without, and allocates nothing more.")
    d = load(e2e_file())
    best = {sc["scenario"]: sc["best"] for sc in d["scenarios"]}
    c, a = best.get("c-jwt-authorized"), best.get("a-public")
    if c and a:
        out.append(f"- **End to end** (the photo service on Jetty, server and load generator on "
                   f"{d['environment']['nproc']} vCPUs): a cached JWT and a Cedar decision at "
                   f"{c['rate_offered']:,.0f} req/s with P95 {ms(c['p95_ms'])} ms and P99 {ms(c['p99_ms'])} ms, "
                   f"{c['rate_offered'] / ORIGINAL['rate']:.1f}x the original platform's 5,247 req/s at "
                   f"1.8 ms P95, and {c['rate_offered'] / a['rate_offered']:.2f} of the same service "
                   f"without authentication.")
    return "\n".join(out), []


def ratio_words(r):
    return f"{times(r)} faster" if r >= 1 else f"{1 / r:.2f}x slower"


TABLES = {
    "summary": summary,
    "auth-uncached": auth_uncached,
    "auth-paired": paired,
    "auth-all-algs": auth_all_algs,
    "auth-cached": auth_cached,
    "auth-cached-sizes": cached_sizes,
    "metrics-overhead": metrics_overhead,
    "policy-apps": policy_apps,
    "policy-scale": policy_scale,
    "policy-roles": role_check,
    "policy-context": context_build,
    "flow-steps": flow_steps,
    "simd-hash": simd_hash,
    "simd-base64url": simd_base64,
    "simd-equals": simd_equals,
    "memory-pool": buffer_pool,
    "memory-cache": cache_memory,
    "dbcache-lookups": db_lookups,
    "dbcache-propagation": db_propagation,
    "dbcache-decision-log": db_decision_log,
    "dbcache-hit-ratio": db_hit_ratio,
    "e2e-scenarios": e2e_scenarios,
    "e2e-original": e2e_original,
    "e2e-sustained": e2e_sustained,
}


def main(argv):
    mode = argv[1] if len(argv) > 1 else "--write"
    if mode not in ("--write", "--print", "--check"):
        sys.exit(__doc__)
    blocks, charts = {}, []
    for name, fn in TABLES.items():
        blocks[name], c = fn()
        charts += c
    if mode == "--print":
        for name, text in blocks.items():
            print(f"<!-- table:{name} -->\n{text}\n<!-- /table -->\n")
        return 0
    with open(REPORT, encoding="utf-8") as f:
        doc = f.read()
    missing = [n for n in blocks if f"<!-- table:{n} -->" not in doc]
    if missing:
        sys.exit(f"docs/benchmarks.md has no marker for: {', '.join(missing)}")
    new = re.sub(r"(<!-- table:([\w-]+) -->\n).*?(<!-- /table -->)",
                 lambda m: m.group(1) + blocks[m.group(2)] + "\n" + m.group(3), doc, flags=re.S)
    stale = [] if new == doc else ["docs/benchmarks.md"]
    for name, svg in charts:
        path = os.path.join(BENCH, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != svg:
            stale.append("docs/bench/" + name)
            if mode == "--write":
                with open(path, "w", encoding="utf-8") as f:
                    f.write(svg)
    if mode == "--check":
        if stale:
            print("out of date: " + ", ".join(stale))
            return 1
        return 0
    if new != doc:
        with open(REPORT, "w", encoding="utf-8") as f:
            f.write(new)
    print("updated: " + (", ".join(stale) if stale else "nothing (already current)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
