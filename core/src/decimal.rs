//! The one parser of decimal text into `f64` (CSV cells, dataset tables, GLPI fields), and the
//! one way numbers are written into messages ([`Num`]).
//!
//! Natively it is `str::parse::<f64>`. In WebAssembly it is serde_json's parser instead: the
//! module already carries it (with `float_roundtrip`, correctly rounded) for JSON arguments, and
//! the standard library's parser would add its own 10 KB table of powers of five to a module
//! that has a size budget. Both are correctly rounded, so both give the same `f64` for the same
//! text (checked below against the standard parser).

/// An `f64` written for people (error messages, warnings, a number given for a text field):
/// the shortest text that reads back as the same number, as serde_json writes numbers (zmij),
/// and `10` rather than `10.0`. Not `f64`'s `Display`: its Grisu and Dragon code would be a
/// second float formatter in the WebAssembly module.
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "inf" } else { "-inf" });
        }
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(v);
        f.write_str(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// [`Num`] as a `String`.
pub(crate) fn num(v: f64) -> String {
    Num(v).to_string()
}

/// `text` (Rust float syntax: `1`, `-1.5`, `.5`, `5.`, `+2e-3`, `inf`, `NaN`) as an `f64`.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse::<f64>().ok()
    }
    #[cfg(target_arch = "wasm32")]
    {
        via_json(text)
    }
}

/// The same as `str::parse::<f64>`, through serde_json: the text is rewritten into JSON's
/// stricter number syntax (no `+`, no leading zeros, digits on both sides of the point).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn via_json(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let special = |v: f64| Some(if negative { -v } else { v });
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return special(f64::INFINITY);
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return special(f64::NAN);
    }
    let exp_at = rest.iter().position(|c| matches!(c, b'e' | b'E'));
    let (mantissa, exponent) = match exp_at {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.iter().position(|&c| c == b'.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, &mantissa[mantissa.len()..]),
    };
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let int = match int.iter().position(|&c| c != b'0') {
        Some(i) => &int[i..],
        None => b"0",
    };
    json.extend(int.iter().map(|&c| c as char));
    if !frac.is_empty() {
        json.push('.');
        json.extend(frac.iter().map(|&c| c as char));
    }
    if let Some(e) = exponent {
        let digits_of_e = e.strip_prefix(b"-").or(e.strip_prefix(b"+")).unwrap_or(e);
        if digits_of_e.is_empty() || !digits(digits_of_e) {
            return None;
        }
        json.push('e');
        json.extend(e.iter().map(|&c| c as char));
    }
    // Parsed as a `Value`, not as an `f64`: serde's typed path would bring the standard float
    // formatter back (through its "invalid type: floating point" message). An integer comes
    // back as an integer: its conversion rounds to nearest, as parsing does; -0 keeps its sign.
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(v) => v
            .as_f64()
            .map(|x| if negative && x == 0.0 { -0.0 } else { x }),
        // serde_json refuses what overflows; the standard parser gives an infinity.
        Err(_) if exponent.is_some() || int.len() > 308 => special(f64::INFINITY),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::via_json;
    use proptest::prelude::*;

    fn same(text: &str) {
        let std = text.parse::<f64>().ok();
        let json = via_json(text);
        match (std, json) {
            (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text}"),
            (a, b) => assert_eq!(
                a.map(f64::to_bits),
                b.map(f64::to_bits),
                "{text}: {a:?} vs {b:?}"
            ),
        }
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        use super::num;
        assert_eq!(num(50.0), "50");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(876_000.0), "876000");
        assert_eq!(num(2022.0), "2022");
        assert_eq!(num(1e-7), "1e-7");
        assert_eq!(
            (num(f64::NAN), num(f64::INFINITY), num(-0.0)),
            ("NaN".into(), "inf".into(), "-0".into())
        );
    }

    proptest! {
        #[test]
        fn written_numbers_read_back_exactly(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite());
            prop_assert_eq!(super::num(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
    }

    #[test]
    fn agrees_with_the_standard_parser_on_edge_cases() {
        for t in [
            "0",
            "-0",
            "+0",
            "00",
            "007",
            "0.5",
            ".5",
            "5.",
            "-.5",
            "+.5",
            ".",
            "-",
            "+",
            "",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1e5",
            "1E5",
            "1e+05",
            "1e-05",
            "2.5e-3",
            "1e308",
            "1.8e308",
            "1e309",
            "1e400",
            "-1e400",
            "1e-320",
            "4.9e-324",
            "2e-324",
            "1e-400",
            "inf",
            "-inf",
            "+infinity",
            "Infinity",
            "NaN",
            "nan",
            "-nan",
            "1_000",
            "1,5",
            " 1",
            "1 ",
            "0x10",
            "9007199254740993",
            "0.30000000000000004",
            "2.2250738585072011e-308",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000\
             000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
             000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
             000000000000000000000000000000000000000000000000000000000000000000000000",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "123456789012345678901234567890.123456789012345678901234567890e-10",
        ] {
            same(t);
        }
        let long_int = "9".repeat(400);
        same(&long_int);
    }

    proptest! {
        #[test]
        fn agrees_on_every_shortest_and_long_form(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            same(&format!("{v}"));
            same(&format!("{v:e}"));
            same(&format!("{v:.20e}"));
            same(&format!("{v:.3}"));
        }

        #[test]
        fn agrees_on_digit_strings(int in "[0-9]{0,25}", frac in "[0-9]{0,25}", exp in -330i32..330) {
            same(&format!("{int}.{frac}"));
            same(&format!("{int}.{frac}e{exp}"));
            same(&format!("-{int}{frac}E{exp:+}"));
        }
    }
}
