#!/usr/bin/env python3
"""Renders the simd/memory JMH JSON results into the Markdown tables of the simd section of docs/benchmarks.md."""
import json
import sys
from collections import defaultdict

def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].replace("dev.bulwark.jmh.", "")
        size = r.get("params", {}).get("size", "")
        score = r["primaryMetric"]["score"]
        err = r["primaryMetric"]["scoreError"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows[(name, size)] = (score, err, alloc)
    return rows

def table(files, group, methods, sizes):
    out = []
    header = "| JDK, flags | " + " | ".join(f"{m} @ {s}" for s in sizes for m in methods) + " |"
    for label, path in files:
        rows = load(path)
        cells = []
        for s in sizes:
            for m in methods:
                v = rows.get((f"{group}.{m}", s))
                cells.append("-" if v is None else f"{v[0]:.1f}")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join([header, "|" + "---|" * (1 + len(sizes) * len(methods))] + out)

def long_table(label, path, group, methods, sizes, ratio_to=None):
    rows = load(path)
    out = [f"| {label}: size | " + " | ".join(methods) + (" | " + " | ".join(f"{m} ÷ {ratio_to}" for m in methods if m != ratio_to) if ratio_to else "") + " |"]
    out.append("|" + "---|" * (1 + len(methods) + ((len(methods) - 1) if ratio_to else 0)))
    for s in sizes:
        cells = []
        for m in methods:
            v = rows.get((f"{group}.{m}", s))
            cells.append("-" if v is None else f"{v[0]:.1f} ± {v[1]:.1f}")
        ratios = []
        if ratio_to:
            base = rows.get((f"{group}.{ratio_to}", s))
            for m in methods:
                if m == ratio_to:
                    continue
                v = rows.get((f"{group}.{m}", s))
                ratios.append("-" if v is None or base is None else f"{v[0] / base[0]:.2f}x")
        out.append(f"| {s} | " + " | ".join(cells + ratios) + " |")
    if all(c == "-" for line in out[2:] for c in line.strip("| ").split(" | ")[1:1 + len(methods)]):
        return ""
    return "\n".join(out)

def alloc(path, group, methods, sizes):
    rows = load(path)
    out = []
    for s in sizes:
        for m in methods:
            v = rows.get((f"{group}.{m}", s))
            if v is not None and v[2] is not None:
                out.append(f"{group}.{m}@{s}: {v[2]:.1f} B/op")
    return "\n".join(out)

if __name__ == "__main__":
    # usage: render_simd.py label=path ...
    for arg in sys.argv[1:]:
        label, path = arg.split("=", 1)
        sizes = ["64", "256", "1024", "4096"]
        print(f"### {label}\n")
        emit = lambda t: print(t + "\n") if t else None
        emit(long_table("hash (ns/op)", path, "simd.KeyedHashBenchmark", ["vector", "scalar", "facade", "jdkArraysHashCode"], sizes, ratio_to="vector"))
        emit(long_table("constant-time equals (ns/op)", path, "simd.ConstantTimeEqualsBenchmark", ["vector", "scalar", "facade", "jdkMessageDigestIsEqual", "jdkArraysEquals"], sizes, ratio_to="vector"))
        emit(long_table("base64url decode (ns/op)", path, "simd.Base64UrlDecodeBenchmark", ["vector", "scalar", "facade", "jdkUrlDecoder"], sizes, ratio_to="vector"))
        for t in ["OneThread", "TwoThreads"]:
            emit(long_table(f"pool, {t} (ns/op)", path, f"memory.BufferPoolBenchmark.{t}", ["pooled", "allocateDirect", "heapArray"], ["256", "4096"], ratio_to="pooled"))
        a = "\n".join(x for x in [
            alloc(path, "simd.KeyedHashBenchmark", ["vector", "scalar", "facade"], sizes),
            alloc(path, "simd.Base64UrlDecodeBenchmark", ["vector", "scalar", "jdkUrlDecoder"], sizes),
            alloc(path, "simd.ConstantTimeEqualsBenchmark", ["vector", "scalar"], sizes),
            alloc(path, "memory.BufferPoolBenchmark.OneThread", ["pooled", "allocateDirect", "heapArray"], ["256", "4096"]),
            alloc(path, "memory.BufferPoolBenchmark.TwoThreads", ["pooled", "allocateDirect", "heapArray"], ["256", "4096"])] if x)
        print("Allocation (gc.alloc.rate.norm):\n\n```\n" + a + "\n```\n")
