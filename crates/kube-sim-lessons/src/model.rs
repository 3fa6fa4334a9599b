//! The lesson types, and how a lesson file (YAML, read with the core's only YAML parser) becomes
//! them. Unknown keys are errors, so a typo in a lesson file fails the catalogue test.

use serde_json::{Map, Value};

use crate::goal::Goal;

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// `en` or `zh` (also `zh-CN`, `zh_CN`, any case); `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") || code.starts_with("en_") {
            Some(Lang::En)
        } else if code == "zh" || code.starts_with("zh-") || code.starts_with("zh_") {
            Some(Lang::Zh)
        } else {
            None
        }
    }
}

/// A text in both of the playground's languages. Long texts (intros, step texts, outros) use a
/// Markdown subset: paragraphs separated by blank lines, `- ` bullet lists, `inline code`,
/// **bold**, and fenced code blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A file the lesson puts in the learner's workspace (their home folder on `control-plane`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceFile {
    /// The file name, relative to the workspace, e.g. `nfs-pv1.yml`.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// One step of a lesson: what to read, what to type, and when it counts as done.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What to do and why.
    pub text: Text,
    /// Command lines the UI offers as click-to-type.
    pub commands: Vec<String>,
    /// A workspace file to open in the editor for this step.
    pub open: Option<String>,
    /// The step is reached when this holds.
    pub goal: Goal,
}

/// A lesson or a challenge, in the manner of one Learn Git Branching level.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// A stable id (`01-emptydir`), used in links, saved progress and `kube-sim lesson start`.
    pub id: String,
    /// The title.
    pub title: Text,
    /// A challenge gives a goal and hints only; its steps carry no commands.
    pub challenge: bool,
    /// Whether the test suite has checked that the solution reaches every goal in today's
    /// simulator. `false` marks a known failure (a simulator feature still missing).
    pub verified: bool,
    /// The introduction shown before the first step.
    pub intro: Text,
    /// Command lines run silently on a fresh lab before the lesson starts (after the files are
    /// written), e.g. to set up the NFS server that earlier lessons built by hand.
    pub setup: Vec<String>,
    /// Workspace files (the manifests the learner applies).
    pub files: Vec<WorkspaceFile>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Hints, from gentle to explicit.
    pub hints: Vec<Text>,
    /// Lines that solve the lesson when typed one by one (heredoc bodies included).
    pub solution: Vec<String>,
    /// What happened and why, shown once the last step is reached.
    pub outro: Text,
}

/// A lesson file that cannot be read: which file, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The file the lesson came from.
    pub file: String,
    /// What is wrong, with the key path.
    pub message: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Named setup scripts lessons can start from with `base:`.
const BASES: &[(&str, &str)] = &[("nfs", include_str!("../lessons/base-nfs.sh"))];

impl Lesson {
    /// Reads one lesson file.
    pub fn from_yaml(file: &str, src: &str) -> Result<Lesson, LessonError> {
        let err = |message: String| LessonError { file: file.to_string(), message };
        let docs = kube_sim_core::yaml::parse_documents(src).map_err(|e| err(format!("line {}: {}", e.line, e.message)))?;
        let [doc] = docs.as_slice() else {
            return Err(err(format!("expected one YAML document, found {}", docs.len())));
        };
        Lesson::from_value(doc).map_err(err)
    }

    fn from_value(v: &Value) -> Result<Lesson, String> {
        let m = object(v, "lesson")?;
        known_keys(
            m,
            "lesson",
            &["id", "title", "challenge", "verified", "intro", "base", "setup", "files", "steps", "hints", "solution", "outro"],
        )?;
        let mut setup = Vec::new();
        if let Some(base) = m.get("base") {
            let name = string(base, "base")?;
            let (_, script) = BASES.iter().find(|(n, _)| *n == name).ok_or_else(|| format!("base: unknown base {name:?}"))?;
            setup.extend(script.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(str::to_string));
        }
        setup.extend(lines(m.get("setup"), "setup")?);
        let files = list(m.get("files"), "files")?
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let at = format!("files[{i}]");
                let fm = object(f, &at)?;
                known_keys(fm, &at, &["name", "text"])?;
                Ok(WorkspaceFile { name: string(req(fm, "name", &at)?, &at)?, text: string(req(fm, "text", &at)?, &at)? })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let steps = list(m.get("steps"), "steps")?
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = format!("steps[{i}]");
                let sm = object(s, &at)?;
                known_keys(sm, &at, &["text", "commands", "open", "goal"])?;
                Ok(Step {
                    text: text(req(sm, "text", &at)?, &format!("{at}.text"))?,
                    commands: lines(sm.get("commands"), &format!("{at}.commands"))?,
                    open: sm.get("open").map(|o| string(o, &format!("{at}.open"))).transpose()?,
                    goal: Goal::from_value(req(sm, "goal", &at)?, &format!("{at}.goal"))?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let hints = list(m.get("hints"), "hints")?
            .iter()
            .enumerate()
            .map(|(i, h)| text(h, &format!("hints[{i}]")))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Lesson {
            id: string(req(m, "id", "lesson")?, "id")?,
            title: text(req(m, "title", "lesson")?, "title")?,
            challenge: m.get("challenge").map(|c| boolean(c, "challenge")).transpose()?.unwrap_or(false),
            verified: boolean(req(m, "verified", "lesson")?, "verified")?,
            intro: text(req(m, "intro", "lesson")?, "intro")?,
            setup,
            files,
            steps,
            hints,
            solution: lines(m.get("solution"), "solution")?,
            outro: text(req(m, "outro", "lesson")?, "outro")?,
        })
    }
}

pub(crate) fn object<'a>(v: &'a Value, at: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{at}: expected a mapping"))
}

pub(crate) fn known_keys(m: &Map<String, Value>, at: &str, known: &[&str]) -> Result<(), String> {
    match m.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("{at}: unknown key {k:?}")),
        None => Ok(()),
    }
}

pub(crate) fn req<'a>(m: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a Value, String> {
    m.get(key).ok_or_else(|| format!("{at}: missing key {key:?}"))
}

/// A scalar as text: YAML may read `1111` or `true` as a number or a boolean.
pub(crate) fn string(v: &Value, at: &str) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(format!("{at}: expected a string")),
    }
}

fn boolean(v: &Value, at: &str) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("{at}: expected true or false"))
}

fn list<'a>(v: Option<&'a Value>, at: &str) -> Result<&'a [Value], String> {
    match v {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(format!("{at}: expected a list")),
    }
}

/// A list of strings (an absent key is an empty list).
pub(crate) fn lines(v: Option<&Value>, at: &str) -> Result<Vec<String>, String> {
    list(v, at)?.iter().enumerate().map(|(i, l)| string(l, &format!("{at}[{i}]"))).collect()
}

fn text(v: &Value, at: &str) -> Result<Text, String> {
    let m = object(v, at)?;
    known_keys(m, at, &["en", "zh"])?;
    Ok(Text { en: string(req(m, "en", at)?, at)?, zh: string(req(m, "zh", at)?, at)? })
}
