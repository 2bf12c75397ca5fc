//! Qualifiers people add to a device type ("24 pouces", "A3", "laser", "durci", "48 ports",
//! "rack") or that a model name carries ("2930F-48G", "P2422H"): read once, used to refine a
//! class where the dataset can tell the difference, and named in the line's mapping rule.

use crate::names::normalize;

/// What the words around the head noun say about the device.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Qualifiers {
    /// Screen diagonal in inches ("24 pouces", `27"`, "65 in", "60 cm" → 23.6).
    pub size_in: Option<f64>,
    /// Paper format: "A3" or "A4".
    pub paper: Option<&'static str>,
    /// Laser printing ("laser", "LaserJet").
    pub laser: bool,
    /// Inkjet printing ("jet d'encre", "DeskJet", "EcoTank").
    pub inkjet: bool,
    /// Rugged ("durci", "Toughbook").
    pub rugged: bool,
    /// Rack-mounted (rack, 1U, 2U...).
    pub rack: bool,
    /// Desktop form ("de bureau", "desktop", "mini", "compact").
    pub desktop_form: bool,
    /// Number of ports of a network device ("48 ports", "-48G", "24P").
    pub ports: Option<u32>,
    /// Interactive ("écran interactif").
    pub interactive: bool,
    /// Touch screen ("tactile").
    pub touch: bool,
}

/// Port counts network devices are sold with (a number in a model name is one of these when it
/// stands for ports).
const PORT_COUNTS: &[u32] = &[4, 5, 8, 10, 12, 16, 18, 20, 24, 26, 28, 48, 52];

/// Letters that follow a port count in model names: G(igabit), P(oE), T, FP, LP, TS, XG...
const PORT_SUFFIXES: &[&str] = &[
    "g", "p", "t", "fp", "lp", "ts", "tx", "xg", "poe", "mp", "pd", "gt", "gp", "gfp", "pt", "lpd",
    "sfp",
];

impl Qualifiers {
    /// Reads the qualifiers of a text (a type or a model as written).
    pub fn read(text: &str) -> Qualifiers {
        let mut q = Qualifiers::default();
        q.add(text);
        q
    }

    /// Adds what another text says (the model column); the first value found wins.
    pub fn add(&mut self, text: &str) {
        if self.size_in.is_none() {
            self.size_in = inches_written(text);
        }
        let norm = normalize(text);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).copied().unwrap_or("");
            match *w {
                "a3" | "a3+" => self.paper = self.paper.or(Some("A3")),
                "a4" => self.paper = self.paper.or(Some("A4")),
                "laser" | "laserjet" => self.laser = true,
                "inkjet" | "deskjet" | "officejet" | "ecotank" => self.inkjet = true,
                "jet" if next == "d" || next == "encre" => self.inkjet = true,
                "durci" | "durcie" | "durcis" | "durcies" | "rugged" | "renforce" | "renforcee"
                | "toughbook" | "toughpad" | "durabook" | "getac" => self.rugged = true,
                "rack" | "rackable" | "rackmount" | "1u" | "2u" | "3u" | "4u" => self.rack = true,
                "desktop" | "compact" | "mini" | "bureau" | "unmanaged" => self.desktop_form = true,
                "interactif" | "interactive" | "interactifs" | "interactives" => {
                    self.interactive = true
                }
                "tactile" | "touch" | "touchscreen" => self.touch = true,
                "port" | "ports" if self.ports.is_none() => {
                    if let Some(n) = i.checked_sub(1).and_then(|j| words[j].parse::<u32>().ok()) {
                        self.ports = Some(n);
                    }
                }
                _ => {
                    if self.ports.is_none() {
                        self.ports = port_count(w).or_else(|| {
                            // "USW-24-POE": the count, then its suffix as a word of its own.
                            let n: u32 = w.parse().ok()?;
                            (PORT_COUNTS.contains(&n) && PORT_SUFFIXES.contains(&next)).then_some(n)
                        });
                    }
                }
            }
        }
    }

    /// The qualifiers found, as words for the mapping rule ("24 in, A3, rugged").
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.size_in {
            parts.push(format!(
                "{} in",
                crate::decimal::Num((s * 10.0).round() / 10.0)
            ));
        }
        if let Some(p) = self.paper {
            parts.push(p.to_string());
        }
        for (on, word) in [
            (self.laser, "laser"),
            (self.inkjet, "inkjet"),
            (self.rugged, "rugged"),
            (self.rack, "rack"),
            (self.desktop_form, "desktop form"),
            (self.interactive, "interactive"),
            (self.touch, "touch"),
        ] {
            if on {
                parts.push(word.to_string());
            }
        }
        if let Some(n) = self.ports {
            parts.push(format!("{n} ports"));
        }
        parts.join(", ")
    }
}

