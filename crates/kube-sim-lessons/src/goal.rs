//! Goals: predicates over the learner's cluster, evaluated only through the core's public
//! façade. A `check` types its command into a *clone* of the cluster (so the learner's cluster
//! never changes), from the learner's own shell on `control-plane`, in their home folder.
//!
//! In a lesson file:
//!
//! ```yaml
//! goal: { check: "kubectl get pvc mypvc1 -o jsonpath={.status.phase}", equals: Bound }
//! goal: { last_output: { contains: "is not supported anymore" } }
//! goal:
//!   all:
//!     - { check: "ssh nfs-server ls /data/nfs", contains: a }
//!     - not: { check: "kubectl get pod mypod1", exit: 0 }
//! ```
//!
//! Matchers (all given must hold): `equals` (the output without its trailing newlines),
//! `contains` (a string or a list, each a substring), `matches` (a glob or a list of globs,
//! `*` and `?`, each matching some whole line of the output), `exit` (the exit status).

use kube_sim_core::Cluster;
use serde_json::Value;

use crate::model::{known_keys, lines, object, req, string};

/// What an output must look like.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expect {
    /// The output, trailing newlines removed, equals this.
    pub equals: Option<String>,
    /// The output contains each of these.
    pub contains: Vec<String>,
    /// Each glob matches at least one line of the output.
    pub matches: Vec<String>,
    /// The command's exit status.
    pub exit: Option<i32>,
}

impl Expect {
    /// Whether `output` (with exit status `exit`) meets every matcher.
    pub fn holds(&self, output: &str, exit: Option<i32>) -> bool {
        self.equals.as_deref().map_or(true, |e| output.trim_end_matches('\n') == e.trim_end_matches('\n'))
            && self.contains.iter().all(|c| output.contains(c.as_str()))
            && self.matches.iter().all(|g| output.lines().any(|l| glob(g, l)))
            && self.exit.map_or(true, |e| exit == Some(e))
    }

    fn from_map(m: &serde_json::Map<String, Value>, at: &str) -> Result<Expect, String> {
        let many = |key: &str| -> Result<Vec<String>, String> {
            match m.get(key) {
                None => Ok(Vec::new()),
                Some(v @ Value::Array(_)) => lines(Some(v), &format!("{at}.{key}")),
                Some(v) => Ok(vec![string(v, &format!("{at}.{key}"))?]),
            }
        };
        let expect = Expect {
            equals: m.get("equals").map(|v| string(v, &format!("{at}.equals"))).transpose()?,
            contains: many("contains")?,
            matches: many("matches")?,
            exit: match m.get("exit") {
                None => None,
                Some(v) => Some(v.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(|| format!("{at}.exit: expected a number"))?),
            },
        };
        if expect == Expect::default() {
            return Err(format!("{at}: give at least one of equals, contains, matches, exit"));
        }
        Ok(expect)
    }
}

/// A predicate over the cluster and the learner's last output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Types `command` into a clone of the cluster and tests what it printed.
    Check {
        /// A command line, as real bash and kubectl would accept it.
        command: String,
        /// What its output must look like.
        expect: Expect,
    },
    /// Tests the output of the learner's last command.
    LastOutput(Expect),
    /// Every goal holds.
    All(Vec<Goal>),
    /// At least one goal holds.
    Any(Vec<Goal>),
    /// The goal does not hold.
    Not(Box<Goal>),
}

impl Goal {
    /// Reads a goal from a lesson file's value; `at` names where it is, for errors.
    pub fn from_value(v: &Value, at: &str) -> Result<Goal, String> {
        let m = object(v, at)?;
        if let Some(cmd) = m.get("check") {
            known_keys(m, at, &["check", "equals", "contains", "matches", "exit"])?;
            return Ok(Goal::Check { command: string(cmd, &format!("{at}.check"))?, expect: Expect::from_map(m, at)? });
        }
        if m.len() != 1 {
            return Err(format!("{at}: a goal is check, last_output, all, any or not"));
        }
        if let Some(e) = m.get("last_output") {
            let em = object(e, &format!("{at}.last_output"))?;
            known_keys(em, &format!("{at}.last_output"), &["equals", "contains", "matches"])?;
            return Ok(Goal::LastOutput(Expect::from_map(em, &format!("{at}.last_output"))?));
        }
        let many = |key: &str| -> Result<Vec<Goal>, String> {
            let items = req(m, key, at)?.as_array().ok_or_else(|| format!("{at}.{key}: expected a list"))?;
            items.iter().enumerate().map(|(i, g)| Goal::from_value(g, &format!("{at}.{key}[{i}]"))).collect()
        };
        if m.contains_key("all") {
            return Ok(Goal::All(many("all")?));
        }
        if m.contains_key("any") {
            return Ok(Goal::Any(many("any")?));
        }
        if let Some(g) = m.get("not") {
            return Ok(Goal::Not(Box::new(Goal::from_value(g, &format!("{at}.not"))?)));
        }
        Err(format!("{at}: a goal is check, last_output, all, any or not"))
    }

