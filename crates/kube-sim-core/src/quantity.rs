//! `resource.Quantity`: the grammar, canonical printing and errors of apimachinery
//! (`k8s-behaviour.md` §4).
//!
//! A value is kept as `mantissa × 10^exp` (exact decimal, at most nano precision, finer
//! digits rounded away from zero as `ParseQuantity` does: `3.001n` is `4n`, while `0.1m` is
//! exactly `100u`) plus the format it was written in
//! (BinarySI, DecimalSI or DecimalExponent), which decides how it prints.

use std::cmp::Ordering;
use std::fmt;

/// `ErrFormatWrong`: the text of an unparseable quantity.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `ErrNumeric`.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";
/// `ErrSuffix`.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

/// How a quantity prints: the format of its suffix as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, … (powers of 1024).
    BinarySI,
    /// `m`, `k`, `M`, … (powers of 1000).
    DecimalSI,
    /// `e3`, `E-6`, ….
    DecimalExponent,
}

/// A parsed quantity such as `1Gi` or `500m`.
#[derive(Clone, Debug)]
pub struct Quantity {
    /// value = mantissa × 10^exp, exp ≥ -9.
    mantissa: i128,
    exp: i32,
    format: Format,
}

const BIN: [(&str, u32); 6] = [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)];
const DEC: [(&str, i32); 10] = [
    ("n", -9),
    ("u", -6),
    ("m", -3),
    ("", 0),
    ("k", 3),
    ("M", 6),
    ("G", 9),
    ("T", 12),
    ("P", 15),
    ("E", 18),
];

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

impl Quantity {
    /// Parses `s`, or returns apimachinery's error text.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        parse(s).map_err(str::to_string)
    }

    /// A quantity of `n` (DecimalSI), e.g. for `Quantity::from_int(0)`.
    pub fn from_int(n: i64) -> Quantity {
        Quantity { mantissa: n as i128, exp: 0, format: Format::DecimalSI }
    }

    /// The format it was written in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// `Value()`: the value as an integer (bytes), rounded up (away from zero).
    pub fn value(&self) -> i64 {
        let v = self.scaled_ceil(0);
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// The value × 10⁹ (nano-units), saturating: an exact integer key for comparing and
    /// summing quantities in hot loops.
    pub fn nano_value(&self) -> i128 {
        self.scaled_ceil(-9)
    }

    /// `MilliValue()`: the value × 1000, rounded up.
    pub fn milli_value(&self) -> i64 {
        let v = self.scaled_ceil(-3);
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// Go's `%#v` of the quantity, as validation errors print a `ResourceList`:
    /// `resource.Quantity{i:resource.int64Amount{value:1, scale:9}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1G", Format:"DecimalSI"}`.
    pub fn go_repr(&self) -> String {
        let format = match self.format {
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
            Format::DecimalExponent => "DecimalExponent",
        };
        format!(
            "resource.Quantity{{i:resource.int64Amount{{value:{}, scale:{}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:\"{}\", Format:\"{format}\"}}",
            self.mantissa, self.exp, self
        )
    }

    /// True when the value is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// -1, 0 or 1 by the sign of the value.
    pub fn sign(&self) -> i32 {
        self.mantissa.signum() as i32
    }

    /// The value in units of 10^scale, rounded away from zero.
    fn scaled_ceil(&self, scale: i32) -> i128 {
        let d = self.exp - scale;
        if d >= 0 {
            pow10(d as u32).and_then(|p| self.mantissa.checked_mul(p)).unwrap_or(if self.mantissa < 0 {
                i128::MIN
            } else {
                i128::MAX
            })
        } else {
            let p = match pow10((-d) as u32) {
                Some(p) => p,
                None => return self.mantissa.signum(),
            };
            let q = self.mantissa / p;
            if self.mantissa % p == 0 {
                q
            } else {
                q + self.mantissa.signum()
            }
        }
    }

    fn canonical(&self) -> String {
        if self.mantissa == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let int = if self.exp >= 0 { Some(self.scaled_ceil(0)) } else { None };
            let exact_int = self.exp >= 0 || {
                let p = pow10((-self.exp) as u32).unwrap_or(1);
                self.mantissa % p == 0
            };
            let int = int.unwrap_or_else(|| self.scaled_ceil(0));
            if !exact_int || int.abs() < 1024 {
                format = Format::DecimalSI;
            } else {
                let mut m = int;
                let mut e = 0;
                while e < 6 && m % 1024 == 0 {
                    m /= 1024;
                    e += 1;
                }
                let suffix = if e == 0 { "" } else { BIN[e - 1].0 };
                return format!("{m}{suffix}");
            }
        }
        // Decimal: strip trailing zeros, then lower the exponent to a multiple of 3.
        let (mut m, mut e) = (self.mantissa, self.exp);
        while m % 10 == 0 {
            m /= 10;
            e += 1;
        }
        match e.rem_euclid(3) {
            1 => {
                m *= 10;
                e -= 1;
            }
            2 => {
                m *= 100;
                e -= 2;
            }
            _ => {}
        }
        if format == Format::DecimalExponent {
            return if e == 0 { format!("{m}") } else { format!("{m}e{e}") };
        }
        match DEC.iter().find(|(_, x)| *x == e) {
            Some((s, _)) => format!("{m}{s}"),
            None => format!("{m}e{e}"),
        }
    }
}

