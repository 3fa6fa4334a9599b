//! [`Lab`]: the cluster as the reducer holds it. Every state the reducer produces shares one
//! cluster, mutated in place, so an action never copies it (Undo replays instead: see
//! `Checkpoint`). The graph's view is computed once per change of the cluster.

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

use kube_sim_core::view::ClusterView;
use kube_sim_core::Cluster;

/// A computed view and the change count it was computed at.
type CachedView = Option<(u64, Rc<ClusterView>)>;

/// A handle on the playground's cluster. Clones share the cluster.
#[derive(Clone, Debug)]
pub struct Lab {
    cluster: Rc<RefCell<Cluster>>,
    /// Bumped by every [`Lab::edit`].
    changes: Rc<Cell<u64>>,
    /// The last view and the change count it was computed at.
    view: Rc<RefCell<CachedView>>,
}

impl Lab {
    /// A handle on `cluster`.
    pub fn new(cluster: Cluster) -> Self {
        Lab { cluster: Rc::new(RefCell::new(cluster)), changes: Rc::default(), view: Rc::default() }
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

    /// The graph's picture of the cluster, computed again only after a change.
    pub fn view(&self) -> Rc<ClusterView> {
        let now = self.changes.get();
        if let Some((at, v)) = self.view.borrow().as_ref() {
            if *at == now {
                return Rc::clone(v);
            }
        }
        let v = Rc::new(self.get().view());
        *self.view.borrow_mut() = Some((now, Rc::clone(&v)));
        v
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
        lab.edit().type_line("kubectl create configmap c --from-literal=a=b");
        let b = lab.view();
        assert!(!Rc::ptr_eq(&a, &b));
        let copy = lab.clone();
        copy.edit().advance(1);
        assert_eq!(lab.get().now(), copy.get().now(), "clones share the cluster");
    }
}
