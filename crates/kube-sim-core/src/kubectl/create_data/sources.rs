//! Where `kubectl create secret|configmap` take their data from: `--from-literal`,
//! `--from-file` (a file, `key=file`, a folder) and `--from-env-file`, with kubectl's parsing
//! rules, key validation and error texts (Go's `os` errors, with the path as typed).

use crate::cluster::{Cluster, ProcCtx};
use crate::fs::FsError;

/// The text Go's `syscall.Errno` prints for `e` (lower case, unlike coreutils).
pub fn go_errno(e: FsError) -> &'static str {
    match e {
        FsError::NotFound => "no such file or directory",
        FsError::NotADirectory => "not a directory",
        FsError::IsADirectory => "is a directory",
        FsError::PermissionDenied => "permission denied",
        FsError::NotPermitted => "operation not permitted",
        FsError::ReadOnly => "read-only file system",
        FsError::Exists => "file exists",
        FsError::NotEmpty => "directory not empty",
        FsError::Loop => "too many levels of symbolic links",
        FsError::Invalid => "invalid argument",
        FsError::Busy => "device or resource busy",
    }
}

pub use crate::gofmt::go_quote;

/// Go's `path.Clean`.
pub fn path_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            c => parts.push(c),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// Go's `path.Base`.
pub fn path_base(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

/// pflag's string-slice parsing of one flag value (comma separated, `"` quoting as in CSV).
pub fn split_csv(v: &str) -> Vec<String> {
    if v.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = v.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_start => quoted = true,
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' if quoted => quoted = false,
            ',' if !quoted => {
                out.push(std::mem::take(&mut cur));
                at_start = true;
                continue;
            }
            c => cur.push(c),
        }
        at_start = false;
    }
    out.push(cur);
    out
}

/// `util.ParseLiteralSource`: `key=value`, split at the first `=`.
pub fn parse_literal(source: &str) -> Result<(String, String), String> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("invalid literal source {source}, expected key=value")),
    }
}

/// `util.ParseFileSource`: `path` (key is its base name) or `key=path`.
pub fn parse_file_source(source: &str) -> Result<(String, String), String> {
    let n = source.matches('=').count();
    match n {
        0 => Ok((path_base(source), source.to_string())),
        1 if source.starts_with('=') => Err(format!("key name for file path {} missing", &source[1..])),
        1 if source.ends_with('=') => Err(format!("file path for key name {} missing", &source[..source.len() - 1])),
        1 => {
            let (k, p) = source.split_once('=').unwrap_or((source, ""));
            Ok((k.to_string(), p.to_string()))
        }
        _ => Err("key names or file paths cannot contain '='".into()),
    }
}

fn chdir_prefix_errors(key: &str, errs: &mut Vec<String>) {
    if key == "." {
        errs.push("must not be '.'".into());
    } else if key == ".." {
        errs.push("must not be '..'".into());
    } else if key.starts_with("..") {
        errs.push("must not start with '..'".into());
    }
}

/// `validation.IsConfigMapKey` (also used for Secret keys).
pub fn config_map_key_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > 253 {
        errs.push("must be no more than 253 characters".into());
    }
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".into());
    }
    chdir_prefix_errors(key, &mut errs);
    errs
}

/// `validation.IsEnvVarName`.
pub fn env_var_name_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let first_ok = key.chars().next().is_some_and(|c| ok_char(c) && !c.is_ascii_digit());
    if !first_ok || !key.chars().all(ok_char) {
        errs.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')".into());
    }
    chdir_prefix_errors(key, &mut errs);
    errs
}

/// `os.Stat`: whether `path` is a folder, or why it cannot be reached.
pub fn stat(cluster: &Cluster, ctx: &ProcCtx, path: &str) -> Result<bool, FsError> {
    if cluster.is_dir(ctx, path) {
        return Ok(true);
    }
    match cluster.read_file(ctx, path) {
        Ok(_) => Ok(false),
        // A missing path under a regular file is ENOTDIR, as the kernel says.
        Err(FsError::NotFound) if parent_is_file(cluster, ctx, path) => Err(FsError::NotADirectory),
        Err(e) => Err(e),
    }
}

fn parent_is_file(cluster: &Cluster, ctx: &ProcCtx, path: &str) -> bool {
    let mut p = path.trim_end_matches('/');
    while let Some((parent, _)) = p.rsplit_once('/') {
        if parent.is_empty() {
            return false;
        }
        if !cluster.is_dir(ctx, parent) && cluster.read_file(ctx, parent).is_ok() {
            return true;
        }
        p = parent;
    }
    false
}

/// `os.ReadFile`, with Go's error text (`open PATH: no such file or directory`).
pub fn read_file(cluster: &Cluster, ctx: &ProcCtx, path: &str) -> Result<Vec<u8>, String> {
    cluster.read_file(ctx, path).map_err(|e| match e {
        FsError::IsADirectory => format!("read {path}: is a directory"),
        e => format!("open {path}: {}", go_errno(e)),
    })
}

