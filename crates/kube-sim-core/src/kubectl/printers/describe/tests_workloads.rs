//! Workload describe tests.
