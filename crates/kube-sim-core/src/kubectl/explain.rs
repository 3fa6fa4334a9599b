//! `kubectl explain TYPE[.FIELD...]`: kubectl 1.32's OpenAPI v3 plaintext template
//! (`explain/v2/templates/plaintext.tmpl`) over the schemas of [`super::explain_docs`]: the
//! header, `FIELD:`/`ENUM:` of a field path, DESCRIPTION, and the FIELDS list (or, with
//! `--recursive`, the indented tree of field names).

use super::explain_docs::{self, Field, Type};
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::api::resources::{self, ResourceInfo};
use crate::cluster::ProgramOutput;

const SPECS: &[FlagSpec] = &[
    flag("recursive", None, FlagKind::Bool),
    flag("api-version", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
];

/// Paths longer than this are refused as not existing (real kubectl has no bound; the lab keeps
/// its work bounded).
const MAX_DEPTH: usize = 64;

/// `wordwrap.WrapString` (mitchellh/go-wordwrap), which kubectl's explain `wrap` uses:
/// breaks at white space so that lines stay within `lim` characters, keeps line breaks.
fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::new();
    let (mut current, mut word, mut space) = (0usize, String::new(), String::new());
    for ch in s.chars() {
        if ch == '\n' {
            if word.is_empty() {
                if current + space.chars().count() <= lim {
                    buf.push_str(&space);
                }
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                word.clear();
            }
            space.clear();
            buf.push(ch);
            current = 0;
        } else if ch.is_whitespace() && ch != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space.chars().count() + word.chars().count();
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                word.clear();
            }
            space.push(ch);
        } else {
            word.push(ch);
            let wl = word.chars().count();
            if current + space.chars().count() + wl > lim && wl < lim {
                buf.push('\n');
                current = 0;
                space.clear();
            }
        }
    }
    if word.is_empty() {
        if current + space.chars().count() <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

/// The template's `extractEnum`, short form: `enum: a, b, c, d, ....` (at most four values).
fn enum_line(values: &[&str], indent_by: usize) -> String {
    let mut out = format!("\n{}enum: ", " ".repeat(indent_by));
    for (i, v) in values.iter().enumerate() {
        if i >= 4 {
            out.push_str(", ....");
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(if v.is_empty() { "\"\"" } else { v });
    }
    out
}

/// One entry of a FIELDS list (`fieldDetail`), long (with description) or short (`--recursive`).
fn field_detail(out: &mut String, f: &Field, level: usize, short: bool) {
    let n = level * 2;
    out.push_str(&indent(f.name, n));
    out.push_str(&format!("\t<{}>", f.hint));
    if f.required {
        out.push_str(" -required-");
    }
    if let Some(values) = &f.enums {
        out.push_str(&enum_line(values, n));
    }
    out.push('\n');
    if !short {
        let desc = if f.description.is_empty() { "<no description>" } else { &f.description };
        out.push_str(&indent(&wrap(desc, 78 - n), n + 2));
        out.push_str("\n\n");
    }
}

/// `fieldList`: every field of `t`; with `recursive`, each followed by its own fields one level
/// deeper, skipping a type already open on the path (`history`).
fn field_list(out: &mut String, t: &Type, level: usize, recursive: bool, history: &mut Vec<&'static str>) {
    for f in &t.fields {
        field_detail(out, f, level, recursive);
        if !recursive {
            continue;
        }
        let Some(target) = f.target else { continue };
        if history.contains(&target) || history.len() > MAX_DEPTH {
            continue;
        }
        if let Some(sub) = explain_docs::lookup(target) {
            history.push(target);
            field_list(out, &sub, level + 1, true, history);
            history.pop();
        }
    }
}

/// Whether every type reachable from `t` had its enums checked (so `--recursive` prints them all).
fn audited(t: &Type, seen: &mut Vec<&'static str>) -> bool {
    if !t.audited {
        return false;
    }
    seen.push(t.name);
    for target in t.fields.iter().filter_map(|f| f.target) {
        if seen.contains(&target) {
            continue;
        }
        match explain_docs::lookup(target) {
            Some(sub) if audited(&sub, seen) => {}
            Some(_) => return false,
            None => {}
        }
    }
    true
}

/// GROUP (for named groups), KIND and VERSION, then a blank line.
fn header(info: &ResourceInfo) -> String {
    let mut out = String::new();
    if !info.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", info.group));
    }
    out.push_str(&format!("KIND:       {}\nVERSION:    {}\n\n", info.kind, info.version));
    out
}

/// What the path resolves to: the root type, or the last field and the type it leads to.
enum Target {
    Root(Type),
    Field(Field, Option<Type>),
}

fn render(info: &ResourceInfo, root: Type, path: &[&str], recursive: bool, what: &str) -> ProgramOutput {
    let mut out = header(info);
    let mut target = Target::Root(root);
    for (i, name) in path.iter().enumerate() {
        let mut fields = match target {
            Target::Root(t) | Target::Field(_, Some(t)) => t.fields,
            Target::Field(_, None) => return not_exist(out, path),
        };
        let Some(f) = fields.iter().position(|f| f.name == *name) else {
            return not_exist(out, path);
        };
        let field = fields.swap_remove(f);
        if i + 1 == path.len() {
            out.push_str(&format!("FIELD: {} <{}>\n", field.name, field.hint));
            if let Some(values) = &field.enums {
                out.push_str("ENUM:");
                for v in values {
                    out.push_str(&format!("\n    {}", if v.is_empty() { "\"\"" } else { v }));
                }
            }
            out.push_str("\n\n");
        }
        let next = field.target.and_then(explain_docs::lookup);
        target = Target::Field(field, next);
    }
    let (description, ty) = match &target {
        Target::Root(t) => (format!("{}\n", t.description), Some(t)),
        Target::Field(f, t) => {
            let mut d = String::new();
            if !f.description.is_empty() {
                d.push_str(&f.description);
                d.push('\n');
            }
            if let Some(t) = t.as_ref().filter(|t| !t.description.is_empty()) {
                d.push_str(&t.description);
                d.push('\n');
            }
            (d, t.as_ref())
        }
    };
    if recursive {
        if let Some(t) = ty.filter(|t| !t.fields.is_empty()) {
            if !audited(t, &mut Vec::new()) {
                return ProgramOutput::err(format!("error: explain --recursive for {what} is not available in this lab\n"), 1);
            }
        }
    }
    out.push_str("DESCRIPTION:\n");
    let description = if description.is_empty() { "<empty>".to_string() } else { description };
    out.push_str(&indent(&wrap(&description, 76), 4));
    out.push('\n');
    if let Some(t) = ty.filter(|t| !t.fields.is_empty()) {
        out.push_str("FIELDS:\n");
        field_list(&mut out, t, 1, recursive, &mut Vec::new());
    }
    out.push('\n');
    ProgramOutput::ok(out)
}

/// The template's `throw "error: field \"%v\" does not exist"` names the LAST element of the
/// path; what the template printed before the throw (the header) stays on stdout.
fn not_exist(header: String, path: &[&str]) -> ProgramOutput {
    let last = path.last().copied().unwrap_or("");
    ProgramOutput { stdout: header, stderr: format!("error: field \"{last}\" does not exist\n"), code: 1 }
}

/// Tab completion of a field path after `kubectl explain`: for `pv.spec.n` (a type, then fields,
/// then a partial field) the full paths of the fields of the type `pv.spec` leads to.
pub fn complete_path(partial: &str) -> Vec<String> {
    let Some((head, _)) = partial.rsplit_once('.') else { return Vec::new() };
    let mut segments = head.split('.');
    let Some(t) = segments.next().and_then(resources::resolve).and_then(|info| explain_docs::root(info.kind)) else {
        return Vec::new();
    };
    let mut t = t;
    for name in segments.take(MAX_DEPTH) {
        let next = t.fields.iter().find(|f| f.name == name).and_then(|f| f.target).and_then(explain_docs::lookup);
        match next {
            Some(n) => t = n,
            None => return Vec::new(),
        }
    }
    t.fields.iter().map(|f| format!("{head}.{}", f.name)).collect()
}

/// Whether a dot-separated part of the argument parses as one JSONPath field node.
fn is_field_node(s: &str) -> bool {
    !s.is_empty() && !s.contains([' ', ',', '[', ']', '$', '@', '{', '}'])
}

/// A later JSONPath node is not a field: kubectl words it as about the first node, or (with
/// --api-version, another parser) about all nodes.
fn bad_jsonpath(p: &flags::Parsed) -> ProgramOutput {
    let why = if p.get("api-version").is_some() { "all nodes must be field nodes" } else { "first node must be field node" };
    ProgramOutput::err(format!("error: invalid jsonpath syntax, {why}\n"), 1)
}

/// Runs `kubectl explain ARGS`.
pub fn run(args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl explain") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.is_set("help") {
        return ProgramOutput::ok(include_str!("explain_data/help.txt"));
    }
    let Some(what) = p.args.first() else {
        return ProgramOutput::err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1);
    };
    if p.args.len() > 1 {
        return ProgramOutput::err("error: We accept only this format: explain RESOURCE\n", 1);
    }
    // kubectl parses `{.WHAT}` as JSONPath (one trailing `.` dropped): the first field node is
    // the resource, the others the field path.
    let trimmed = what.strip_suffix('.').unwrap_or(what);
    if trimmed.is_empty() {
        return ProgramOutput::err("error: a resource must be present, got: /, Resource=\n", 1);
    }
    let (ty, rest) = trimmed.split_once('.').unwrap_or((trimmed, ""));
    if !is_field_node(ty) {
        return ProgramOutput::err("error: invalid jsonpath syntax, first node must be field node\n", 1);
    }
    let Some(info) = resources::resolve(ty) else {
        // explain prints the RESTMapper's error bare (get says `error: ...`).
        return ProgramOutput::err(format!("the server doesn't have a resource type \"{ty}\"\n"), 1);
    };
    let api_version = p.get("api-version");
    let qualified = format!("{}.{}", info.plural, info.group);
    let path: Vec<&str> = match what.strip_prefix(qualified.as_str()) {
        // Without --api-version, `deployments.apps.spec` names the resource with its group; the
        // path is then the suffix's JSONPath nodes but the first.
        Some(suffix) if api_version.is_none() && !info.group.is_empty() => {
            let suffix = suffix.strip_suffix('.').unwrap_or(suffix);
            match suffix.strip_prefix('.') {
                _ if suffix.is_empty() => Vec::new(),
                Some(fields) => fields.split('.').collect(),
                None => suffix.split('.').skip(1).collect(),
            }
        }
        _ if rest.is_empty() => Vec::new(),
        _ => rest.split('.').collect(),
    };
    // An empty part before another is `..` (recursive descent); an empty last part is a field "".
    let (last, before) = path.split_last().map_or((None, &path[..]), |(l, b)| (Some(*l), b));
    if !before.iter().all(|s| is_field_node(s)) || last.is_some_and(|l| !l.is_empty() && !is_field_node(l)) {
        return bad_jsonpath(&p);
    }
    if let Some(av) = api_version {
        let (group, version) = av.split_once('/').unwrap_or(("", av));
        if (group, version) != (info.group, info.version) {
            let gvr = format!("{group}/{version}, Resource={}", info.plural);
            let served = resources::RESOURCES.iter().any(|r| r.group == group && r.version == version);
            return ProgramOutput::err(
                if served {
                    format!("error: GVR ({gvr}) not found in OpenAPI schema\n")
                } else {
                    format!("error: couldn't find resource for \"{gvr}\"\n")
                },
                1,
            );
        }
    }
    match p.get("output") {
        None | Some("plaintext") => {}
        Some("plaintext-openapiv2") => {
            return ProgramOutput::err("error: --output plaintext-openapiv2 is not available in this lab\n", 1)
        }
        Some(o) => return ProgramOutput::err(format!("error: unrecognized format: {o}\n"), 1),
    }
    let Some(root) = explain_docs::root(info.kind) else {
        return ProgramOutput::err(format!("error: explain for {} is not available in this lab\n", info.plural), 1);
    };
    if path.len() > MAX_DEPTH {
        return not_exist(header(info), &path);
    }
    render(info, root, &path, p.get("recursive") == Some("true"), what)
}
#[cfg(test)]
mod tests {
    use super::*;

