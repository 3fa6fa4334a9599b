//! Small formatting helpers shared by the table and describe printers: JSON accessors, AGE,
//! RFC 1123 dates, access modes, quantities, label and selector strings.

use serde_json::{Map, Value};

/// The string at a dotted `path`, or "".
pub fn s<'a>(obj: &'a Value, path: &str) -> &'a str {
    crate::object::get_str(obj, path).unwrap_or("")
}

/// The value at a dotted `path`.
pub fn v<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    crate::object::get(obj, path).filter(|x| !x.is_null())
}

/// The array at a dotted `path`, or an empty slice.
pub fn arr<'a>(obj: &'a Value, path: &str) -> &'a [Value] {
    v(obj, path).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The object at a dotted `path`, if any.
pub fn map<'a>(obj: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
    v(obj, path).and_then(Value::as_object)
}

/// The integer at a dotted `path`, or 0.
pub fn int(obj: &Value, path: &str) -> i64 {
    v(obj, path).and_then(|x| x.as_i64().or_else(|| x.as_f64().map(|f| f as i64))).unwrap_or(0)
}

/// The boolean at a dotted `path`, or false.
pub fn boolean(obj: &Value, path: &str) -> bool {
    v(obj, path).and_then(Value::as_bool).unwrap_or(false)
}