/// Takes one key and its bytes, or says why not.
pub type AddBytes<'a> = dyn FnMut(&str, Vec<u8>) -> Result<(), String> + 'a;
/// Takes one key and its text, or says why not.
pub type AddText<'a> = dyn FnMut(&str, String) -> Result<(), String> + 'a;

/// One `(key, bytes)` from `--from-file` sources, in kubectl's order; `add` rejects bad keys.
pub fn from_file_sources(
    cluster: &Cluster,
    ctx: &ProcCtx,
    sources: &[String],
    add: &mut AddBytes<'_>,
) -> Result<(), String> {
    for source in sources {
        let (key, path) = parse_file_source(source)?;
        let is_dir = stat(cluster, ctx, &path).map_err(|e| format!("error reading {path}: {}", go_errno(e)))?;
        if is_dir {
            if source.contains('=') {
                return Err("cannot give a key name for a directory path".into());
            }
            let names = cluster
                .read_dir(ctx, &path)
                .map_err(|e| format!("error listing files in {path}: open {path}: {}", go_errno(e)))?;
            for name in names {
                let item = path_clean(&format!("{path}/{name}"));
                if cluster.is_dir(ctx, &item) {
                    continue;
                }
                let data = read_file(cluster, ctx, &item)?;
                add(&name, data)?;
            }
        } else {
            let data = read_file(cluster, ctx, &path)?;
            add(&key, data)?;
        }
    }
    Ok(())
}

/// `cmdutil.AddFromEnvFile` over every `--from-env-file`; `what` is `secret` or `config` for
/// the folder error. A line without `=` takes its value from the environment, which is empty here.
pub fn from_env_files(
    cluster: &Cluster,
    ctx: &ProcCtx,
    files: &[String],
    what: &str,
    add: &mut AddText<'_>,
) -> Result<(), String> {
    for file in files {
        let is_dir = stat(cluster, ctx, file).map_err(|e| format!("error reading {file}: {}", go_errno(e)))?;
        if is_dir {
            return Err(format!("env {what} file cannot be a directory"));
        }
        let content = read_file(cluster, ctx, file)?;
        let mut lines: Vec<&[u8]> = content.split(|&b| b == b'\n').collect();
        if content.ends_with(b"\n") || content.is_empty() {
            lines.pop();
        }
        for (n, raw) in lines.into_iter().enumerate() {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let Ok(mut line) = std::str::from_utf8(raw) else {
                let bytes: Vec<String> = raw.iter().map(u8::to_string).collect();
                return Err(format!("env file {file} contains invalid utf8 bytes at line {}: [{}]", n + 1, bytes.join(" ")));
            };
            if n == 0 {
                line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
            }
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = match line.split_once('=') {
                Some((k, v)) => (k, v.to_string()),
                None => (line, String::new()),
            };
            let errs = env_var_name_errors(key);
            if !errs.is_empty() {
                return Err(format!("{} is not a valid key name: {}", go_quote(key), errs.join(";")));
            }
            add(key, value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sources_parse_like_kubectl() {
        assert_eq!(parse_file_source("dir/f1"), Ok(("f1".into(), "dir/f1".into())));
        assert_eq!(parse_file_source("k=f1"), Ok(("k".into(), "f1".into())));
        assert_eq!(parse_file_source("=f1"), Err("key name for file path f1 missing".into()));
        assert_eq!(parse_file_source("k="), Err("file path for key name k missing".into()));
        assert_eq!(parse_file_source("a=b=c"), Err("key names or file paths cannot contain '='".into()));
        assert_eq!(parse_literal("x==y"), Ok(("x".into(), "=y".into())));
        assert_eq!(parse_literal("=x"), Err("invalid literal source =x, expected key=value".into()));
    }

    #[test]
    fn paths_and_lists() {
        assert_eq!(path_base("d2/"), "d2");
        assert_eq!(path_clean("./d2//x"), "d2/x");
        assert_eq!(split_csv("a,b"), ["a", "b"]);
        assert_eq!(split_csv("\"a,b\",c"), ["a,b", "c"]);
        assert_eq!(go_quote("a\"b\tc"), "\"a\\\"b\\tc\"");
    }

    #[test]
    fn key_rules() {
        assert!(config_map_key_errors("a.b-c_D9").is_empty());
        assert_eq!(config_map_key_errors(".."), ["must not be '..'"]);
        assert_eq!(config_map_key_errors("..a"), ["must not start with '..'"]);
        assert_eq!(env_var_name_errors("1B").len(), 1);
        assert!(env_var_name_errors("MY_ENV.NAME").is_empty());
    }
}
