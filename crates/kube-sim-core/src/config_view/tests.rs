//! The teaching view over a lab with consumers of every kind.

use serde_json::json;

use super::*;
use crate::fs::MountOpts;
use crate::kubelet::projection::{resync_projected_volumes, setup_projected_volume, volume_dir, SYNC_PERIOD};
use crate::kubelet::projection::tests::{lab, secret};

fn running(c: &mut Cluster, name: &str, containers: &[&str]) {
    let now = c.clock.rfc3339();
    let st: Vec<Value> = containers.iter().map(|n| json!({"name": n, "state": {"running": {"startedAt": now}}})).collect();
    let mut pod = c.api_get("Pod", "default", name).expect("pod").clone();
    pod["status"]["containerStatuses"] = json!(st);
    c.api_update_status(&pod).expect("status");
}

#[test]
fn consumers_and_their_freshness() {
    let mut c = lab();
    secret(&mut c, "mysecret", json!({"username": "YWRtaW4=", "password": "MTIzNDU2", "bin": "AAEC/w=="}));
    let pod = c
        .api_create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
            "spec": {"nodeName": "worker-1",
                "containers": [{"name": "app", "image": "busybox",
                    "volumeMounts": [{"name": "foo", "mountPath": "/etc/foo", "readOnly": true},
                                     {"name": "foo", "mountPath": "/etc/pw", "subPath": "password"}],
                    "env": [{"name": "SECRET_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "mysecret", "key": "password"}}}],
                    "envFrom": [{"prefix": "S_", "secretRef": {"name": "mysecret"}}]}],
                "volumes": [{"name": "foo", "secret": {"secretName": "mysecret"}}]}}))
        .expect("pod");
    let v = config_view(&c, "Secret", "default", "mysecret").expect("view");
    assert_eq!(v.keys.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(), ["bin", "password", "username"]);
    assert_eq!(v.keys[0].value, Decoded::Binary { len: 4, hex: "00 01 02 ff".into() });
    assert_eq!(v.keys[1].base64.as_deref(), Some("MTIzNDU2"));
    assert!(v.keys[1].consumers.iter().all(|c| c.freshness == Freshness::NotRunning));

    // The kubelet starts it: the volume is set up, the containers run.
    let vol = pod["spec"]["volumes"][0].clone();
    let path = volume_dir(object::uid(&pod), &vol).expect("dir");
    let d = c.filesystems_mut().new_dir(0, 0, 0o1777, 0);
    c.filesystems_mut().bind_mount("worker-1", &path, d, MountOpts::default(), 0).expect("mount");
    setup_projected_volume(&mut c, &pod, &vol, "worker-1", d).expect("setup");
    running(&mut c, "web", &["app"]);
    resync_projected_volumes(&mut c, "worker-1");
    let v = config_view(&c, "Secret", "default", "mysecret").expect("view");
    let pw = &v.keys[1].consumers;
    let vias: Vec<&Via> = pw.iter().map(|c| &c.via).collect();
    assert_eq!(
        vias,
        [
            &Via::File { volume: "foo".into(), path: "/etc/foo/password".into() },
            &Via::SubPath { volume: "foo".into(), path: "/etc/pw".into() },
            &Via::EnvFrom { name: "S_password".into() },
            &Via::Env { name: "SECRET_PASSWORD".into() },
        ]
    );
    assert!(pw.iter().all(|c| c.freshness == Freshness::Current), "{pw:?}");

    // The password changes: the file waits for the sync, env and subPath stay old for good.
    c.clock.advance(5);
    let mut s = c.api_get("Secret", "default", "mysecret").expect("s").clone();
    s["data"]["password"] = json!("YWJjZGVm");
    c.api_update(s).expect("update");
    c.clock.advance(1);
    resync_projected_volumes(&mut c, "worker-1");
    let v = config_view(&c, "Secret", "default", "mysecret").expect("view");
    let f: Vec<&Freshness> = v.keys[1].consumers.iter().map(|c| &c.freshness).collect();
    let due = crate::kubelet::projection::next_sync(object::uid(&pod), c.now());
    if due != c.now() {
        assert_eq!(f[0], &Freshness::Pending { next_sync: due });
    }
    assert_eq!(f[1..], [&Freshness::StaleUntilRestart; 3]);
    for _ in 0..SYNC_PERIOD {
        c.clock.advance(1);
        resync_projected_volumes(&mut c, "worker-1");
    }
    let v = config_view(&c, "Secret", "default", "mysecret").expect("view");
    assert_eq!(v.keys[1].consumers[0].freshness, Freshness::Current);
    assert!(v.keys[2].consumers.iter().all(|c| c.freshness == Freshness::Current), "username did not change");

    let text = render(&v, Lang::En);
    assert!(text.starts_with("Secret default/mysecret  type=Opaque  resourceVersion="), "{text}");
    assert!(text.contains("KEY        BASE64     DECODED\nbin        AAEC/w==   <4 bytes: 00 01 02 ff>\npassword   YWJjZGVm   abcdef\n"), "{text}");
    assert!(text.contains("  pod/web   app   env SECRET_PASSWORD                   stale: set when the container started; restart the pod to see the new value\n"), "{text}");
    assert!(text.ends_with(&format!("{}\n", BASE64_NOTE.en)));
    assert!(render(&v, Lang::Zh).contains("base64 只是编码"));
}

#[test]
fn configmaps_show_text_and_items_mapping() {
    let mut c = lab();
    c.api_create(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"},
        "data": {"app.conf": "a=1\n", "other": "x"}, "binaryData": {"logo": "iVBORw=="}}))
    .expect("cm");
    c.api_create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "image": "busybox", "volumeMounts": [{"name": "v", "mountPath": "/cfg/"}]}],
            "volumes": [{"name": "v", "configMap": {"name": "cm", "items": [{"key": "app.conf", "path": "conf/app.conf"}]}}]}}))
    .expect("pod");
    let v = config_view(&c, "ConfigMap", "default", "cm").expect("view");
    assert_eq!(v.secret_type, None);
    let k: Vec<(&str, Option<&str>)> = v.keys.iter().map(|k| (k.key.as_str(), k.base64.as_deref())).collect();
    assert_eq!(k, [("app.conf", None), ("logo", Some("iVBORw==")), ("other", None)]);
    assert_eq!(v.keys[0].consumers[0].via, Via::File { volume: "v".into(), path: "/cfg/conf/app.conf".into() });
    assert!(v.keys[2].consumers.is_empty(), "not in items");
    let text = render(&v, Lang::En);
    assert!(text.contains("app.conf   -          a=1\\n\n"), "{text}");
    assert!(text.contains("other: no consumers\n"), "{text}");
    assert!(!text.contains("base64 is an encoding"));
    assert!(config_view(&c, "ConfigMap", "default", "nope").is_none());
    assert!(config_view(&c, "Pod", "default", "p").is_none());
    let all: Vec<String> = config_views_in(&c, "default").iter().map(|v| format!("{}/{}", v.kind, v.name)).collect();
    assert_eq!(all, ["ConfigMap/cm", "ConfigMap/kube-root-ca.crt"].map(String::from));
}
