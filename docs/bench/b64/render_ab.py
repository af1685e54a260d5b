"""Renders the tables of docs/benchmarks.md, section "base64url, session 3", from the JMH JSON here.

    python3 render.py all after-jdk17-1.json after-jdk25-1.json
    python3 render.py ratio before-*.json after-*.json
    python3 render_ab.py ab-*.json
"""
import json,sys
def load(f):
    r={}
    for b in json.load(open(f)):
        n=b['benchmark'].split('.')[-1]; sz=int(b['params']['size'])
        r[(n,sz)]=(b['primaryMetric']['score'], b['primaryMetric']['scoreError'], b['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',-1))
    return r
print("| run | JDK | size | vector | vectorJdk17Lookup | jdkUrlDecoder | vector ÷ JDK | vectorJdk17Lookup ÷ JDK | vector ÷ vectorJdk17Lookup |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
m=0
for f in sys.argv[1:]:
    a=load(f); name=f.split('/')[-1].replace('.json','')
    for sz in (64,256,1024,4096):
        v=a[('vector',sz)]; p=a[('vectorJdk17Lookup',sz)]; j=a[('jdkUrlDecoder',sz)]
        m=max(m,v[2],p[2],j[2])
        print(f"| {name} | {'17' if 'jdk17' in name else '25'} | {sz} | {v[0]:.1f} ± {v[1]:.1f} | {p[0]:.1f} ± {p[1]:.1f} | {j[0]:.1f} ± {j[1]:.1f} | {v[0]/j[0]:.2f} | {p[0]/j[0]:.2f} | {v[0]/p[0]:.2f} |")
print(f"\nHighest gc.alloc.rate.norm in these runs: {m:.3f} B/op.")
