//! The kube-system and kube-public ConfigMaps, Secrets and ServiceAccounts kubeadm creates,
//! so that `kubectl get cm,secrets,sa -A` in the lab looks like a real cluster's.

use serde_json::{json, Value};

const COREFILE: &str = ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n";

const KUBE_PROXY_CONFIG: &str = "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nclusterCIDR: 10.244.0.0/16\nkind: KubeProxyConfiguration\nmode: \"\"\n";

const KUBE_PROXY_KUBECONFIG: &str = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://172.19.0.1:6443\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n";

const CLUSTER_CONFIGURATION: &str = "apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\ncaCertificateValidityPeriod: 87600h0m0s\ncertificateValidityPeriod: 8760h0m0s\ncertificatesDir: /etc/kubernetes/pki\nclusterName: kubernetes\ncontrollerManager: {}\ndns: {}\nencryptionAlgorithm: RSA-2048\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: registry.k8s.io\nkind: ClusterConfiguration\nkubernetesVersion: v1.32.4\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\nproxy: {}\nscheduler: {}\n";

const KUBELET_CONFIG: &str = "apiVersion: kubelet.config.k8s.io/v1beta1\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    cacheTTL: 0s\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nauthorization:\n  mode: Webhook\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\ncontainerRuntimeEndpoint: \"\"\nkind: KubeletConfiguration\nrotateCertificates: true\nstaticPodPath: /etc/kubernetes/manifests\n";

fn cm(ns: &str, name: &str, data: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns}, "data": data})
}

fn sa(ns: &str, name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}})
}

/// The objects, in creation order.
pub fn objects() -> Vec<Value> {
    let ca = crate::controllers::namespace::ROOT_CA;
    let mut objs = vec![
        cm("kube-system", "coredns", json!({"Corefile": COREFILE})),
        cm("kube-system", "extension-apiserver-authentication", json!({
            "client-ca-file": ca,
            "requestheader-allowed-names": "[\"front-proxy-client\"]",
            "requestheader-client-ca-file": ca,
            "requestheader-extra-headers-prefix": "[\"X-Remote-Extra-\"]",
            "requestheader-group-headers": "[\"X-Remote-Group\"]",
            "requestheader-username-headers": "[\"X-Remote-User\"]",
        })),
        cm("kube-system", "kube-apiserver-legacy-service-account-token-tracking", json!({"since": "2024-12-10"})),
        cm("kube-system", "kube-proxy", json!({"config.conf": KUBE_PROXY_CONFIG, "kubeconfig.conf": KUBE_PROXY_KUBECONFIG})),
        cm("kube-system", "kubeadm-config", json!({"ClusterConfiguration": CLUSTER_CONFIGURATION})),
        cm("kube-system", "kubelet-config", json!({"kubelet": KUBELET_CONFIG})),
        cm("kube-public", "cluster-info", json!({"kubeconfig": "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n    server: https://172.19.0.1:6443\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n"})),
        json!({"apiVersion": "v1", "kind": "Secret", "type": "bootstrap.kubernetes.io/token",
            "metadata": {"name": "bootstrap-token-abcdef", "namespace": "kube-system"},
            "data": {
                "auth-extra-groups": "c3lzdGVtOmJvb3RzdHJhcHBlcnM6a3ViZWFkbTpkZWZhdWx0LW5vZGUtdG9rZW4=",
                "expiration": "MjAyNC0xMi0xMVQwNjowMDowMFo=",
                "token-id": "YWJjZGVm",
                "token-secret": "MDEyMzQ1Njc4OWFiY2RlZg==",
                "usage-bootstrap-authentication": "dHJ1ZQ==",
                "usage-bootstrap-signing": "dHJ1ZQ==",
            }}),
    ];
    for name in ["coredns", "kube-proxy", "bootstrap-signer", "certificate-controller", "daemon-set-controller", "deployment-controller",
        "generic-garbage-collector", "namespace-controller", "node-controller", "persistent-volume-binder", "pvc-protection-controller",
        "pv-protection-controller", "replicaset-controller", "root-ca-cert-publisher", "service-account-controller"]
    {
        objs.push(sa("kube-system", name));
    }
    objs
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_data_decodes() {
        use base64::Engine;
        for o in super::objects().iter().filter(|o| crate::object::kind(o) == "Secret") {
            for v in o["data"].as_object().unwrap().values() {
                assert!(base64::engine::general_purpose::STANDARD.decode(v.as_str().unwrap()).is_ok());
            }
        }
    }
}
