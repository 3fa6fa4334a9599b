#!/usr/bin/env bash
# Kube Storage Playground: this session (sandbox) for a real cluster (kind or minikube).
# Run it in an empty folder with kubectl pointing at your cluster:
#   NFS_SERVER=<your NFS server> bash {this file}
# Where the simulation differs:
# - The lab's NFS server is 172.19.0.4; manifests use $NFS_SERVER instead. Your nodes
#   need an NFS client (nfs-utils / nfs-common) and must reach the server.
# - The lab's nodes are control-plane, worker-1 and worker-2; kind names them kind-control-plane,
#   kind-worker, ...; minikube minikube, minikube-m02, ... Node names in commands may need changing.
# - Commands that ran on the lab's machines (yum, systemctl, exportfs, mount, ...) and interactive
#   sessions are comments here: run them by hand on the machine (kind: docker exec -it <node> bash;
#   minikube: minikube ssh -n <node>).
# - Simulated time passing becomes kube_sim_wait N; KUBE_SIM_SKIP_WAITS=1 skips the waits.
set -u
NFS_SERVER="${NFS_SERVER:-172.19.0.4}"
kube_sim_wait() { if [ "${KUBE_SIM_SKIP_WAITS:-0}" != 1 ]; then sleep "$1"; fi; }
mkdir -p kube-sim-workspace && cd kube-sim-workspace || exit 1

# Saved in the editor:
# 172.19.0.4 is the lab's NFS server: written as $NFS_SERVER.
sed "s/172\.19\.0\.4/${NFS_SERVER}/g" > 'pv.yaml' <<'KUBE_SIM_EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: mypv1
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  nfs:
    path: /data/nfs
    server: 172.19.0.4
KUBE_SIM_EOF
kubectl apply -f pv.yaml
cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f pod.yaml
# (waits until interrupted: run it by hand):
#   kubectl get pods -w
# (ran on the lab's control-plane as learner: run it on a machine of your cluster if needed):
#   sudo yum install -y nfs-utils
# (opens a shell as root@worker-1: the lines below ran there):
#   ssh worker-1
# 30 s of simulated time passed here.
kube_sim_wait 30
# (run on the machine worker-1 (as root); on kind: docker exec -it <node> bash):
#   systemctl status kubelet
# (back on the lab's control-plane):
#   exit
# (opens an interactive session: run it by hand):
#   kubectl exec -it web -- sh
# (typed inside the interactive session above):
#   ls /usr/share/nginx/html
# (typed inside the interactive session above):
#   exit
# (the shell refused it (syntax error)):
#   echo (
ls
# The graph's power button switched worker-1 off here. On kind: docker stop <node container>;
# on minikube: minikube node stop <node>.
# 400 s of simulated time passed here.
kube_sim_wait 400
kubectl get pods -o wide
# (unfinished (the session ended inside it)):
#   cat > half.yaml <<EOF
#   kind: Pod

# The editor's text when the session was exported (not all of it was saved in the lab).
cat > 'draft.yaml' <<'KUBE_SIM_EOF'
kind: ConfigMap
KUBE_SIM_EOF
