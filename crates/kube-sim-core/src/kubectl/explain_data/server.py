"""A fake API server (discovery + /openapi/v3) over WORK/schemas.json, so that the real kubectl
renders `kubectl explain` from the same schemas: kubectl --server=http://127.0.0.1:18099 explain ..."""
import json, http.server, sys
S=json.load(open(sys.argv[1]+'/schemas.json'))
KINDS={'':[('pods','Pod',True,['po']),('persistentvolumes','PersistentVolume',False,['pv']),('persistentvolumeclaims','PersistentVolumeClaim',True,['pvc']),('secrets','Secret',True,[]),('configmaps','ConfigMap',True,['cm'])],
 'apps':[('deployments','Deployment',True,['deploy'])],'storage.k8s.io':[('storageclasses','StorageClass',False,['sc'])]}
paths={}
for g,rs in KINDS.items():
    pre='/api/v1' if not g else '/apis/%s/v1'%g
    for r,k,ns,_ in rs:
        p=pre+('/namespaces/{namespace}/' if ns else '/')+r
        paths[p]={'get':{'x-kubernetes-group-version-kind':{'group':g,'kind':k,'version':'v1'}}}
DOC=json.dumps({'openapi':'3.0.0','info':{'title':'Kubernetes','version':'v1.32.0'},'paths':paths,'components':{'schemas':S}}).encode()
def rl(g,rs):
    return {'kind':'APIResourceList','apiVersion':'v1','groupVersion':('v1' if not g else g+'/v1'),'resources':[{'name':r,'singularName':k.lower(),'namespaced':ns,'kind':k,'verbs':['get','list'],'shortNames':sn} for r,k,ns,sn in rs]}
R={'/api':{'kind':'APIVersions','versions':['v1'],'serverAddressByClientCIDRs':[{'clientCIDR':'0.0.0.0/0','serverAddress':'127.0.0.1:6443'}]},
 '/apis':{'kind':'APIGroupList','apiVersion':'v1','groups':[{'name':g,'versions':[{'groupVersion':g+'/v1','version':'v1'}],'preferredVersion':{'groupVersion':g+'/v1','version':'v1'}} for g in ('apps','storage.k8s.io')]},
 '/api/v1':rl('',KINDS['']),'/apis/apps/v1':rl('apps',KINDS['apps']),'/apis/storage.k8s.io/v1':rl('storage.k8s.io',KINDS['storage.k8s.io']),
 '/openapi/v3':{'paths':{'api/v1':{'serverRelativeURL':'/openapi/v3/api/v1?hash=A1'},'apis/apps/v1':{'serverRelativeURL':'/openapi/v3/apis/apps/v1?hash=A2'},'apis/storage.k8s.io/v1':{'serverRelativeURL':'/openapi/v3/apis/storage.k8s.io/v1?hash=A3'}}},
 '/version':{'major':'1','minor':'32','gitVersion':'v1.32.0'}}
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        p=self.path.split('?')[0]
        if p.startswith('/openapi/v3/') : body=DOC
        elif p in R: body=json.dumps(R[p]).encode()
        else:
            self.send_response(404); self.end_headers(); return
        self.send_response(200); self.send_header('Content-Type','application/json'); self.send_header('Content-Length',str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self,*a): pass
http.server.ThreadingHTTPServer(('127.0.0.1',18099),H).serve_forever()
