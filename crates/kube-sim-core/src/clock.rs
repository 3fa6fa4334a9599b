//! The simulated clock: whole seconds since the Unix epoch, advanced only by the simulation.

/// The instant every fresh lab starts at: 2024-12-10T08:00:00Z.
pub const LAB_EPOCH: i64 = 1_733_817_600;

/// A logical clock. It moves only when the simulation says so, never by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    now: i64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { now: LAB_EPOCH }
    }
}

impl Clock {
    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the clock forward by `secs` seconds.
    pub fn advance(&mut self, secs: i64) {
        self.now += secs.max(0);
    }

    /// The current time as RFC 3339, as the API server prints timestamps.
    pub fn rfc3339(&self) -> String {
        rfc3339(self.now)
    }
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Splits Unix seconds into (year, month, day, hour, minute, second), UTC.
pub fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32)
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` back into Unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    // Two or four ASCII digits (what `str::parse` took, without its sign and overflow cases).
    let num = |r: std::ops::Range<usize>| {
        b.get(r)?.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    // days-from-civil
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = if mo > 2 { mo - 3 } else { mo + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + se)
}

/// Parses RFC 3339 (also with fractional seconds, as MicroTime prints).
pub fn parse_time(ts: &str) -> Option<i64> {
    if let Some(t) = parse_rfc3339(ts) {
        return Some(t);
    }
    // "2024-12-10T08:00:00.123456Z": drop the fraction.
    let (head, frac) = ts.split_once('.')?;
    frac.strip_suffix('Z').filter(|f| f.bytes().all(|b| b.is_ascii_digit()))?;
    parse_rfc3339(&format!("{head}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_epoch_prints_and_parses_back() {
        assert_eq!(rfc3339(LAB_EPOCH), "2024-12-10T08:00:00Z");
        assert_eq!(parse_rfc3339("2024-12-10T08:00:00Z"), Some(LAB_EPOCH));
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2000-02-29T23:59:59Z").map(rfc3339).as_deref(), Some("2000-02-29T23:59:59Z"));
        assert_eq!(parse_rfc3339("2000-13-01T00:00:00Z"), None);
    }

    #[test]
    fn advance_never_goes_back() {
        let mut c = Clock::default();
        c.advance(5);
        c.advance(-10);
        assert_eq!(c.now(), LAB_EPOCH + 5);
    }
}
