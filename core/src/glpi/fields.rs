//! Small readers for what GLPI writes: years in dates, agent device ids, monitor EDID blocks.

use base64::Engine;

/// Earliest and latest years taken as plausible acquisition years.
const YEARS: std::ops::RangeInclusive<i32> = 1980..=2100;

/// The year of a date as GLPI writes it: `2021-03-15`, `2021-03-15 10:22:00`, `15-03-2021`,
/// `15/03/2021`, `03-15-2021`, `32/2015` (EDID week/year). The first group of exactly four
/// digits that is a plausible year.
pub(crate) fn year_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|g| g.len() == 4)
        .filter_map(|g| g.parse::<i32>().ok())
        .find(|y| YEARS.contains(y))
}

/// The date an agent put in its device id (`name-YYYY-MM-DD-HH-MM-SS`): the agent's first run,
/// kept from one inventory to the next. Returns the year.
pub(crate) fn deviceid_year(deviceid: &str) -> Option<i32> {
    let parts: Vec<&str> = deviceid.rsplitn(7, '-').collect();
    if parts.len() < 7 {
        return None;
    }
    // parts: [ss, mm, hh, DD, MM, YYYY, name]
    let numeric = parts[..6]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numeric || parts[5].len() != 4 {
        return None;
    }
    parts[5].parse().ok().filter(|y| YEARS.contains(y))
}

/// What a monitor's EDID block says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edid {
    /// Three-letter PNP manufacturer id (`SHP`, `DEL`...).
    pub manufacturer: String,
    /// Year of manufacture (or model year).
    pub year: Option<i32>,
    /// Diagonal of the visible area in inches, when the EDID gives the size.
    pub diagonal_inches: Option<f64>,
}

/// Decodes the 128-byte base EDID block GLPI agents send base64-encoded (`monitors[].base64`).
pub(crate) fn decode_edid(b64: &str) -> Option<Edid> {
    let clean: String = b64.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .ok()?;
    if bytes.len() < 128 || bytes[..8] != [0, 255, 255, 255, 255, 255, 255, 0] {
        return None;
    }
    let id = u16::from_be_bytes([bytes[8], bytes[9]]);
    let letter = |shift: u16| -> Option<char> {
        let v = ((id >> shift) & 0x1f) as u8;
        (1..=26).contains(&v).then(|| (b'A' + v - 1) as char)
    };
    let manufacturer: String = [letter(10)?, letter(5)?, letter(0)?].iter().collect();
    let year = (bytes[17] > 0).then(|| 1990 + bytes[17] as i32);
    let (w, h) = (bytes[21] as f64, bytes[22] as f64);
    let diagonal_inches = (w > 0.0 && h > 0.0).then(|| (w * w + h * h).sqrt() / 2.54);
    Some(Edid {
        manufacturer,
        year,
        diagonal_inches,
    })
}

/// PNP ids and names of panel makers: a screen of theirs inside a laptop, a tablet or an
/// all-in-one is the device's own panel, not a monitor of its own.
pub(crate) const PANEL_MAKER_IDS: &[&str] = &[
    "SHP", "LGD", "AUO", "CMN", "CMO", "BOE", "SDC", "IVO", "CSO", "CSW", "NCP", "HSD", "CPT",
    "INL", "LPL", "SEC", "KDB", "TMA",
];
pub(crate) const PANEL_MAKER_NAMES: &[&str] = &[
    "sharp",
    "lg display",
    "au optronics",
    "chimei",
    "chi mei",
    "innolux",
    "boe",
    "samsung display",
    "infovision",
    "hannstar",
    "chunghwa",
    "panda",
    "csot",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_in("2021-03-15"), Some(2021));
        assert_eq!(year_in("15/03/2021 10:22"), Some(2021));
        assert_eq!(year_in("32/2015"), Some(2015));
        assert_eq!(year_in("Mon Feb 20 14:21"), None);
        assert_eq!(year_in("0000-00-00"), None);
        assert_eq!(deviceid_year("glpixps-2018-07-09-09-07-13"), Some(2018));
        assert_eq!(
            deviceid_year("Mi9TPro-TéléphoneM-2019-12-18-14-30-16"),
            Some(2019)
        );
        assert_eq!(deviceid_year("foo"), None);
        assert_eq!(deviceid_year("a-b-c-d-e-f-g"), None);
    }

    #[test]
    fn edid_of_a_laptop_panel() {
        let e = decode_edid("AP///////wBNEEkUAAAAACAZAQSlHRF4Dt5Qo1RMmSYPUFQAAAABAQEBAQEBAQEBAQEBAQEBGjaAoHA4H0AwIDUAJqUQAAAYAAAAEAAAAAAAAAAAAAAAAAAAAAAA/gBESkNQNoBMUTEzM00xAAAAAAACQQMoABIAAAsBCiAgAGY=").unwrap();
        assert_eq!(e.manufacturer, "SHP");
        assert_eq!(e.year, Some(2015));
        let d = e.diagonal_inches.unwrap();
        assert!((13.0..13.5).contains(&d), "{d}");
        assert!(decode_edid("not base64!").is_none());
        assert!(decode_edid("AAAA").is_none());
    }
}