/// A port count in a model token: "48g", "24p", "8poe", "48fp" (Cisco, Aruba, HPE, Ubiquiti,
/// TP-Link), or the last two digits of a Netgear-style "gs108" / "gs724t" / "jgs516".
fn port_count(token: &str) -> Option<u32> {
    let digits_end = token
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(token.len(), |(i, _)| i);
    if digits_end > 0 && digits_end <= 2 {
        let (num, suffix) = token.split_at(digits_end);
        let n: u32 = num.parse().ok()?;
        if PORT_COUNTS.contains(&n) && PORT_SUFFIXES.contains(&suffix) {
            return Some(n);
        }
        return None;
    }
    for prefix in ["gs", "jgs", "fs", "xs", "gss", "ms"] {
        if let Some(rest) = token.strip_prefix(prefix) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 3 {
                let n: u32 = digits[1..].parse().ok()?;
                if PORT_COUNTS.contains(&n) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// A screen size written in the text: a number followed by `"`, `''`, `”`, "pouces", "po",
/// "inch", "in", or "cm" (converted); between 5 and 120 inches.
fn inches_written(text: &str) -> Option<f64> {
    // ASCII lower case is enough for digits and units (and keeps Unicode's case tables out of
    // the WebAssembly module).
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',' || bytes[i] == b'.')
        {
            i += 1;
        }
        let number = lower[start..i]
            .trim_end_matches(['.', ','])
            .replace(',', ".");
        let rest = lower[i..].trim_start();
        let unit_inches = [
            "\"", "''", "”", "pouces", "pouce", "po ", "inches", "inch", "in ",
        ]
        .iter()
        .any(|u| rest.starts_with(u))
            || rest == "po"
            || rest == "in";
        let unit_cm = rest.starts_with("cm");
        // The crate's one float parser (std's would add its own tables to the wasm module).
        if let Some(n) = crate::decimal::parse_f64(&number) {
            let inches = if unit_inches {
                Some(n)
            } else if unit_cm {
                Some(n / 2.54)
            } else {
                None
            };
            if let Some(s) = inches.filter(|s| (5.0..=120.0).contains(s)) {
                return Some(s);
            }
        }
    }
    None
}

/// A screen size read from a monitor or display model name ("P2422H" → 24, "U2723QE" → 27,
/// "E24 G5" → 24, "27UL500" → 27, "ActivPanel 75" → 75): the first two-digit number in
/// the plausible range that starts a model token or follows its letters.
pub fn inches_in_model(model: &str) -> Option<f64> {
    for token in normalize(model).split(' ') {
        let letters = token.chars().take_while(char::is_ascii_alphabetic).count();
        let digits: String = token[letters..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.len() >= 2 && letters <= 4 {
            let n = f64::from(digits[..2].parse::<u32>().ok()?);
            if (17.0..=98.0).contains(&n) {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_people_write_them() {
        assert_eq!(Qualifiers::read("Écran 24 pouces").size_in, Some(24.0));
        assert_eq!(Qualifiers::read("Écran 27\"").size_in, Some(27.0));
        assert_eq!(Qualifiers::read("écran 23,8''").size_in, Some(23.8));
        assert_eq!(Qualifiers::read("ENI 75 po").size_in, Some(75.0));
        assert_eq!(Qualifiers::read("Monitor 34 inch").size_in, Some(34.0));
        let cm = Qualifiers::read("Écran 61 cm").size_in.unwrap();
        assert!((cm - 24.0).abs() < 0.1);
        assert_eq!(Qualifiers::read("Switch 48 ports").size_in, None);
        assert_eq!(Qualifiers::read("Serveur 2U").size_in, None);
    }

    #[test]
    fn ports_from_words_and_models() {
        assert_eq!(Qualifiers::read("Switch 48 ports").ports, Some(48));
        assert_eq!(Qualifiers::read("Aruba 2930F-48G-4SFP+").ports, Some(48));
        assert_eq!(Qualifiers::read("Cisco C9200L-24P-4G").ports, Some(24));
        assert_eq!(Qualifiers::read("Netgear GS108").ports, Some(8));
        assert_eq!(Qualifiers::read("Netgear GS724T").ports, Some(24));
        assert_eq!(Qualifiers::read("Ubiquiti USW-24-POE").ports, Some(24));
        assert_eq!(Qualifiers::read("2930F").ports, None);
    }

    #[test]
    fn other_qualifiers() {
        let q = Qualifiers::read("Copieur multifonction A3 laser");
        assert_eq!((q.paper, q.laser), (Some("A3"), true));
        assert!(Qualifiers::read("Tablette durcie").rugged);
        assert!(Qualifiers::read("Imprimante jet d'encre").inkjet);
        assert!(Qualifiers::read("Serveur rack 1U").rack);
        assert!(Qualifiers::read("Switch de bureau").desktop_form);
    }

    #[test]
    fn sizes_in_model_names() {
        assert_eq!(inches_in_model("Dell P2422H"), Some(24.0));
        assert_eq!(inches_in_model("U2723QE"), Some(27.0));
        assert_eq!(inches_in_model("HP E24 G5"), Some(24.0));
        assert_eq!(inches_in_model("LG 27UL500"), Some(27.0));
        assert_eq!(inches_in_model("Promethean ActivPanel 75"), Some(75.0));
        assert_eq!(inches_in_model("ThinkVision"), None);
    }
}
