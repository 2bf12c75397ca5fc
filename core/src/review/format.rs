//! Numbers for people: French `1 234,5` or English `1,234.5`, about three significant digits;
//! masses in kg or tonnes of CO2e.

use crate::indicator::Lang;

pub(crate) fn t(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// About three significant digits, grouped by thousands (also the CLI's tables). A value that
/// is not a number (not available) is written "n.d." / "n/a", never "0".
pub fn number(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return t(lang, "n.d.", "n/a").into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let decimals = match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        a => {
            // Leading zeros after the point, then three digits.
            let mut d = 2;
            let mut x = a;
            while x < 1.0 && d < 12 {
                x *= 10.0;
                d += 1;
            }
            d
        }
    };
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (group, point) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "\u{2212}" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A whole count, grouped by thousands.
pub(crate) fn count(v: f64, lang: Lang) -> String {
    if !v.is_finite() || v.abs() >= 100.0 {
        return number(v.round(), lang);
    }
    format!("{}", v.round() as i64)
}

/// A mass of CO2e: tonnes from 1 000 kg up, kg below ("n.d." / "n/a" when not a number).
pub(crate) fn mass(kg: f64, lang: Lang) -> String {
    if !kg.is_finite() {
        return number(kg, lang);
    }
    if kg.abs() >= 1000.0 {
        format!("{}\u{a0}t\u{a0}CO\u{2082}e", number(kg / 1000.0, lang))
    } else {
        format!("{}\u{a0}kg\u{a0}CO\u{2082}e", number(kg, lang))
    }
}

/// The unit `mass` would use for a value, and the divisor.
pub(crate) fn mass_unit(kg: f64) -> (&'static str, f64) {
    if kg.abs() >= 1000.0 {
        ("\u{a0}t\u{a0}CO\u{2082}e", 1000.0)
    } else {
        ("\u{a0}kg\u{a0}CO\u{2082}e", 1.0)
    }
}

/// A signed mass ("+1,2 t CO2e", "−350 kg CO2e").
pub(crate) fn signed_mass(kg: f64, lang: Lang) -> String {
    let s = mass(kg, lang);
    if kg > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// A share in percent ("42 %", "42%"; "n.d." / "n/a" when not a number).
pub(crate) fn percent(share: f64, lang: Lang) -> String {
    if !share.is_finite() {
        return number(share, lang);
    }
    let p = share * 100.0;
    if p > 0.0 && p < 0.05 {
        return match lang {
            Lang::Fr => "<\u{a0}0,1\u{a0}%".into(),
            Lang::En => "<0.1%".into(),
        };
    }
    let n = if p.abs() >= 10.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    };
    match lang {
        Lang::Fr => format!("{}\u{a0}%", n.replace('.', ",")),
        Lang::En => format!("{n}%"),
    }
}

/// The exact value for `data-value` attributes: Rust's shortest round-trip form, which
/// JavaScript's `Number()` parses back to the same double.
pub(crate) fn exact(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(1234.56, Lang::Fr), "1\u{202f}235");
        assert_eq!(number(1234.56, Lang::En), "1,235");
        assert_eq!(number(12.345, Lang::Fr), "12,3");
        assert_eq!(number(0.01234, Lang::En), "0.0123");
        assert_eq!(mass(12345.0, Lang::En), "12.3\u{a0}t\u{a0}CO\u{2082}e");
        assert_eq!(mass(845.2, Lang::Fr), "845\u{a0}kg\u{a0}CO\u{2082}e");
        assert_eq!(percent(0.4234, Lang::Fr), "42\u{a0}%");
        assert_eq!(count(11.0, Lang::Fr), "11");
        assert_eq!(count(2862.0, Lang::En), "2,862");
        assert_eq!(exact(0.1 + 0.2), "0.30000000000000004");
        // Not a number is not available, never a zero.
        assert_eq!(number(f64::NAN, Lang::Fr), "n.d.");
        assert_eq!(number(f64::NAN, Lang::En), "n/a");
        assert_eq!(number(f64::INFINITY, Lang::En), "n/a");
        assert_eq!(mass(f64::NAN, Lang::Fr), "n.d.");
        assert_eq!(percent(f64::NAN, Lang::En), "n/a");
        assert_eq!(count(f64::NAN, Lang::Fr), "n.d.");
        assert_eq!(number(0.0, Lang::Fr), "0");
    }
}
