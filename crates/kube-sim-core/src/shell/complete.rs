//! Tab completion: command names for the first word, file names after it.

use crate::cluster::Cluster;

/// Completions of kubectl words after `kubectl ` (`args` are the words typed so far, the last
/// one partial, possibly empty). An empty answer falls back to file names.
pub fn kubectl_words(cluster: &Cluster, args: &[&str]) -> Vec<String> {
    crate::kubectl::complete::words(cluster, args)
}

/// Candidates for the last word of `partial` (the text before the cursor): each candidate
/// replaces that word. Directories end with `/`.
pub fn complete(cluster: &Cluster, partial: &str) -> Vec<String> {
    let ctx = cluster.current_ctx();
    let start = partial.rfind([' ', '|', ';', '&']).map_or(0, |i| i + 1);
    let word = &partial[start..];
    let before = partial[..start].trim_end();
    let first_word = before.is_empty() || before.ends_with(['|', ';', '&']);
    let mut out: Vec<String> = Vec::new();
    if first_word && !word.contains('/') {
        let mut names: Vec<String> = super::BUILTINS.iter().map(|s| s.to_string()).collect();
        names.extend(crate::programs::names(cluster, &ctx));
        names.push("ll".into());
        out = names.into_iter().filter(|n| n.starts_with(word)).collect();
    } else {
        let mut words: Vec<&str> = partial.split_whitespace().collect();
        if partial.ends_with(char::is_whitespace) {
            words.push("");
        }
        if words.first() == Some(&"kubectl") {
            let k = kubectl_words(cluster, &words[1..]);
            if !k.is_empty() {
                return k;
            }
        }
        // The index of the word being completed.
        let index = if partial.ends_with(' ') { words.len() } else { words.len().saturating_sub(1) };
        let fixed: Option<Vec<String>> = match (words.first().copied(), index) {
            (Some("ssh"), 1) => Some(cluster.hosts.list.iter().map(|h| h.name.clone()).collect()),
            (Some("systemctl"), 1) => {
                Some(["disable", "enable", "is-active", "is-enabled", "reload", "restart", "start", "status", "stop"].map(String::from).to_vec())
            }
            (Some("systemctl"), 2) => cluster.hosts.get(&ctx.host).map(|h| h.services.keys().cloned().collect()),
            _ => None,
        };
        if let Some(list) = fixed {
            let mut v: Vec<String> = list.into_iter().filter(|c| c.starts_with(word)).collect();
            crate::sort::sort(&mut v);
            return v;
        }
        let (dir, prefix) = match word.rfind('/') {
            Some(i) => (&word[..=i], &word[i + 1..]),
            None => ("", word),
        };
        let list_dir = if dir.is_empty() { "." } else { dir };
        if let Ok(names) = cluster.read_dir(&ctx, list_dir) {
            for n in names {
                if !n.starts_with(prefix) || (n.starts_with('.') && !prefix.starts_with('.')) {
                    continue;
                }
                let full = format!("{dir}{n}");
                let slash = if cluster.is_dir(&ctx, &full) { "/" } else { "" };
                out.push(format!("{full}{slash}"));
            }
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}
