//! [`Lab`]: the cluster as the reducer holds it. Every state the reducer produces shares one
//! cluster, mutated in place, so an action never copies it (Undo replays instead: see
//! `Checkpoint`). What the page derives from the cluster (the graph's view, the time bar's
//! next event, the mounts of the container the terminal is in) is computed once per change of
//! it, not on every render.
//!
//! A typed line starts with one simulated second, a pass of every controller
//! (`Cluster::advance(1)`), whatever the line. [`Lab::prepare_ahead`] makes that second on a copy
//! while the page is idle (the app asks for it after each change is painted), and
//! [`Lab::type_line`] types the next line on that copy if the cluster has not changed since:
//! the cluster is deterministic, so the result is the same, and the learner's Enter no longer
//! waits for the pass (up to a few ms for the first lines after the lab is built).

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

use kube_sim_core::mount_view::PodMounts;
use kube_sim_core::view::ClusterView;
use kube_sim_core::waiting::Waiting;
use kube_sim_core::{Cluster, TypedLine};

/// What the page shows of the cluster, computed together after a change.
#[derive(Debug)]
pub struct Derived {
    /// The graph's picture.
    pub view: Rc<ClusterView>,
    /// The soonest thing the cluster waits for (the time bar's note).
    pub next: Option<Waiting>,
    /// The mounts of the container the terminal is in, if it is in one.
    pub session: Option<PodMounts>,
}

/// The derived data and the change count it was computed at.
type Cached = Option<(u64, Rc<Derived>)>;

/// A handle on the playground's cluster. Clones share the cluster.
#[derive(Clone, Debug)]
pub struct Lab {
    cluster: Rc<RefCell<Cluster>>,
    /// Bumped by every [`Lab::edit`].
    changes: Rc<Cell<u64>>,
    /// The last derived data and the change count it was computed at.
    derived: Rc<RefCell<Cached>>,
    /// A copy of the cluster one simulated second ahead, and the change count it was made at.
    ahead: Rc<RefCell<Option<(u64, Cluster)>>>,
    /// The cluster a line typed on the copy replaced, dropped later, off the line's path.
    retired: Rc<RefCell<Option<Cluster>>>,
}

impl Lab {
    /// A handle on `cluster`.
    pub fn new(cluster: Cluster) -> Self {
        Lab {
            cluster: Rc::new(RefCell::new(cluster)),
            changes: Rc::default(),
            derived: Rc::default(),
            ahead: Rc::default(),
            retired: Rc::default(),
        }
    }

    /// Makes (unless it is made already) a copy of the cluster one simulated second ahead,
    /// for the next [`Lab::type_line`].
    pub fn prepare_ahead(&self) {
        drop(self.retired.borrow_mut().take());
        let now = self.changes.get();
        if matches!(&*self.ahead.borrow(), Some((at, _)) if *at == now) {
            return;
        }
        let mut copy = self.get().clone();
        copy.advance(1);
        *self.ahead.borrow_mut() = Some((now, copy));
    }

    /// Types `line` into the cluster ([`Cluster::type_line`]): on the copy made ahead if the
    /// cluster has not changed since it was made, else on the cluster itself.
    pub fn type_line(&self, line: &str) -> TypedLine {
        let ahead = self.ahead.borrow_mut().take();
        match ahead {
            Some((at, copy)) if at == self.changes.get() => {
                let mut cluster = self.edit();
                let old = std::mem::replace(&mut *cluster, copy);
                *self.retired.borrow_mut() = Some(old);
                cluster.type_line_advanced(line)
            }
            _ => self.edit().type_line(line),
        }
    }

    /// Lets `secs` simulated seconds pass ([`Cluster::advance`]), the first one from the copy
    /// made ahead if the cluster has not changed since it was made.
    pub fn advance(&self, secs: i64) {
        if secs <= 0 {
            return;
        }
        let ahead = self.ahead.borrow_mut().take();
        match ahead {
            Some((at, copy)) if at == self.changes.get() => {
                let mut cluster = self.edit();
                let old = std::mem::replace(&mut *cluster, copy);
                *self.retired.borrow_mut() = Some(old);
                cluster.advance(secs - 1);
            }
            _ => self.edit().advance(secs),
        }
    }

