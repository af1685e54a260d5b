"""Renders the tables of docs/benchmarks.md, section "base64url, session 3", from the JMH JSON here.

    python3 render.py all after-jdk17-1.json after-jdk25-1.json
    python3 render.py ratio before-*.json after-*.json
    python3 render.py ab ab-*.json
"""
import json,sys
def load(f):
    r={}
    for b in json.load(open(f)):
        n=b['benchmark'].split('.')[-1]; sz=int(b['params']['size'])
        r[(n,sz)]=(b['primaryMetric']['score'], b['primaryMetric']['scoreError'], b['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',-1))
    return r
mode=sys.argv[1]
if mode=='ab':
    print("| run | JDK | size | vector | vectorJdk17Lookup | jdkUrlDecoder | vector ÷ JDK | vectorJdk17Lookup ÷ JDK | vector ÷ vectorJdk17Lookup |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    m=0
    for f in sys.argv[2:]:
        a=load(f); name=f.split('/')[-1].replace('.json','')
        for sz in (64,256,1024,4096):
            v=a[('vector',sz)]; p=a[('vectorJdk17Lookup',sz)]; j=a[('jdkUrlDecoder',sz)]
            m=max(m,v[2],p[2],j[2])
            print(f"| {name} | {'17' if 'jdk17' in name else '25'} | {sz} | {v[0]:.1f} ± {v[1]:.1f} | {p[0]:.1f} ± {p[1]:.1f} | {j[0]:.1f} ± {j[1]:.1f} | {v[0]/j[0]:.2f} | {p[0]/j[0]:.2f} | {v[0]/p[0]:.2f} |")
    print(f"\nHighest gc.alloc.rate.norm in these runs: {m:.3f} B/op.")
elif mode=='all':
    a17=load(sys.argv[2]); a25=load(sys.argv[3])
    print("| size (chars) | JDK 17 vector | JDK 17 scalar | JDK 17 JDK decoder | 17: vector ÷ JDK | JDK 25 vector | JDK 25 scalar | JDK 25 JDK decoder | 25: vector ÷ JDK |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for sz in (64,256,1024,4096):
        row=[str(sz)]
        for a in (a17,a25):
            v=a[('vector',sz)]; s=a[('scalar',sz)]; j=a[('jdkUrlDecoder',sz)]
            row += [f"{v[0]:.1f} ± {v[1]:.1f}", f"{s[0]:.0f} ± {s[1]:.0f}", f"{j[0]:.1f} ± {j[1]:.1f}", f"**{v[0]/j[0]:.2f}**"]
        print("| "+" | ".join(row)+" |")
    m=max(x[2] for a in (a17,a25) for x in a.values())
    print(f"\nHighest gc.alloc.rate.norm in these runs: {m:.3f} B/op.")
else:
    # ratio table: label=file pairs
    files=sys.argv[2:]
    print("| run | jar | JDK | 64 | 256 | 1024 | 4096 |")
    print("|---|---|---|---:|---:|---:|---:|")
    for f in files:
        a=load(f); name=f.split('/')[-1].replace('.json','')
        jar='before' if name.startswith('before') else 'after'
        jdk='17' if 'jdk17' in name else '25'
        cells=[]
        for sz in (64,256,1024,4096):
            v=a[('vector',sz)][0]; j=a[('jdkUrlDecoder',sz)][0]
            cells.append(f"{v:.1f} / {j:.1f} = {v/j:.2f}")
        print(f"| {name} | {jar} | {jdk} | "+" | ".join(cells)+" |")
