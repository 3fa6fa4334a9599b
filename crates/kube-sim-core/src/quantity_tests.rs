//! Tests of `resource.Quantity`: grammar, canonical forms, errors, ordering.

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

#[test]
fn constructed_quantities() {
    assert_eq!(Quantity::new(1 << 30, Format::BinarySI).to_string(), "1Gi");
    assert_eq!(Quantity::new(1_500_000_000, Format::DecimalSI).to_string(), "1500M");
    assert_eq!(Quantity::new(1000, Format::BinarySI).to_string(), "1k");
    assert_eq!(Quantity::from_int(0).to_string(), "0");
}
