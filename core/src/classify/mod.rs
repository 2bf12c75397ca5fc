//! What a line is: the device type as people write it ("Écran 24 pouces", "Copieur
//! multifonction A3", "VPI", "Matériel" with model "Aruba 2930F-48G") read into a class of the
//! [`vocabulary`] and a category of the dataset, with the rule that decided — in one place,
//! used by the CSV and JSON readers, GLPI import, scenarios and every other reader.
//!
//! The steps, first that answers wins:
//! 1. the whole text is a name of the vocabulary (an ambiguous word is read by its stated rule,
//!    with a warning naming the assumption);
//! 2. the whole text is a name of the dataset's own categories (a user dataset's names);
//! 3. the longest group of words that is a name ("Imprimante" in "Imprimante laser couleur");
//! 4. the model series ("Latitude" is a laptop), in the model column or the type itself.
//!
//! Qualifiers (size, A3, laser, rugged, rack, ports) then refine the class where the
//! vocabulary has a finer class; a finer class the dataset has no figure for falls back to its
//! parent, and a class with no figure at all is evaluated as *not available*.

pub mod models;
pub mod qualifiers;

// The vocabulary and how a dataset answers its classes are the dataset's inputs as much as the
// classifier's: they live below both, and keep their paths here.
pub use crate::dataset::Target;
pub use crate::vocabulary;

use crate::dataset::{CategoryRef, Dataset};
use crate::names::{match_key, normalize};
use crate::vocabulary::{Class, Entry, AMBIGUOUS, CLASSES};
use qualifiers::Qualifiers;

/// Why a line got its category (JSON `mapping_rule`).
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// The dataset category the line is evaluated with.
    pub category: CategoryRef,
    /// The vocabulary class read (before any fallback to a parent class), if any.
    pub class: Option<&'static str>,
    /// How it was decided, in words ("head noun “imprimante” + laser → laser_printer").
    pub rule: String,
    /// The assumption made for an ambiguous word, said to the user as a warning.
    pub assumption: Option<&'static str>,
}

fn lookup(index: &[(String, Entry)], key: &str) -> Option<Entry> {
    index
        .binary_search_by(|(k, _)| k.as_str().cmp(key))
        .ok()
        .map(|i| index[i].1)
}

/// Whether class `finer` is a strict refinement of class `of` (through its parents).
fn descends(finer: usize, of: usize) -> bool {
    let mut parent = CLASSES[finer].parent;
    while let Some(p) = parent {
        if p == CLASSES[of].id {
            return true;
        }
        parent = vocabulary::class_by_id(p).and_then(|c| c.parent);
    }
    false
}

fn class_index(id: &str) -> Option<usize> {
    CLASSES.iter().position(|c| c.id == id)
}

/// The finer class qualifiers point to, from a class; with the qualifier that decided.
fn refine(class: &'static Class, q: &Qualifiers) -> Option<(&'static str, String)> {
    let size = q.size_in;
    let to = match class.id {
        "monitor" | "tv" if q.interactive && size.is_some_and(|s| s >= 50.0) => {
            return refine_interactive(size).or(Some(("interactive_display", "interactive".into())))
        }
        "monitor" if size.is_some_and(|s| s >= 40.0) => {
            ("signage_display", format!("{} in ≥ 40 in", num(size)))
        }
        "interactive_display" => return refine_interactive(size),
        "printer" if q.laser => ("laser_printer", "laser".into()),
        "multifunction_printer" | "printer" | "laser_printer" if q.paper == Some("A3") => {
            ("copier_a3", "A3".into())
        }
        "laptop" if q.rugged => ("rugged_laptop", "rugged".into()),
        "tablet" if q.rugged => ("rugged_tablet", "rugged".into()),
        "network_switch" => match (q.rack, q.desktop_form, q.ports) {
            (true, _, _) => ("network_switch_rack", "rack".into()),
            (_, true, _) => ("network_switch_desktop", "desktop form".into()),
            (_, _, Some(n)) if n >= 24 => ("network_switch_rack", format!("{n} ports ≥ 24")),
            (_, _, Some(n)) => ("network_switch_desktop", format!("{n} ports ≤ 20")),
            _ => return None,
        },
        "firewall" if q.desktop_form => ("firewall_desktop", "desktop form".into()),
        _ => return None,
    };
    Some(to)
}

