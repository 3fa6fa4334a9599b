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
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).map(|q| q.to_string()).unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("1024Mi", "1Gi"),
            ("1000Mi", "1000Mi"),
            ("0.1m", "100u"),
            ("0.0000001m", "1n"),
            ("Gi", "0"),
            (".", "0"),
            ("1000E", "1e21"),
            ("100.035Ki", "102435840m"),
            ("0.05Gi", "53687091200m"),
            ("1.01E", "1010P"),
            ("1.5Gi", "1536Mi"),
            ("1e3", "1e3"),
            ("1000M", "1G"),
            ("1.5", "1500m"),
            ("0", "0"),
            ("0Gi", "0"),
            ("-0", "0"),
            ("1Gi", "1Gi"),
            ("1G", "1G"),
            ("500m", "500m"),
            ("2000m", "2"),
            ("1Ki", "1Ki"),
            ("1023", "1023"),
            ("1024", "1024"),
            ("512Ki", "512Ki"),
            ("0.5Ki", "512"),
            ("0.5Gi", "512Mi"),
            ("1.", "1"),
            ("1.G", "1G"),
            (".5", "500m"),
            ("+5", "5"),
            ("-5Mi", "-5Mi"),
            ("3.001n", "4n"),
            ("1E", "1E"),
            ("1e6", "1e6"),
            ("1E6", "1e6"),
            ("1e-3", "1e-3"),
            ("12e4", "120e3"),
            ("100k", "100k"),
            ("1000k", "1M"),
            ("10Gi", "10Gi"),
            ("1536Mi", "1536Mi"),
            ("2048Mi", "2Gi"),
            ("0.001", "1m"),
            ("5n", "5n"),
            ("5u", "5u"),
            ("100Mi", "100Mi"),
            ("8Ei", "9223372036854775807"),
            ("7Ei", "7Ei"),
        ];
        for (i, o) in cases {
            assert_eq!(c(i), o, "input {i}");
        }
    }

    #[test]
    fn errors() {
        for s in ["1GB", "", " 1Gi", "1Gi ", "abc", "1 Gi", "1.2.3", "1Gb", "1MB", "1i5x"] {
            assert_eq!(c(s), format!("ERR {ERR_FORMAT_WRONG}"), "input {s:?}");
        }
        for s in ["1K", "1mi", "1e", "1Ki5", "1KiB"] {
            let r = c(s);
            assert!(r.starts_with("ERR"), "{s}: {r}");
        }
        assert_eq!(c("1K"), format!("ERR {ERR_SUFFIX}"));
        assert_eq!(c("1e"), format!("ERR {ERR_SUFFIX}"));
        assert_eq!(c("1mi"), format!("ERR {ERR_SUFFIX}"));
    }

    #[test]
    fn comparisons() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert!(q("1Gi") > q("1G"));
        assert!(q("1024Mi") == q("1Gi"));
        assert!(q("1000Mi") < q("1Gi"));
        assert!(q("500m") < q("1"));
        assert!(q("0.5") == q("500m"));
        assert!(q("-1") < q("0"));
        assert!(q("1e3") == q("1k"));
        assert!(q("2Gi") > q("2000Mi"));
        assert!(q("5Gi") >= q("5Gi"));
    }

    #[test]
    fn values() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(q("1Gi").value(), 1 << 30);
        assert_eq!(q("1G").value(), 1_000_000_000);
        assert_eq!(q("100m").value(), 1);
        assert_eq!(q("1500m").value(), 2);
        assert_eq!(q("-1500m").value(), -2);
        assert_eq!(q("100m").milli_value(), 100);
        assert_eq!(q("1.5Gi").value(), 1_610_612_736);
        assert_eq!(q("0").value(), 0);
        assert!(q("0").is_zero());
        assert_eq!(q("-1").sign(), -1);
        assert_eq!(q("1Gi").format(), Format::BinarySI);
        assert_eq!(q("0.5Ki").format(), Format::BinarySI);
        assert_eq!(q("0.1Ki").to_string(), "102400m");
    }

    fn canon(s: &str) -> String {
        Quantity::parse(s).map(|q| q.to_string()).unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn binary_suffixes() {
        for (i, o) in [("1Ki", "1Ki"), ("8Ki", "8Ki"), ("7Mi", "7Mi"), ("6Gi", "6Gi"), ("5Ti", "5Ti"), ("4Pi", "4Pi"), ("3Ei", "3Ei")] {
            assert_eq!(canon(i), o);
        }
        assert_eq!(canon("1048576Ki"), "1Gi");
        assert_eq!(canon("1025Ki"), "1025Ki");
    }

    #[test]
    fn decimal_suffixes() {
        for (i, o) in [("5n", "5n"), ("4u", "4u"), ("3m", "3m"), ("9", "9"), ("8k", "8k"), ("50k", "50k"), ("7M", "7M"), ("6G", "6G"), ("40T", "40T"), ("2P", "2P")] {
            assert_eq!(canon(i), o);
        }
        assert_eq!(canon("100.035k"), "100035");
        assert_eq!(canon("10.035M"), "10035k");
    }

    #[test]
    fn exponents() {
        assert_eq!(canon("1E-3"), "1e-3");
        assert_eq!(canon("1.2e3"), "1200");
        assert_eq!(canon("1.3E+6"), "1300e3");
        assert_eq!(canon("1e9"), "1e9");
        assert_eq!(canon("0.5e-2"), "5e-3");
        assert_eq!(Quantity::parse("1e3").unwrap().format(), Format::DecimalExponent);
    }

    #[test]
    fn nano_rounding_is_up() {
        assert_eq!(canon("0.0000000001"), "1n");
        assert_eq!(canon("0.00000012345"), "124n");
        assert_eq!(canon("0.9n"), "1n");
        assert_eq!(canon("-0.1n"), "-1n");
        assert_eq!(canon("0.000000000001Ki"), "2n");
        assert_eq!(Quantity::parse("0.000000000001Ki").unwrap().format(), Format::DecimalSI);
    }

    #[test]
    fn zero_forms() {
        for z in ["0", "0n", "0m", "0Ki", "0G", "000", "+0", "0.0", "0e5"] {
            assert_eq!(canon(z), "0", "{z}");
            assert!(Quantity::parse(z).unwrap().is_zero());
        }
    }

    #[test]
    fn fractional_binary() {
        assert_eq!(canon("0.5Mi"), "512Ki");
        assert_eq!(canon("1.5Ki"), "1536");
        assert_eq!(canon("1.1"), "1100m");
        assert_eq!(canon("2.5Gi"), "2560Mi");
    }

    #[test]
    fn json_numbers_and_whitespace() {
        // The decoder trims a quoted value; parse itself does not.
        assert!(Quantity::parse(" 1").is_err());
        assert_eq!(canon("1000000000"), "1G");
        assert_eq!(canon("1073741824"), "1073741824");
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        for s in ["1e2147483647", "1e-2147483648", "9e99999999999", "99999999999999999999999999999999999999999Ei", "-9Ei", "1e37", "0.000000000000000000001"] {
            let _ = Quantity::parse(s).map(|q| (q.to_string(), q.value(), q.milli_value()));
        }
        assert_eq!(canon("-9Ei"), "-9223372036854775807");
        assert_eq!(canon("0.000000000000000000001"), "1n");
    }

    #[test]
    fn sorting() {
        let mut v: Vec<Quantity> = ["1Gi", "500Mi", "1G", "2", "100m"].iter().map(|s| Quantity::parse(s).unwrap()).collect();
        v.sort();
        let out: Vec<String> = v.iter().map(|q| q.to_string()).collect();
        assert_eq!(out, ["100m", "2", "500Mi", "1G", "1Gi"]);
    }

    #[test]
    fn go_representation() {
        assert_eq!(
            Quantity::parse("1G").unwrap().go_repr(),
            "resource.Quantity{i:resource.int64Amount{value:1, scale:9}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1G\", Format:\"DecimalSI\"}"
        );
    }
}
