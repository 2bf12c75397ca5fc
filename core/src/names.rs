//! Matching the names people write ("Écrans", "PC portable", "Allemagne") to dataset keys:
//! case-, accent-, punctuation- and plural-insensitive, with "did you mean" suggestions.

use crate::names_fold::LATIN_FOLD;
use std::collections::HashMap;

/// A combining diacritical mark (U+0300–U+036F), as decomposed input carries them.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The accent-free letters of a Latin letter ("é" -> "e"), from the generated fold table.
fn fold(c: char) -> Option<&'static str> {
    LATIN_FOLD
        .binary_search_by(|(k, _)| k.cmp(&c))
        .ok()
        .map(|i| LATIN_FOLD[i].1)
}

/// The lower case of a letter the fold table leaves (Ø, Ł, Đ, Greek, Cyrillic...), by the
/// Unicode rules of those blocks; other scripts are kept as written. Not `char::to_lowercase`:
/// its 12 KB table would be the biggest thing in the WebAssembly module after the data.
fn lower(c: char) -> char {
    let u = c as u32;
    let lowered = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        // Latin Extended-A: capitals on even code points, except İ (folded) and ĸ..Ň, Ÿ..Ž.
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        // Cyrillic supplement pairs (Ѡ..Ҁ, Ҋ..Ӏ excluded, Ӑ..ӿ).
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u % 2 == 0 => u + 1,
        0x3D8..=0x3EF if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// Lower-case, accent-free, words separated by one space; punctuation becomes a space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => fold(c).unwrap_or(""),
        };
        if !mapped.is_empty() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(mapped.chars().map(|m| m.to_ascii_lowercase()));
        } else if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(lower(c));
        } else {
            pending_space = true;
        }
    }
    out
}