fn refine_interactive(size: Option<f64>) -> Option<(&'static str, String)> {
    match size {
        Some(s) if s <= 65.0 => Some((
            "interactive_display_small",
            format!("{} in ≤ 65 in", num(size)),
        )),
        Some(s) if s >= 70.0 => Some((
            "interactive_display_large",
            format!("{} in ≥ 70 in", num(size)),
        )),
        _ => None,
    }
}

fn num(x: Option<f64>) -> crate::decimal::Num {
    crate::decimal::Num(x.map_or(0.0, |s| (s * 10.0).round() / 10.0))
}

/// The longest group of consecutive words of `words` that is a known name: (entry, the words).
fn longest_name(
    words: &[&str],
    vocabulary: &[(String, Entry)],
    ds: &Dataset,
) -> Option<(Result<Entry, CategoryRef>, String)> {
    for len in (1..=words.len().min(6)).rev() {
        for start in 0..=words.len() - len {
            let group = words[start..start + len].join(" ");
            let key = match_key(&group);
            if key.len() < 2 || key.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if let Some(e) = lookup(vocabulary, &key) {
                if e != Entry::Vague {
                    return Some((Ok(e), group));
                }
            } else if let Some(c) = ds.find_category_name(&group) {
                return Some((Err(c), group));
            }
        }
    }
    None
}

/// `what “text”suffix`, for the mapping rule.
fn said(what: &str, text: &str, suffix: &str) -> String {
    [what, " “", text, "”", suffix].concat()
}

