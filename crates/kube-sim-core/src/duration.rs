//! `duration.HumanDuration`: how kubectl prints AGE (`k8s-behaviour.md` §6.2).

/// `secs` as kubectl's AGE column prints it (`5m38s`, `77m`, `4d3h`).
pub fn human(secs: i64) -> String {
    human_millis(secs.saturating_mul(1000))
}

/// `HumanDuration` of a duration given in milliseconds (the logical clock counts whole
/// seconds; this finer form exists so the upstream table can be checked as written).
pub fn human_millis(ms: i64) -> String {
    // int(d.Seconds()) truncates toward zero, so -1.999s is "0s" and -2s is "<invalid>".
    let seconds = ms / 1000;
    if seconds < -1 {
        return "<invalid>".into();
    } else if seconds < 0 {
        return "0s".into();
    } else if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    } else if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 { format!("{}d", hours / 24) } else { format!("{}d{h}h", hours / 24) };
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        let y = hours / 24 / 365;
        return if dy == 0 { format!("{y}y") } else { format!("{y}y{dy}d") };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1000;
    const M: i64 = 60 * S;
    const H: i64 = 60 * M;
    const D: i64 = 24 * H;
    const Y: i64 = 365 * D;

    #[test]
    fn upstream_table() {
        let table: &[(i64, &str)] = &[
            (S, "1s"),
            (70 * S, "70s"),
            (190 * S, "3m10s"),
            (70 * M, "70m"),
            (47 * H, "47h"),
            (49 * H, "2d1h"),
            (8 * D + 2 * H, "8d"),
            (367 * D, "367d"),
            (2 * Y + 25 * H, "2y1d"),
            (8 * Y + 2 * H, "8y"),
            (-2 * S, "<invalid>"),
            (-(2 * S - 1), "0s"),
            (0, "0s"),
            (999, "0s"),
            (M + 59 * S + 999, "119s"),
            (2 * M, "2m"),
            (2 * M + S, "2m1s"),
            (9 * M + 59 * S + 999, "9m59s"),
            (10 * M, "10m"),
            (10 * M + S, "10m"),
            (2 * H + 59 * M + 59 * S + 999, "179m"),
            (3 * H, "3h"),
            (3 * H + M, "3h1m"),
            (7 * H + 59 * M + 59 * S + 999, "7h59m"),
            (8 * H, "8h"),
            (8 * H + 59 * M, "8h"),
            (47 * H + 59 * M + 59 * S + 999, "47h"),
            (48 * H, "2d"),
            (49 * H, "2d1h"),
            (7 * D + 23 * H + 59 * M + 59 * S + 999, "7d23h"),
            (8 * D, "8d"),
            (8 * D + 23 * H, "8d"),
            (729 * D + 23 * H + 59 * M + 59 * S + 999, "729d"),
            (730 * D, "2y"),
            (730 * D + 23 * H + 59 * M, "2y"),
            (731 * D, "2y1d"),
            (3 * Y, "3y"),
            (7 * Y + 364 * D + 23 * H + 59 * M + 59 * S + 999, "7y364d"),
            (8 * Y, "8y"),
            (8 * Y + 364 * D, "8y"),
            (9 * Y, "9y"),
        ];
        for (d, out) in table {
            assert_eq!(human_millis(*d), *out, "d={d}ms");
        }
    }

    #[test]
    fn seconds_entry_point() {
        assert_eq!(human(338), "5m38s");
        assert_eq!(human(77 * 60), "77m");
        assert_eq!(human(4 * 86400), "4d");
        assert_eq!(human(4 * 86400 + 3 * 3600), "4d3h");
        assert_eq!(human(-1), "0s");
        assert_eq!(human(-2), "<invalid>");
        assert_eq!(human(119), "119s");
        assert_eq!(human(120), "2m");
        assert_eq!(human(i64::MAX), format!("{}y", i64::MAX / 1000 / 3600 / 24 / 365));
    }
}