/// A scalar as Go's `%v` prints it (strings bare, numbers, booleans); "" for others.
pub fn scalar(x: &Value) -> String {
    match x {
        Value::String(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

pub use crate::clock::parse_time;
pub use crate::duration::human;

/// Where [`push_int`] and [`push_human`] write: a `String`, or a [`CellBuf`].
pub trait PushText {
    /// Appends one ASCII byte.
    fn push_ascii(&mut self, b: u8);
    /// Appends `s`.
    fn push_text(&mut self, s: &str);
}

impl PushText for String {
    fn push_ascii(&mut self, b: u8) {
        self.push(char::from(b));
    }
    fn push_text(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// ASCII text as bytes (table cells formatted ahead, read back with
/// [`super::table::Sink::ascii_cell`]). Anything else pushed is dropped.
impl PushText for Vec<u8> {
    fn push_ascii(&mut self, b: u8) {
        if b.is_ascii() {
            self.push(b);
        }
    }
    fn push_text(&mut self, s: &str) {
        if s.is_ascii() {
            self.extend_from_slice(s.as_bytes());
        }
    }
}

/// Appends `n` in decimal (as `{n}` prints it, without the formatting machinery: table cells
/// write one per line).
pub fn push_int(out: &mut impl PushText, n: i64) {
    if (0..10).contains(&n) {
        out.push_ascii(b'0' + n as u8);
        return;
    }
    if (10..100).contains(&n) {
        out.push_ascii(b'0' + (n / 10) as u8);
        out.push_ascii(b'0' + (n % 10) as u8);
        return;
    }
    if n < 0 {
        out.push_ascii(b'-');
    }
    let mut v = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[at..] {
        out.push_ascii(b);
    }
}

/// Appends [`human`]`(secs)` (the AGE cell) without building a `String`.
pub fn push_human(out: &mut impl PushText, secs: i64) {
    // As `human`: whole milliseconds, saturated, then truncated back to seconds.
    let seconds = secs.saturating_mul(1000) / 1000;
    if seconds < -1 {
        return out.push_text("<invalid>");
    } else if seconds < 0 {
        return out.push_text("0s");
    }
    let hours = seconds / 3600;
    let days = hours / 24;
    // The first unit and, when not 0, the second.
    let (a, ua, b, ub) = if seconds < 120 {
        (seconds, b's', 0, b' ')
    } else if seconds / 60 < 10 {
        (seconds / 60, b'm', seconds % 60, b's')
    } else if seconds / 60 < 180 {
        (seconds / 60, b'm', 0, b' ')
    } else if hours < 8 {
        (hours, b'h', (seconds / 60) % 60, b'm')
    } else if hours < 48 {
        (hours, b'h', 0, b' ')
    } else if hours < 24 * 8 {
        (days, b'd', hours % 24, b'h')
    } else if hours < 24 * 365 * 2 {
        (days, b'd', 0, b' ')
    } else if hours < 24 * 365 * 8 {
        (days / 365, b'y', days % 365, b'd')
    } else {
        (days / 365, b'y', 0, b' ')
    };
    push_int(out, a);
    out.push_ascii(ua);
    if b != 0 {
        push_int(out, b);
        out.push_ascii(ub);
    }
}

/// `translateTimestampSince`: the age of the RFC 3339 timestamp at `path`, `<unknown>` if unset.
pub fn since(obj: &Value, path: &str, now: i64) -> String {
    since_str(s(obj, path), now)
}

/// The age of an RFC 3339 timestamp string, `<unknown>` if empty or unparsable.
pub fn since_str(ts: &str, now: i64) -> String {
    match parse_time(ts) {
        Some(t) => human(now - t),
        None => "<unknown>".into(),
    }
}

/// Go's `time.RFC1123Z` for a UTC instant: `Tue, 10 Dec 2024 08:00:00 +0000`.
pub fn rfc1123z(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, mo, d, h, mi, se) = crate::clock::civil(secs);
    let wd = DAYS[secs.div_euclid(86_400).rem_euclid(7) as usize];
    let mon = MONTHS[(mo as usize).saturating_sub(1).min(11)];
    format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{se:02} +0000")
}

/// The timestamp at `path` as RFC 1123Z; Go's zero time when unset.
pub fn date_at(obj: &Value, path: &str) -> String {
    match parse_time(s(obj, path)) {
        Some(t) => rfc1123z(t),
        None => "Mon, 01 Jan 0001 00:00:00 +0000".into(),
    }
}

/// A quantity in canonical form (via `crate::quantity`), from a string or a JSON number.
pub fn quantity(x: &Value) -> String {
    let text = scalar(x);
    crate::quantity::Quantity::parse(&text).map(|q| q.to_string()).unwrap_or(text)
}

/// The quantity at `path`, or "" when absent (`Quantity{}.String()` is "0", callers choose).
pub fn quantity_at(obj: &Value, path: &str) -> Option<String> {
    v(obj, path).map(quantity)
}

/// `GetAccessModesAsString`: RWO,ROX,RWX,RWOP in that order, without duplicates.
pub fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|x| x.as_str() == Some(m));
    let mut out = Vec::new();
    for (long, short) in [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ] {
        if has(long) {
            out.push(short);
        }
    }
    out.join(",")
}

/// `labels.FormatLabels`: sorted `k=v` joined by `,`, or `<none>`.
pub fn format_labels(m: Option<&Map<String, Value>>) -> String {
    let mut pairs: Vec<String> = m
        .into_iter()
        .flat_map(|m| m.iter())
        .map(|(k, x)| format!("{k}={}", scalar(x)))
        .collect();
    if pairs.is_empty() {
        return "<none>".into();
    }
    crate::sort::sort(&mut pairs);
    pairs.join(",")
}

/// A label selector (`matchLabels` + `matchExpressions`) as `labels.Selector.String()` prints
/// it: requirements sorted by key. `None` when the selector is absent.
pub fn selector_string(sel: Option<&Value>) -> Option<String> {
    let sel = sel?;
    let mut reqs: Vec<(String, String)> = Vec::new();
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, x) in m {
            reqs.push((k.clone(), format!("{k}={}", scalar(x))));
        }
    }
    for e in sel.get("matchExpressions").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        let key = s(e, "key");
        let mut vals: Vec<String> = arr(e, "values").iter().map(scalar).collect();
        crate::sort::sort(&mut vals);
        let text = match s(e, "operator") {
            "In" => format!("{key} in ({})", vals.join(",")),
            "NotIn" => format!("{key} notin ({})", vals.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            other => format!("{key} {other} ({})", vals.join(",")),
        };
        reqs.push((key.to_string(), text));
    }
    crate::sort::sort(&mut reqs);
    Some(reqs.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(","))
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when empty or absent.
pub fn format_label_selector(sel: Option<&Value>) -> String {
    match selector_string(sel) {
        Some(t) if !t.is_empty() => t,
        _ => "<none>".into(),
    }
}

/// Whether `labels` (an object's `metadata.labels`) match a label selector.
pub fn selector_matches(sel: &Value, labels: Option<&Map<String, Value>>) -> bool {
    let get = |k: &str| labels.and_then(|m| m.get(k)).map(scalar);
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        if m.iter().any(|(k, x)| get(k) != Some(scalar(x))) {
            return false;
        }
    }
    arr(sel, "matchExpressions").iter().all(|e| {
        let vals: Vec<String> = arr(e, "values").iter().map(scalar).collect();
        let got = get(s(e, "key"));
        match s(e, "operator") {
            "In" => got.is_some_and(|g| vals.contains(&g)),
            "NotIn" => !got.is_some_and(|g| vals.contains(&g)),
            "Exists" => got.is_some(),
            "DoesNotExist" => got.is_none(),
            _ => false,
        }
    })
}