    const API_VERSION: &str = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";

    #[test]
    fn wraps_at_76() {
        let w = wrap(API_VERSION, 76);
        assert!(w.lines().all(|l| l.len() <= 76 || !l.contains(' ')));
        assert_eq!(w.lines().next(), Some("APIVersion defines the versioned schema of this representation of an object."));
        assert_eq!(wrap("aaa bbb\n\nccc", 5), "aaa\nbbb\n\nccc");
        assert_eq!(wrap(" - `\"Delete\"` means", 10), " -\n`\"Delete\"`\nmeans");
    }

    #[test]
    fn indent_pads_every_line_even_empty_ones() {
        assert_eq!(indent("a\n\nb\n", 4), "    a\n    \n    b\n    ");
        assert_eq!(indent("x", 0), "x");
    }

    #[test]
    fn enum_lines_cut_after_four_and_quote_empty() {
        assert_eq!(enum_line(&["", "A", "B", "C", "D"], 2), "\n  enum: \"\", A, B, C, ....");
        assert_eq!(enum_line(&["Block", "Filesystem"], 4), "\n    enum: Block, Filesystem");
    }

    fn run_line(line: &str) -> ProgramOutput {
        run(&line.split(' ').map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn odd_paths_never_panic() {
        let long = format!("pv.{}", "spec.".repeat(500));
        for line in ["pv.", "pv..", ".", "..", "pv..spec", "pv.spec.nfs.server.x", &long, "pv.日本.é", "pv.spec.\u{0}", "pod.spec.containers.env.valueFrom.secretKeyRef.key.x"] {
            let out = run_line(line);
            assert!(out.code == 0 || !out.stderr.is_empty(), "{line}");
        }
        assert_eq!(run_line(&long).stderr, "error: field \"spec\" does not exist\n");
    }

    #[test]
    fn completes_field_paths() {
        assert_eq!(complete_path("pv.spec.n"), complete_path("pv.spec.")); // the caller filters by prefix
        assert!(complete_path("pv.spec.").contains(&"pv.spec.nfs".to_string()));
        assert!(complete_path("pod.spec.volumes.secret.").contains(&"pod.spec.volumes.secret.items".to_string()));
        assert!(complete_path("pv.spec.nfs.server.").is_empty());
        assert!(complete_path("foos.").is_empty());
        assert!(complete_path("pv").is_empty());
    }

    #[test]
    fn recursive_is_offered_for_every_kind() {
        for kind in ["pv", "pvc", "sc", "secret", "cm", "pod", "deploy"] {
            let out = run_line(&format!("{kind} --recursive"));
            assert_eq!(out.code, 0, "{kind}");
            assert!(out.stdout.contains("\n  metadata\t<ObjectMeta>\n    annotations\t<map[string]string>\n"), "{kind}");
        }
        assert_eq!(run_line("pod.spec.nodeName --recursive").code, 0);
    }
}