/// Reads a device type (and its model, when given) into a dataset category. `Err` carries a
/// plausible "did you mean", or `None` when nothing is close enough to be worth saying.
pub fn classify(
    ds: &Dataset,
    text: &str,
    model: Option<&str>,
) -> Result<Classification, Option<String>> {
    let vocabulary = ds.vocabulary_index();
    let model = model.map(str::trim).filter(|m| !m.is_empty());
    let key = match_key(text);
    let mut qualifiers = Qualifiers::read(text);
    if let Some(m) = model {
        qualifiers.add(m);
    }

    // 1-3: the type column.
    let mut found: Option<(usize, String, Option<&'static str>)> = None;
    let mut vague = key.is_empty();
    match lookup(vocabulary, &key) {
        Some(Entry::Class(i)) => found = Some((i, said("name", text.trim(), ""), None)),
        Some(Entry::Ambiguous(a)) => {
            let (word, id, why) = AMBIGUOUS[a];
            found = class_index(id).map(|i| (i, said("ambiguous word", word, ""), Some(why)));
        }
        Some(Entry::Vague) => vague = true,
        None => {
            let own = ds.find_category_name(text);
            if let Some(i) = own.and_then(|c| class_index(&ds.category(c).id)) {
                // A dataset's name for a class of the vocabulary: refined like any other.
                found = Some((i, said("name", text.trim(), " of the dataset"), None));
            } else if let Some(c) = own {
                return Ok(Classification {
                    category: c,
                    class: None,
                    rule: said("name", text.trim(), " of the dataset"),
                    assumption: None,
                });
            }
            let norm = normalize(text);
            let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
            match longest_name(&words, vocabulary, ds).filter(|_| found.is_none()) {
                Some((Ok(Entry::Class(i)), group)) => {
                    found = Some((i, said("head noun", &group, ""), None))
                }
                Some((Ok(Entry::Ambiguous(a)), group)) => {
                    // A near miss of a whole name is a typo to point out, not a text to read
                    // by one ambiguous word ("ordinateur portabel" is no "ordinateur").
                    if let Some(s) = typo_of_phrase(&key) {
                        return Err(Some(s));
                    }
                    let (_, id, why) = AMBIGUOUS[a];
                    found =
                        class_index(id).map(|i| (i, said("ambiguous word", &group, ""), Some(why)));
                }
                Some((Err(c), group)) if class_index(&ds.category(c).id).is_some() => {
                    let i = class_index(&ds.category(c).id).unwrap_or_default();
                    found = Some((
                        i,
                        said("head noun", &group, " (a name of the dataset)"),
                        None,
                    ));
                }
                Some((Err(c), group)) => {
                    return Ok(Classification {
                        category: c,
                        class: None,
                        rule: said("head noun", &group, " (a name of the dataset)"),
                        assumption: None,
                    })
                }
                Some((Ok(Entry::Vague), _)) | None => {}
            }
        }
    }

    // 4: the model series, when the type says too little or only by an assumption.
    if found
        .as_ref()
        .is_none_or(|(_, _, assumption)| assumption.is_some())
    {
        let by_model = model
            .and_then(|m| models::series_class(&normalize(m)).map(|s| (s, m)))
            .or_else(|| models::series_class(&normalize(text)).map(|s| (s, text)));
        if let Some(((id, pattern), written)) = by_model {
            if let Some(i) = class_index(id) {
                found = Some((
                    i,
                    [
                        &said("model series", pattern, " in"),
                        " “",
                        written.trim(),
                        "”",
                    ]
                    .concat(),
                    None,
                ));
            }
        }
    }
    let Some((mut i, mut rule, assumption)) = found else {
        return Err(if vague { None } else { suggest(ds, text) });
    };
    // A model naming a finer class of the one read ("Photocopieur" + "bizhub C250i": an A3
    // copier) refines it.
    if let Some((id, pattern)) = model.and_then(|m| models::series_class(&normalize(m))) {
        if let Some(j) = class_index(id).filter(|j| descends(*j, i)) {
            rule.push_str(&said(" + model series", pattern, ""));
            i = j;
        }
    }

    // Qualifiers refine; a model's screen size counts for displays.
    let mut class = &CLASSES[i];
    let screen = ["monitor", "tv", "signage_display", "interactive_display"];
    if qualifiers.size_in.is_none() && screen.contains(&class.id) {
        qualifiers.size_in = model.and_then(qualifiers::inches_in_model);
    }
    while let Some((finer, why)) = refine(class, &qualifiers) {
        match vocabulary::class_by_id(finer) {
            Some(c) if c.id != class.id => {
                rule.push_str(" + ");
                rule.push_str(&why);
                class = c;
            }
            _ => break,
        }
    }
    rule.push_str(" → ");
    rule.push_str(class.id);
    let (category, via) = ds.class_target(class.id);
    match via {
        Target::Own => {}
        Target::Parent(p) => {
            rule.push_str(&[" (no figure of its own in this dataset: ", p, "'s)"].concat())
        }
        Target::NotAvailable => rule.push_str(" (no figure in this dataset: not available)"),
    }
    let described = qualifiers.describe();
    if !described.is_empty() {
        rule.push_str("; qualifiers: ");
        rule.push_str(&described);
    }
    Ok(Classification {
        category,
        class: Some(class.id),
        rule,
        assumption,
    })
}

/// A class as a dataset answers it, for listings (`empreinte factors`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClassInfo {
    /// The class id (a vocabulary class, or a category of the dataset outside the vocabulary).
    pub id: String,
    /// Label in French.
    pub label_fr: String,
    /// Label in English.
    pub label_en: String,
    /// Family of the class (`terminal`, `display`, `printing`...).
    pub group: String,
    /// Names that read as this class: the vocabulary's and the dataset's own aliases.
    pub aliases: Vec<String>,
    /// `direct`, `proxy`, `parent` (figures of `evaluated_as`) or `not_available`.
    pub coverage: &'static str,
    /// The dataset category its lines are evaluated with.
    pub evaluated_as: String,
}

