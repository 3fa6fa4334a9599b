"""Step 2 of 2 (see build.py): the data table of explain_docs.rs, from WORK/schemas.json.
Every type the seven kinds reach, fields sorted, type hints as kubectl's typeGuess prints them."""
import json,sys
S=json.load(open(sys.argv[1]+'/schemas.json'))
ROOTS=['io.k8s.api.core.v1.Pod','io.k8s.api.core.v1.PersistentVolume','io.k8s.api.core.v1.PersistentVolumeClaim','io.k8s.api.storage.v1.StorageClass','io.k8s.api.core.v1.Secret','io.k8s.api.core.v1.ConfigMap','io.k8s.api.apps.v1.Deployment']
def refname(r): return r.split('/')[-1]
def short(n): return n.split('.')[-1]
def reftarget(s):
    """the named schema a field schema points to (through allOf/items/additionalProperties), like the template's description/fieldList walk"""
    if '$ref' in s: return refname(s['$ref'])
    if 'allOf' in s: return reftarget(s['allOf'][0])
    if 'items' in s: return reftarget(s['items'])
    ap=s.get('additionalProperties')
    if isinstance(ap,dict): return reftarget(ap)
    return None
def guess(s):
    if 'items' in s: return '[]'+guess(s['items'])
    ap=s.get('additionalProperties')
    if isinstance(ap,dict): return 'map[string]'+guess(ap)
    if 'allOf' in s and 'properties' not in s and len(s['allOf'])==1: return guess(s['allOf'][0])
    if '$ref' in s:
        r=S.get(refname(s['$ref']))
        if not r or not r.get('type') or r['type']=='object':
            return refname(s['$ref']).split('.')[-1] or 'Object'
        return r['type']
    t=s.get('type')
    if t=='object': return 'Object'
    return t or 'Object'
def closure(roots):
    seen=[];stack=list(roots)
    while stack:
        n=stack.pop(0)
        if n in seen: continue
        seen.append(n)
        for f,p in S[n].get('properties',{}).items():
            t=reftarget(p)
            if t and t not in seen: stack.append(t)
    return seen
seen=closure(ROOTS)
C='io.k8s.api.core.v1.'
# types whose enum fields were checked against the upstream +enum markers: --recursive is offered only within them
AUDITED=set(closure(ROOTS))
def esc(s): return s.replace('\\','\\\\').replace('\n','\\n').replace('\t','\\t')
out=[]
for n in sorted(seen,key=short):
    s=S[n]
    gvk=s.get('x-kubernetes-group-version-kind')
    head='='+short(n)
    g=''
    if gvk and n in ROOTS: g=gvk[0]['group']+'/'+gvk[0]['kind']
    out.append('%s\t%s\t%s\t%s'%(head,g,'a' if n in AUDITED else '',esc(s.get('description',''))))
    req=s.get('required',[])
    for f in sorted(s.get('properties',{})):
        p=s['properties'][f]
        t=short(reftarget(p) or '')
        out.append('%s\t%s\t%s\t%s\t%s\t%s'%(f,guess(p),t,'R' if f in req else '',('#'+','.join(p['enum'])) if 'enum' in p else '',esc(p.get('description',''))))
txt='\n'.join(out)+'\n'
# split at type boundaries into files of < 480 lines
files=[[]]
for l in out:
    if l.startswith('=') and len(files[-1])>400: files.append([])
    files[-1].append(l)
for i,f in enumerate(files): open(sys.argv[2]+'/docs%d.txt'%i,'w').write('\n'.join(f)+'\n')
print(len(seen),'types',len(txt),'bytes', sum(1 for l in out if l.startswith('=')))