/// Go's `%v` of a string slice: `[a b]`.
pub fn go_list(items: &[Value]) -> String {
    format!("[{}]", items.iter().map(scalar).collect::<Vec<_>>().join(" "))
}

/// The controller owner reference as `Kind/name`, if any.
pub fn controller_of(obj: &Value) -> Option<(&str, &str, &str)> {
    arr(obj, "metadata.ownerReferences")
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|r| (s(r, "kind"), s(r, "name"), s(r, "uid")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_print_as_rfc1123z() {
        assert_eq!(rfc1123z(crate::clock::LAB_EPOCH), "Tue, 10 Dec 2024 08:00:00 +0000");
        assert_eq!(rfc1123z(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(parse_time("2024-12-10T08:00:00.000123Z"), Some(crate::clock::LAB_EPOCH));
        assert_eq!(since_str("", 5), "<unknown>");
    }

    #[test]
    fn push_human_and_push_int_print_as_format_does() {
        let mut probes: Vec<i64> = (-5..200_000).collect();
        probes.extend((0..4000).map(|i| i * 3593 + 17));
        probes.extend((0..4000).map(|i| i * 86_400 + i % 7 * 3600));
        probes.extend([i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX / 1000, i64::MAX / 1000 + 1, -i64::MAX / 1000 - 1]);
        for secs in probes {
            let mut out = String::from("x");
            push_human(&mut out, secs);
            assert_eq!(out, format!("x{}", human(secs)), "secs={secs}");
            out.clear();
            push_int(&mut out, secs);
            assert_eq!(out, secs.to_string());
            let mut buf = Vec::new();
            push_int(&mut buf, secs);
            buf.push_text(" (");
            push_human(&mut buf, secs);
            buf.push_text("é");
            assert_eq!(buf, format!("{secs} ({}", human(secs)).as_bytes());
        }
    }

    #[test]
    fn access_modes_are_ordered_and_deduplicated() {
        let m = json!(["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce", "ReadWriteOncePod"]);
        assert_eq!(access_modes(m.as_array().unwrap()), "RWO,RWX,RWOP");
    }

    #[test]
    fn selectors_print_sorted() {
        let sel = json!({"matchLabels": {"tier": "db", "app": "mysql"},
            "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "dev"]}]});
        assert_eq!(selector_string(Some(&sel)).unwrap(), "app=mysql,env in (dev,prod),tier=db");
        assert_eq!(format_label_selector(Some(&json!({}))), "<none>");
        let labels = json!({"app": "mysql", "tier": "db", "env": "dev"});
        assert!(selector_matches(&sel, labels.as_object()));
        assert!(!selector_matches(&sel, json!({"app": "mysql"}).as_object()));
    }
}