    /// Reads the cluster.
    pub fn get(&self) -> Ref<'_, Cluster> {
        self.cluster.borrow()
    }

    /// Changes the cluster (every state sharing this handle sees the change).
    pub fn edit(&self) -> RefMut<'_, Cluster> {
        self.changes.set(self.changes.get() + 1);
        self.cluster.borrow_mut()
    }

    /// Replaces the cluster.
    pub fn set(&self, cluster: Cluster) {
        *self.edit() = cluster;
    }

    /// How many times the cluster was edited: equal counts, same cluster.
    pub fn changes(&self) -> u64 {
        self.changes.get()
    }

    /// What the page shows of the cluster, computed again only after a change.
    pub fn derived(&self) -> Rc<Derived> {
        let now = self.changes.get();
        if let Some((at, d)) = self.derived.borrow().as_ref() {
            if *at == now {
                return Rc::clone(d);
            }
        }
        let d = {
            let c = self.get();
            Rc::new(Derived { view: Rc::new(c.view()), next: c.next_waiting(), session: c.session_mounts() })
        };
        *self.derived.borrow_mut() = Some((now, Rc::clone(&d)));
        d
    }

    /// The graph's picture of the cluster, computed again only after a change.
    pub fn view(&self) -> Rc<ClusterView> {
        Rc::clone(&self.derived().view)
    }
}

/// The same handle (not the same contents): callbacks that hold a `Lab` stay valid while the
/// playground keeps it, so they are memoised on it.
impl PartialEq for Lab {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cluster, &other.cluster)
    }
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new(Cluster::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_is_computed_again_only_after_a_change() {
        let lab = Lab::default();
        let a = lab.view();
        assert!(Rc::ptr_eq(&a, &lab.view()));
        assert!(Rc::ptr_eq(&lab.derived(), &lab.derived()), "the next event and session mounts too");
        lab.edit().type_line("kubectl create configmap c --from-literal=a=b");
        let b = lab.view();
        assert!(!Rc::ptr_eq(&a, &b));
        let copy = lab.clone();
        copy.edit().advance(1);
        assert_eq!(lab.get().now(), copy.get().now(), "clones share the cluster");
    }

    /// Lines typed on the copy made ahead give what they give on the cluster itself: the
    /// same outputs and the same cluster, line after line, also when the cluster changed
    /// between the copy and the line.
    #[test]
    fn a_line_typed_on_the_copy_made_ahead_is_the_same_line() {
        let lines = [
            "kubectl get pods -A",
            "kubectl create deployment web --image=nginx --replicas=2",
            "kubectl get pods",
            "kubectl scale deployment web --replicas=3",
            "kubectl get deploy,rs,pods -o wide",
            "echo hi > f; cat f; ls -l",
            "kubectl delete deployment web",
            "kubectl get pods",
        ];
        let plain = Lab::default();
        let ahead = Lab::default();
        for (i, line) in lines.iter().enumerate() {
            ahead.prepare_ahead();
            if i == 3 {
                // A change after the copy was made: the copy must not be used.
                plain.edit().advance(2);
                ahead.edit().advance(2);
            }
            let a = plain.edit().type_line(line);
            let b = ahead.type_line(line);
            assert_eq!(a.output, b.output, "{line}");
            assert_eq!(format!("{:?}", *plain.get()), format!("{:?}", *ahead.get()), "after {line}");
        }
        // Time passing (the time bar) starts from the copy too.
        for secs in [1, 3] {
            ahead.prepare_ahead();
            plain.edit().advance(secs);
            ahead.advance(secs);
            assert_eq!(format!("{:?}", *plain.get()), format!("{:?}", *ahead.get()), "advance({secs})");
        }
        // Preparing twice for the same cluster makes one copy.
        ahead.prepare_ahead();
        let before = ahead.ahead.borrow().as_ref().map(|(at, _)| *at);
        ahead.prepare_ahead();
        assert_eq!(before, ahead.ahead.borrow().as_ref().map(|(at, _)| *at));
        assert_eq!(format!("{:?}", *plain.edit()), format!("{:?}", *ahead.get()));
    }
}
