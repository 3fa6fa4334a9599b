//! `duration.HumanDuration`: how kubectl prints AGE (`k8s-behaviour.md` §6.2).
//! (Skeleton: the API-machinery work implements every rule and the upstream table.)

/// `secs` as kubectl's AGE column prints it (`5m38s`, `77m`, `4d3h`).
pub fn human(secs: i64) -> String {
    format!("{secs}s")
}