    /// Whether the goal holds for `cluster`, with `last_output` the output of the learner's last
    /// command (`None`: no output may count, e.g. it was already used by an earlier step).
    pub fn holds(&self, cluster: &Cluster, last_output: Option<&str>) -> bool {
        let mut base = None;
        self.eval(cluster, last_output, &mut base)
    }

    /// Whether this goal reads the learner's last output anywhere.
    pub fn uses_last_output(&self) -> bool {
        match self {
            Goal::Check { .. } => false,
            Goal::LastOutput(_) => true,
            Goal::All(gs) | Goal::Any(gs) => gs.iter().any(Goal::uses_last_output),
            Goal::Not(g) => g.uses_last_output(),
        }
    }

    fn eval(&self, cluster: &Cluster, last: Option<&str>, base: &mut Option<Option<Cluster>>) -> bool {
        match self {
            Goal::Check { command, expect } => {
                let Some(mut shell) = base.get_or_insert_with(|| learner_shell(cluster)).clone() else {
                    return false;
                };
                let typed = shell.type_line(command);
                expect.holds(&typed.output, typed.exit)
            }
            Goal::LastOutput(expect) => last.is_some_and(|out| expect.holds(out, None)),
            Goal::All(gs) => gs.iter().all(|g| g.eval(cluster, last, base)),
            Goal::Any(gs) => gs.iter().any(|g| g.eval(cluster, last, base)),
            Goal::Not(g) => !g.eval(cluster, last, base),
        }
    }
}

/// The learner's own prompt on `control-plane`.
const LEARNER_PROMPT: &str = "[learner@control-plane ";

/// A clone of `cluster` whose terminal is back at the learner's shell on `control-plane`, in
/// their home folder: nested sessions (`ssh`, `kubectl exec -it`, `mysql>`) are left with
/// `exit`. `None` when a command waits for more lines, or the shell cannot be reached.
fn learner_shell(cluster: &Cluster) -> Option<Cluster> {
    if cluster.expects_continuation() {
        return None;
    }
    let mut c = cluster.clone();
    for _ in 0..6 {
        if c.prompt().starts_with(LEARNER_PROMPT) {
            break;
        }
        c.type_line("exit");
    }
    if !c.prompt().starts_with(LEARNER_PROMPT) || c.expects_continuation() {
        return None;
    }
    c.type_line("cd");
    Some(c)
}

/// Whether glob `pattern` (`*` any run of characters, `?` one character) matches all of `text`.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_whole_lines() {
        assert!(glob("mypvc1*Bound*mypv1*", "mypvc1   Bound    mypv1    1Gi        RWO"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "abbc"));
        assert!(glob("*", ""));
        assert!(!glob("Bound", "Bound "));
        assert!(glob("*Bound*", "x Bound y"));
    }

    #[test]
    fn expect_matchers_all_hold() {
        let e = Expect { equals: Some("Bound".into()), ..Expect::default() };
        assert!(e.holds("Bound\n", Some(0)));
        assert!(!e.holds("Pending", Some(0)));
        let e = Expect { contains: vec!["a".into(), "b".into()], exit: Some(0), ..Expect::default() };
        assert!(e.holds("ab", Some(0)));
        assert!(!e.holds("ab", Some(1)));
        assert!(!e.holds("a", Some(0)));
        let e = Expect { matches: vec!["*Running*".into()], ..Expect::default() };
        assert!(e.holds("NAME STATUS\npod Running\n", None));
    }

    #[test]
    fn goals_parse_and_reject_typos() {
        let v = serde_json::json!({"all": [{"check": "kubectl get pv", "contains": "mypv1"}, {"not": {"last_output": {"contains": "x"}}}]});
        let g = Goal::from_value(&v, "goal").unwrap();
        assert!(g.uses_last_output());
        assert!(Goal::from_value(&serde_json::json!({"check": "ls", "contain": "x"}), "goal").is_err());
        assert!(Goal::from_value(&serde_json::json!({"check": "ls"}), "goal").is_err());
        assert!(Goal::from_value(&serde_json::json!({"al": []}), "goal").is_err());
    }

    #[test]
    fn last_output_goals_need_an_output() {
        let g = Goal::LastOutput(Expect { contains: vec!["Hello".into()], ..Expect::default() });
        let c = Cluster::new();
        assert!(g.holds(&c, Some("Hello World\n")));
        assert!(!g.holds(&c, Some("")));
        assert!(!g.holds(&c, None));
    }

    #[test]
    fn checks_run_on_a_clone() {
        let c = Cluster::new();
        let before = c.now();
        let g = Goal::Check { command: "kubectl version --client".into(), expect: Expect { contains: vec!["v1.32".into()], exit: Some(0), ..Expect::default() } };
        assert!(g.holds(&c, None));
        assert_eq!(c.now(), before);
    }
}
