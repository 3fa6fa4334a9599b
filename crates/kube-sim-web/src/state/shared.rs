//! [`Lab`]: the cluster as the reducer holds it. Every state the reducer produces shares one
//! cluster, mutated in place, so an action never copies it (Undo replays instead: see
//! `Checkpoint`). What the page derives from the cluster (the graph's view, the time bar's
//! next event, the mounts of the container the terminal is in) is computed once per change of
//! it, not on every render.

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

use kube_sim_core::mount_view::PodMounts;
use kube_sim_core::view::ClusterView;
use kube_sim_core::waiting::Waiting;
use kube_sim_core::Cluster;

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
}

impl Lab {
    /// A handle on `cluster`.
    pub fn new(cluster: Cluster) -> Self {
        Lab { cluster: Rc::new(RefCell::new(cluster)), changes: Rc::default(), derived: Rc::default() }
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
}