/// Drops a French or English plural ending from each word ("ecrans" -> "ecran",
/// "bureaux" -> "bureau", "switches" -> "switch") so singular and plural match.
pub fn singularize(normalized: &str) -> String {
    normalized
        .split(' ')
        .map(|w| {
            if w.len() > 4 && w.ends_with("ches") {
                &w[..w.len() - 2]
            } else if w.len() > 3
                && (w.ends_with("aux")
                    || w.ends_with("eux")
                    || (w.ends_with('s') && !w.ends_with("ss")))
            {
                &w[..w.len() - 1]
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The matching key of a name: normalized, singular, without spaces (so "Wi-Fi", "wifi"
/// and "Wi Fi" match).
pub fn match_key(text: &str) -> String {
    singularize(&normalize(text)).replace(' ', "")
}

/// Edits (insertion, deletion, substitution, swap of two neighbours) from one matching key to
/// another, counted on bytes (keys are mostly ASCII; a folded accent counts as a letter). The
/// optimal-string-alignment distance: a typo's distance, in a few lines instead of a crate's
/// generic code in the WebAssembly module.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Rows i - 2, i - 1 and i of the table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()]
}

/// Longest text "did you mean" is computed for (the longest alias is under 30 characters).
const MAX_SUGGESTED_LEN: usize = 80;

/// An index from names (ids, labels, aliases) to item positions.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    keys: HashMap<String, usize>,
    /// (display name, key, item) for suggestions.
    names: Vec<(String, String, usize)>,
}

impl NameIndex {
    /// An empty index.
    pub fn new() -> NameIndex {
        NameIndex::default()
    }

    /// Adds a name for `item`. Returns the item already holding this key, if another one does.
    pub fn insert(&mut self, name: &str, item: usize) -> Option<usize> {
        let key = match_key(name);
        if key.is_empty() {
            return None;
        }
        self.names.push((name.to_string(), key.clone(), item));
        match self.keys.get(&key) {
            Some(&other) if other != item => Some(other),
            Some(_) => None,
            None => {
                self.keys.insert(key, item);
                None
            }
        }
    }

    /// Finds the item a name stands for.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.keys.get(&match_key(name)).copied()
    }

    /// The known name fewest edits away from `name`, within `budget` edits (a typo).
    pub fn closest_within(&self, name: &str, budget: usize) -> Option<(String, usize)> {
        let key = match_key(name);
        if key.len() < 4 || name.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        self.names
            .iter()
            .filter(|(_, k, _)| k.len() >= 4)
            .map(|(display, k, item)| (edit_distance(&key, k), display, *item))
            .filter(|(d, _, _)| *d <= budget)
            .min_by_key(|(d, _, _)| *d)
            .map(|(_, display, item)| (display.clone(), item))
    }

    /// The closest known name, when the text looks like a typo of it (one edit in a short
    /// name, two in a name of 10 letters or more): a wrong "did you mean" is worse than none.
    pub fn suggest(&self, name: &str) -> Option<(String, usize)> {
        let key = match_key(name);
        let budget = if key.len() >= 10 { 2 } else { 1 };
        self.closest_within(name, budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_accents_case_and_punctuation() {
        assert_eq!(
            normalize("Écran  numérique-interactif"),
            "ecran numerique interactif"
        );
        assert_eq!(normalize("Année d'acquisition"), "annee d acquisition");
        assert_eq!(normalize("  Durée de vie (ans) "), "duree de vie ans");
        assert_eq!(normalize("Cœur"), "coeur");
    }

    #[test]
    fn fold_matches_unicode_decomposition() {
        use unicode_normalization::char::is_combining_mark as combining;
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{00C0}'..='\u{024F}').chain('\u{1E00}'..='\u{1EFF}') {
            let reference: String = c.to_string().nfd().filter(|x| !combining(*x)).collect();
            if reference != c.to_string() && reference.is_ascii() && !reference.is_empty() {
                assert_eq!(normalize(&c.to_string()), reference.to_lowercase(), "{c}");
            }
        }
        // Decomposed input (e + U+0301) folds the same as the composed letter.
        assert_eq!(normalize("E\u{0301}cran"), normalize("Écran"));
    }

    #[test]
    fn lower_case_agrees_with_unicode_where_it_applies() {
        // Every letter of the Latin, Greek and Cyrillic blocks `lower` covers.
        for c in ('\u{0041}'..='\u{024F}')
            .chain('\u{0370}'..='\u{03FF}')
            .chain('\u{0400}'..='\u{052F}')
        {
            let mut reference = c.to_lowercase();
            if let (Some(l), None) = (reference.next(), reference.next()) {
                // Only the one-to-one mappings (İ lowers to two chars; it is folded anyway).
                let covered = (c as u32) < 0x180
                    || ('\u{0391}'..='\u{03AB}').contains(&c)
                    || ('\u{03D8}'..='\u{03EF}').contains(&c)
                    || ('\u{0400}'..='\u{0481}').contains(&c)
                    || ('\u{048A}'..='\u{04BF}').contains(&c)
                    || ('\u{04D0}'..='\u{052F}').contains(&c);
                if covered {
                    assert_eq!(lower(c), l, "{c} U+{:04X}", c as u32);
                }
            }
        }
        assert_eq!(
            normalize("ØRESUND Łódź ΑΘΗΝΑ МОСКВА"),
            "øresund łodz αθηνα москва"
        );
    }

    #[test]
    fn singular_and_plural_match() {
        assert_eq!(match_key("Écrans"), match_key("écran"));
        assert_eq!(
            match_key("Ordinateurs portables"),
            match_key("ordinateur portable")
        );
        assert_eq!(match_key("Switches"), match_key("switch"));
        assert_eq!(match_key("bureaux"), "bureau");
        assert_eq!(
            match_key("Point d'accès Wi-Fi"),
            match_key("point d'acces wifi")
        );
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("portable", "portabel"), 1);
        assert_eq!(edit_distance("ecran", "ecrans"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("scanner", "san"), 4);
        for (a, b) in [("laptop", "latpop"), ("switch", "swicth"), ("nas", "san")] {
            assert_eq!(edit_distance(a, b), strsim::osa_distance(a, b), "{a} {b}");
        }
    }

    #[test]
    fn suggests_close_names() {
        let mut idx = NameIndex::new();
        idx.insert("ordinateur portable", 0);
        idx.insert("écran", 1);
        assert_eq!(idx.get("ORDINATEURS PORTABLES"), Some(0));
        let (name, item) = idx.suggest("ordinateur portabel").unwrap();
        assert_eq!((name.as_str(), item), ("ordinateur portable", 0));
        assert!(idx.suggest("grille-pain").is_none());
    }
}