fn parse(s: &str) -> Result<Quantity, &'static str> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(ERR_FORMAT_WRONG);
    }
    let mut i = 0;
    let mut negative = false;
    if b[0] == b'+' || b[0] == b'-' {
        negative = b[0] == b'-';
        i = 1;
    }
    let num_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let num = &s[num_start..i];
    let mut denom = "";
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let d = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        denom = &s[d..i];
    }
    let suffix_start = i;
    while i < b.len() && b"eEinumkKMGTP".contains(&b[i]) {
        i += 1;
    }
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    // No digits at all ("-", ".", "Gi") reads as 0, as upstream's scanner does.
    if i != b.len() {
        return Err(ERR_FORMAT_WRONG);
    }
    let suffix = &s[suffix_start..];

    // Interpret the suffix: (base, exponent, format).
    let (base2, exp, format) = if let Some((_, p)) = BIN.iter().find(|(n, _)| *n == suffix) {
        (true, *p as i32, Format::BinarySI)
    } else if let Some((_, e)) = DEC.iter().find(|(n, _)| *n == suffix) {
        (false, *e, Format::DecimalSI)
    } else if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) {
        let e: i64 = suffix[1..].parse().map_err(|_| ERR_SUFFIX)?;
        let e = i32::try_from(e).map_err(|_| ERR_SUFFIX)?;
        (false, e, Format::DecimalExponent)
    } else {
        return Err(ERR_SUFFIX);
    };

    // The number as mantissa × 10^exp.
    let digits = format!("{num}{denom}");
    let digits = digits.trim_start_matches('0');
    let mut mantissa: i128 = 0;
    let mut scale: i32 = -(denom.len() as i32);
    for (k, c) in digits.bytes().enumerate() {
        match mantissa.checked_mul(10).and_then(|m| m.checked_add((c - b'0') as i128)) {
            Some(m) if m < 10i128.pow(36) => mantissa = m,
            _ => {
                // Too many digits: keep the magnitude, drop the rest (rounded up below).
                let rest = digits.len() - k;
                let extra = digits.as_bytes()[k..].iter().any(|&d| d != b'0');
                scale += rest as i32;
                if extra {
                    mantissa += 1;
                }
                break;
            }
        }
    }
    if base2 {
        let f = 1i128 << exp;
        mantissa = mantissa.checked_mul(f).ok_or(ERR_NUMERIC)?;
    } else {
        scale = scale.checked_add(exp).ok_or(ERR_NUMERIC)?;
    }
    // Nano precision, rounding up (away from zero).
    if scale < -9 {
        let drop = (-9 - scale) as u32;
        mantissa = match pow10(drop) {
            Some(p) => {
                let q = mantissa / p;
                if mantissa % p == 0 {
                    q
                } else {
                    q + 1
                }
            }
            None => i128::from(mantissa != 0),
        };
        scale = -9;
    }
    // Keep the exponent small enough to compare; refuse absurd magnitudes.
    if mantissa != 0 && scale > 0 {
        let digits = mantissa.abs().to_string().len() as i64;
        if digits + scale as i64 > 37 {
            return Err(ERR_NUMERIC);
        }
    }
    if negative {
        mantissa = -mantissa;
    }
    let mut format = format;
    // BinarySI caps at 2^63-1; magnitudes strictly between 0 and 1 switch to DecimalSI.
    if format == Format::BinarySI {
        // The cap applies to the magnitude (upstream caps before restoring the sign).
        let q = Quantity { mantissa: mantissa.abs(), exp: scale, format };
        if q.cmp(&Quantity::from_int(i64::MAX)) == Ordering::Greater {
            let capped = if negative { -i64::MAX } else { i64::MAX };
            return Ok(Quantity::from_int_fmt(capped, Format::BinarySI));
        }
        if mantissa != 0 && q.cmp(&Quantity::from_int(1)) == Ordering::Less {
            format = Format::DecimalSI;
        }
    }
    if mantissa == 0 {
        scale = 0;
    }
    Ok(Quantity { mantissa, exp: scale, format })
}

impl Quantity {
    fn from_int_fmt(n: i64, format: Format) -> Quantity {
        Quantity { mantissa: n as i128, exp: 0, format }
    }

    /// A quantity of `n` units printed in `format`, like `resource.NewQuantity(n, format)`:
    /// `Quantity::new(1 << 30, Format::BinarySI)` prints `1Gi`.
    pub fn new(n: i64, format: Format) -> Quantity {
        Quantity::from_int_fmt(n, format)
    }
}

impl PartialEq for Quantity {
    /// Numeric equality (`Cmp(...) == 0`), whatever the format.
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    /// `Cmp`: numeric order (`1Gi` > `1G`).
    fn cmp(&self, other: &Self) -> Ordering {
        let e = self.exp.min(other.exp);
        let a = self.scaled_ceil(e);
        let b = other.scaled_ceil(e);
        a.cmp(&b)
    }
}

impl fmt::Display for Quantity {
    /// The canonical form (`1024Mi` prints as `1Gi`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
#[path = "quantity_tests.rs"]
mod tests;
