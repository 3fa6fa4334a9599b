//! Text for a [`ConfigView`]: a CLI-friendly table and the base64 teaching note.

use super::{ConfigView, Decoded, Freshness, Via};
use crate::clock::rfc3339;

/// A text in the two languages of the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bilingual {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// The language to render in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

/// Shown next to decoded Secret values.
pub const BASE64_NOTE: Bilingual = Bilingual {
    en: "base64 is an encoding, not encryption: anyone who can read this Secret (kubectl get secret -o yaml) can decode it with `base64 --decode`. Protect Secrets with RBAC (who may get/list secrets) and turn on encryption at rest in the API server (EncryptionConfiguration) so etcd does not hold them in plain text.",
    zh: "base64 只是编码，不是加密：任何能读取这个 Secret 的人（kubectl get secret -o yaml）都能用 `base64 --decode` 还原出原文。要保护 Secret，请用 RBAC 限制谁可以 get/list secrets，并在 API Server 上启用静态加密（EncryptionConfiguration），让 etcd 中不再以明文保存。",
};

fn freshness(f: &Freshness, lang: Lang) -> String {
    match (f, lang) {
        (Freshness::Current, Lang::En) => "current".into(),
        (Freshness::Current, Lang::Zh) => "最新".into(),
        (Freshness::Pending { next_sync }, Lang::En) => format!("old value until the kubelet sync at {}", rfc3339(*next_sync)),
        (Freshness::Pending { next_sync }, Lang::Zh) => format!("旧值，kubelet 将在 {} 同步时更新", rfc3339(*next_sync)),
        (Freshness::StaleUntilRestart, Lang::En) => "stale: set when the container started; restart the pod to see the new value".into(),
        (Freshness::StaleUntilRestart, Lang::Zh) => "旧值：容器启动时已固定，需重建 Pod 才能看到新值".into(),
        (Freshness::NotRunning, Lang::En) => "not running".into(),
        (Freshness::NotRunning, Lang::Zh) => "未运行".into(),
    }
}

fn via(v: &Via) -> String {
    match v {
        Via::File { volume, path } => format!("file {path} (volume {volume})"),
        Via::SubPath { volume, path } => format!("file {path} (volume {volume}, subPath)"),
        Via::Env { name } => format!("env {name}"),
        Via::EnvFrom { name } => format!("env {name} (envFrom)"),
    }
}

fn value(d: &Decoded) -> String {
    match d {
        Decoded::Text(t) => t.escape_debug().to_string(),
        Decoded::Binary { len, hex } => format!("<{len} bytes: {hex}>"),
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols).map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - c.chars().count() + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The view as text: a header, a KEY/BASE64/DECODED table, each key's consumers, and for
/// Secrets the base64 note.
pub fn render(view: &ConfigView, lang: Lang) -> String {
    let mut out = format!("{} {}/{}", view.kind, view.namespace, view.name);
    if let Some(t) = &view.secret_type {
        out.push_str(&format!("  type={t}"));
    }
    out.push_str(&format!("  resourceVersion={}\n\n", view.resource_version));
    let mut rows = vec![vec!["KEY".to_string(), "BASE64".to_string(), "DECODED".to_string()]];
    for k in &view.keys {
        rows.push(vec![k.key.clone(), k.base64.clone().unwrap_or_else(|| "-".into()), value(&k.value)]);
    }
    out.push_str(&table(&rows));
    for k in &view.keys {
        out.push('\n');
        if k.consumers.is_empty() {
            out.push_str(&format!("{}: {}\n", k.key, if lang == Lang::Zh { "无消费者" } else { "no consumers" }));
            continue;
        }
        out.push_str(&format!("{}:\n", k.key));
        let rows: Vec<Vec<String>> = k
            .consumers
            .iter()
            .map(|c| vec![format!("  pod/{}", c.pod), c.container.clone(), via(&c.via), freshness(&c.freshness, lang)])
            .collect();
        out.push_str(&table(&rows));
    }
    if view.kind == "Secret" {
        out.push('\n');
        out.push_str(BASE64_NOTE.get(lang));
        out.push('\n');
    }
    out
}