/// Every class of the vocabulary, then every category of the dataset outside it, with how the
/// dataset answers for each.
pub fn classes(ds: &Dataset) -> Vec<ClassInfo> {
    let mut out: Vec<ClassInfo> = CLASSES
        .iter()
        .map(|c| {
            let (cat, target) = ds.class_target(c.id);
            let category = ds.category(cat);
            let mut aliases: Vec<String> = c.phrases.iter().map(|p| p.to_string()).collect();
            if target == Target::Own {
                for a in &category.aliases {
                    if !aliases.iter().any(|x| match_key(x) == match_key(a)) {
                        aliases.push(a.clone());
                    }
                }
            }
            ClassInfo {
                id: c.id.into(),
                label_fr: c.label_fr.into(),
                label_en: c.label_en.into(),
                group: c.group.into(),
                aliases,
                coverage: match target {
                    Target::Own => category.coverage.id(),
                    Target::Parent(_) => "parent",
                    Target::NotAvailable => "not_available",
                },
                evaluated_as: category.id.clone(),
            }
        })
        .collect();
    for c in ds.categories() {
        if vocabulary::class_by_id(&c.id).is_none() && !out.iter().any(|i| i.evaluated_as == c.id) {
            out.push(ClassInfo {
                id: c.id.clone(),
                label_fr: c.label_fr.clone(),
                label_en: c.label_en.clone(),
                group: c.group.clone(),
                aliases: c.aliases.clone(),
                coverage: c.coverage.id(),
                evaluated_as: c.id.clone(),
            });
        }
    }
    out
}

/// A "did you mean" only for what looks like a typo of a name (one or two letters off), never
/// a guess from a shared fragment ("scanner" is not "SAN").
pub(crate) fn suggest(ds: &Dataset, text: &str) -> Option<String> {
    if text.len() > 80 {
        return None;
    }
    let key = match_key(text);
    typo_of_phrase(&key).or_else(|| ds.typo_of_category_name(text, typo_budget(&key)))
}

/// Edits a typo may take: one in a short name, two in a long one.
fn typo_budget(key: &str) -> usize {
    if key.len() >= 10 {
        2
    } else {
        1
    }
}

/// The vocabulary name a matching key is a typo of, as "name (class)".
fn typo_of_phrase(key: &str) -> Option<String> {
    if key.len() < 4 || key.len() > 80 {
        return None;
    }
    let budget = typo_budget(key);
    let mut best: Option<(usize, String)> = None;
    let names = CLASSES
        .iter()
        .flat_map(|c| {
            [c.label_fr, c.label_en]
                .into_iter()
                .chain(c.phrases.iter().copied())
                .map(move |n| (n, c.id))
        })
        .chain(AMBIGUOUS.iter().map(|(word, id, _)| (*word, *id)));
    for (name, id) in names {
        let k = match_key(name);
        if k.len() < 4 || k == key {
            continue;
        }
        let d = crate::names::edit_distance(key, &k);
        if d <= budget && best.as_ref().is_none_or(|(b, _)| d < *b) {
            // "laptop" rather than "Laptop (laptop)" when the name is the id.
            let shown = if k == match_key(id) {
                id.to_string()
            } else {
                [name, " (", id, ")"].concat()
            };
            best = Some((d, shown));
        }
    }
    best.map(|(_, s)| s)
}

// Reading device types is the classifier's: these methods of `Dataset` live with it.
impl Dataset {
    /// Resolves a device type written any way people write it ("Écran 24 pouces", "VPI"),
    /// through the shared vocabulary ([`crate::classify`]).
    pub fn find_category(&self, name: &str) -> Option<CategoryRef> {
        self.classify(name, None).ok().map(|c| c.category)
    }

    /// Reads a device type and its model into a category, with the rule that decided; `Err`
    /// holds a plausible "did you mean", if any.
    pub fn classify(
        &self,
        name: &str,
        model: Option<&str>,
    ) -> Result<Classification, Option<String>> {
        classify(self, name, model)
    }

    /// The closest name when the text looks like a typo of one (a letter or two off), for
    /// "did you mean" messages; `None` rather than a misleading guess.
    pub fn suggest_category(&self, name: &str) -> Option<String> {
        suggest(self, name)
    }

    /// Every class a commune may own, with how this dataset answers for it (its own figures,
    /// a proxy, a parent class's, or not available) and the names that read as it.
    pub fn classes(&self) -> Vec<ClassInfo> {
        classes(self)
    }
}

#[cfg(test)]
mod tests;
