//! Access modes as a small bit set, and `GetAccessModesAsString` (k8s-behaviour.md S14).

use serde_json::Value;

/// `ReadWriteOnce`.
pub const RWO: u8 = 1;
/// `ReadOnlyMany`.
pub const ROX: u8 = 2;
/// `ReadWriteMany`.
pub const RWX: u8 = 4;
/// `ReadWriteOncePod`.
pub const RWOP: u8 = 8;

const MODES: [(u8, &str, &str); 4] = [
    (RWO, "ReadWriteOnce", "RWO"),
    (ROX, "ReadOnlyMany", "ROX"),
    (RWX, "ReadWriteMany", "RWX"),
    (RWOP, "ReadWriteOncePod", "RWOP"),
];

/// The bit of one access mode name (`"ReadWriteOnce"` → [`RWO`]); 0 for an unknown name.
pub fn mode_bit(mode: &str) -> u8 {
    MODES.iter().find(|(_, long, _)| *long == mode).map_or(0, |(bit, _, _)| *bit)
}

/// The set of modes listed in a JSON array of mode names, and whether an unknown name was seen.
pub fn mask_of(modes: Option<&Value>) -> (u8, bool) {
    let mut mask = 0;
    let mut unknown = false;
    for m in modes.and_then(Value::as_array).into_iter().flatten() {
        match mode_bit(m.as_str().unwrap_or("")) {
            0 => unknown = true,
            bit => mask |= bit,
        }
    }
    (mask, unknown)
}

/// `GetAccessModesAsString`: the short names of the set, in the order RWO, ROX, RWX, RWOP,
/// joined by commas, duplicates and unknown names dropped (`""` for none).
pub fn mask_to_string(mask: u8) -> String {
    let names: Vec<&str> = MODES.iter().filter(|(bit, _, _)| mask & bit != 0).map(|(_, _, short)| *short).collect();
    names.join(",")
}

/// `GetAccessModesAsString` over a JSON array of mode names (`spec.accessModes`).
pub fn access_modes_as_string(modes: Option<&Value>) -> String {
    mask_to_string(mask_of(modes).0)
}

/// Number of modes in a set.
pub fn count(mask: u8) -> u32 {
    mask.count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_form_is_ordered_and_deduplicated() {
        let modes = json!(["ReadWriteMany", "ReadOnlyMany", "ReadWriteOnce", "ReadWriteMany"]);
        assert_eq!(access_modes_as_string(Some(&modes)), "RWO,ROX,RWX");
        assert_eq!(access_modes_as_string(Some(&json!(["ReadWriteOncePod"]))), "RWOP");
        assert_eq!(access_modes_as_string(None), "");
    }

    #[test]
    fn unknown_modes_are_flagged() {
        assert_eq!(mask_of(Some(&json!(["ReadWriteOnce", "Bogus"]))), (RWO, true));
        assert_eq!(mask_of(Some(&json!(["ReadOnlyMany"]))), (ROX, false));
        assert_eq!(count(RWO | ROX | RWX), 3);
    }
}
