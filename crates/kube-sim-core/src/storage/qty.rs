//! Quantity values for the binder, as exact integers so the matching loop compares keys instead
//! of re-parsing strings. Parsing is `crate::quantity::Quantity`'s.

use crate::quantity::Quantity;

/// The value of `q` in nano-units (value × 10⁹), rounded up like apimachinery rounds anything
/// finer than a nano. `None` when `q` is not a quantity.
pub(crate) fn nanos(q: &str) -> Option<i128> {
    Quantity::parse(q).ok().map(|q| q.nano_value())
}

/// `Quantity.Value()`: whole units, rounded up. `None` when `q` is not a quantity.
pub(crate) fn bytes(q: &str) -> Option<i128> {
    let n = nanos(q)?;
    Some(n.div_euclid(1_000_000_000) + i128::from(n.rem_euclid(1_000_000_000) != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_decimal_and_exponent_suffixes() {
        assert_eq!(bytes("1Gi"), Some(1 << 30));
        assert_eq!(bytes("1G"), Some(1_000_000_000));
        assert_eq!(bytes("1.5Gi"), Some(1_610_612_736));
        assert_eq!(bytes("1e3"), Some(1000));
        assert_eq!(bytes("1E3"), Some(1000));
        assert_eq!(bytes("2E"), Some(2_000_000_000_000_000_000));
        assert_eq!(bytes("100M"), Some(100_000_000));
        assert_eq!(bytes("500m"), Some(1));
        assert_eq!(nanos("500m"), Some(500_000_000));
        assert_eq!(nanos("0.1n"), Some(1));
        assert_eq!(bytes("1."), Some(1));
        assert_eq!(bytes(".5Ki"), Some(512));
        assert_eq!(bytes("-1Ki"), Some(-1024));
        assert!(nanos("1Gi").unwrap() > nanos("1G").unwrap());
    }

    #[test]
    fn rejects_what_is_not_a_quantity() {
        // apimachinery reads a bare suffix such as "Gi" as zero, so it is not in this list.
        for bad in ["", "1GB", "1 Gi", "1..2", "1ee3", "abc", "1Gi "] {
            assert_eq!(nanos(bad), None, "{bad:?}");
        }
    }
}
