//! Scenario tests of the binder, written from k8s-behaviour.md §1 and §3.
