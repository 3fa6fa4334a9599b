//! Quantity arithmetic for the binder: compares `resource.Quantity` strings exactly.
//!
//! Temporary: `crate::quantity::Quantity` is being rewritten with `Ord` and a byte value; when it
//! lands, `nanos` and `bytes` can delegate to it. Until then this handles the grammar of
//! k8s-behaviour.md §4.1 (binary and decimal suffixes, `e`/`E` exponents, fractions).

/// The value of `q` in nano-units (value × 10⁹), rounded up like apimachinery rounds anything
/// finer than a nano. `None` when `q` is not a quantity or does not fit.
pub(crate) fn nanos(q: &str) -> Option<i128> {
    let (negative, rest) = match q.as_bytes().first()? {
        b'+' => (false, &q[1..]),
        b'-' => (true, &q[1..]),
        _ => (false, q),
    };
    let num_len = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    let (number, suffix) = rest.split_at(num_len);
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    if int_part.is_empty() && frac_part.is_empty() || frac_part.contains('.') {
        return None;
    }
    let (bin_shift, exp10) = suffix_scale(suffix)?;
    let mut digits: i128 = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        digits = digits.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    let mut value = digits.checked_mul(1i128.checked_shl(bin_shift)?)?;
    let power = 9 + exp10 - i32::try_from(frac_part.len()).ok()?;
    if power >= 0 {
        value = value.checked_mul(10i128.checked_pow(u32::try_from(power).ok()?)?)?;
    } else {
        let div = 10i128.checked_pow(u32::try_from(-power).ok()?).unwrap_or(i128::MAX);
        value = value / div + i128::from(value % div != 0);
    }
    Some(if negative { -value } else { value })
}

/// `(binary shift, decimal exponent)` of a suffix.
fn suffix_scale(suffix: &str) -> Option<(u32, i32)> {
    Some(match suffix {
        "" => (0, 0),
        "Ki" => (10, 0),
        "Mi" => (20, 0),
        "Gi" => (30, 0),
        "Ti" => (40, 0),
        "Pi" => (50, 0),
        "Ei" => (60, 0),
        "n" => (0, -9),
        "u" => (0, -6),
        "m" => (0, -3),
        "k" => (0, 3),
        "M" => (0, 6),
        "G" => (0, 9),
        "T" => (0, 12),
        "P" => (0, 15),
        "E" => (0, 18),
        _ => {
            let exp = suffix.strip_prefix(['e', 'E'])?;
            let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 4 {
                return None;
            }
            (0, exp.parse().ok()?)
        }
    })
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
        for bad in ["", "Gi", "1GB", "1 Gi", "1..2", "1e", "1ee3", "abc", ".", "1Gi "] {
            assert_eq!(nanos(bad), None, "{bad:?}");
        }
    }
}
