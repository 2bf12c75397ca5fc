//! The compact copy (`compact.rs`) loads to the same dataset as the full files: same factors,
//! figures, sources and cited rows; the same class for every name the full set knows.

use super::compact::{compact, Kind};
use super::{Dataset, DatasetFiles};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/ademe-negaoctet-2022/");

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{file}")).unwrap()
}

fn load(files: [String; 7]) -> Dataset {
    Dataset::from_files(&DatasetFiles {
        datapackage: &files[0],
        sources: &files[1],
        zones: &files[2],
        categories: &files[3],
        embodied: &files[4],
        refurbishment: Some(&files[5]),
        electricity: &files[6],
    })
    .unwrap()
}

fn full() -> [String; 7] {
    super::load::FILE_NAMES.map(read)
}

#[test]
fn compact_is_lossless() {
    for keep_notes in [true, false] {
        let whole = load(full());
        let mut files = full();
        for (i, kind) in [
            (1, Kind::Sources),
            (3, Kind::Categories),
            (4, Kind::Embodied),
            (5, Kind::Refurbishment),
            (6, Kind::Electricity),
        ] {
            files[i] = compact(&files[i], kind, keep_notes).unwrap();
            // Sources lose only their notes.
            let shorter = kind != Kind::Sources || !keep_notes;
            assert_eq!(files[i].len() < full()[i].len(), shorter);
        }
        let lean = load(files);
        assert_eq!(whole.sources().len(), lean.sources().len());
        for (a, b) in whole.sources().iter().zip(lean.sources()) {
            let mut b = b.clone();
            if !keep_notes {
                b.note = a.note.clone();
            }
            assert_eq!(*a, b);
        }
        assert_eq!(whole.factors().len(), lean.factors().len());
        for (a, b) in whole.factors().iter().zip(lean.factors()) {
            let mut b = b.clone();
            if !keep_notes {
                assert!(b.note.is_empty());
                b.note = a.note.clone();
            }
            assert_eq!(*a, b);
        }
        let with_figures = |c: &&super::Category| c.coverage != super::Coverage::NotAvailable;
        assert_eq!(whole.categories().len(), lean.categories().len());
        for (a, b) in whole
            .categories()
            .iter()
            .filter(with_figures)
            .zip(lean.categories().iter().filter(with_figures))
        {
            assert_eq!(
                (&a.id, a.lifetime_years, a.power_w, &a.source_row),
                (&b.id, b.lifetime_years, b.power_w, &b.source_row)
            );
            // Every name the full set gives a class reads the same without its aliases: the
            // shared vocabulary covers them.
            let class = |ds: &Dataset, name: &str| {
                ds.classify(name, None)
                    .map(|c| ds.category(c.category).id.clone())
                    .ok()
            };
            let missing: Vec<String> = a
                .aliases
                .iter()
                .filter(|n| class(&whole, n) != class(&lean, n))
                .map(|n| format!("{n} ({})", a.id))
                .collect();
            assert!(missing.is_empty(), "add to the vocabulary: {missing:?}");
        }
    }
}
