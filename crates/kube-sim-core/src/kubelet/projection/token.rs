//! The bound service account token the kubelet requests (TokenRequest) for a projected
//! `serviceAccountToken` source: a JWT with the claims of a v1.32 API server. The signature is
//! deterministic filler (no real key exists in the simulation).

use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::cluster::Cluster;
use crate::object;

/// The issuer and audience of kubeadm clusters.
const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";
/// `--service-account-extend-token-expiration`: a token requested for 3607 s lives one year.
const EXTENDED: i64 = 365 * 24 * 3600;

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(parts: &[&str]) -> Vec<u8> {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize().to_vec()
}

fn uuid_from(bytes: &[u8]) -> String {
    let h: String = bytes.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// The token for `pod` on `node`; `Err` as the kubelet reports a failed TokenRequest.
pub(crate) fn service_account_token(cluster: &Cluster, pod: &Value, node: &str, src: &Value) -> Result<String, String> {
    let ns = object::namespace(pod);
    let sa_name = object::get_str(pod, "spec.serviceAccountName").filter(|s| !s.is_empty()).unwrap_or("default");
    let sa = cluster.api_get("ServiceAccount", ns, sa_name).map_err(|e| format!("failed to fetch token: {}", e.message))?;
    let node_uid = cluster.api_get("Node", "", node).map(|n| object::uid(n).to_string()).unwrap_or_default();
    let now = cluster.now();
    let requested = src.get("expirationSeconds").and_then(Value::as_i64).unwrap_or(3600);
    let exp = if requested == 3607 { now + EXTENDED } else { now + requested };
    let aud = src.get("audience").and_then(Value::as_str).filter(|a| !a.is_empty()).unwrap_or(ISSUER);
    let seed = [object::uid(pod), node, &now.to_string()];
    let mut claims = json!({
        "aud": [aud], "exp": exp, "iat": now, "iss": ISSUER,
        "jti": uuid_from(&digest(&seed)),
        "kubernetes.io": {
            "namespace": ns,
            "node": {"name": node, "uid": node_uid},
            "pod": {"name": object::name(pod), "uid": object::uid(pod)},
            "serviceaccount": {"name": sa_name, "uid": object::uid(sa)},
        },
        "nbf": now,
        "sub": format!("system:serviceaccount:{ns}:{sa_name}"),
    });
    if requested == 3607 {
        if let Some(m) = claims.get_mut("kubernetes.io").and_then(Value::as_object_mut) {
            m.insert("warnafter".into(), json!(now + requested));
        }
    }
    let kid = b64url(&digest(&["kube-sim signing key"]));
    let header = json!({"alg": "RS256", "kid": kid});
    let mut sig = Vec::new();
    for i in 0..8 {
        sig.extend(digest(&[&seed.concat(), &i.to_string()]));
    }
    Ok(format!("{}.{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()), b64url(&sig)))
}
