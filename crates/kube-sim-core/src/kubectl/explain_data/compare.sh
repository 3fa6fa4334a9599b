#!/bin/bash
# Compares `kubectl explain ARGS` of the real kubectl (against server.py) with kube-sim's, for each
# argument string: compare.sh 'pv.spec' 'pod.spec.volumes --recursive'
KUBE_SIM=${KUBE_SIM:-kube-sim}
fail=0
for a in "$@"; do
  real=$(kubectl --server=http://127.0.0.1:18099 --cache-dir="${TMPDIR:-/tmp}/explain-kubectl-cache" explain $a 2>&1; echo "rc=$?")
  sim=$(printf 'kubectl explain %s\necho rc=$?\n' "$a" | "$KUBE_SIM" script - 2>&1 | grep -v '^\$ ')
  if [ "$real" != "$sim" ]; then echo "DIFF: $a"; diff <(echo "$real") <(echo "$sim") | head -20; fail=1; else echo "ok: $a"; fi
done
exit $fail
